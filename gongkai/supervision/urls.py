"""Staff pages of 监督保障 records (namespace ``supervision``), each taking the body's slug."""

from django.urls import path

from . import views, views_more

app_name = "supervision"

base = "supervision/<slug:slug>/"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(base + "export/", views.export, name="export"),
    path(base + "import/", views.import_page, name="import"),
    path(base + "group/", views.group, name="group"),
    path(base + "r/<str:kind>/", views.records, name="records"),
    path(base + "r/<str:kind>/<int:record_pk>/", views.record_edit, name="record-edit"),
    path(base + "consultations/<int:consultation_pk>/apply/", views_more.apply, name="apply"),
    path(base + "inspections/start/", views_more.start_inspection, name="inspection-start"),
    path(base + "inspections/<int:inspection_pk>/", views_more.inspection, name="inspection"),
    path(base + "reassess/", views_more.reassessments, name="reassess"),
    path(base + "reassess/<int:item_pk>/", views_more.reassess_item, name="reassess-item"),
]

# The supervisor's dashboard across the subtree and its 通报 draft (views_dashboard.py).
from . import views_dashboard  # noqa: E402

board = base + "dashboard/<int:year>/"
urlpatterns += [
    path(board, views_dashboard.dashboard_page, name="dashboard"),
    path(board + "chart/<str:kind>.svg", views_dashboard.dashboard_chart, name="dashboard-chart"),
    path(board + "notice.docx", views_dashboard.notice_download, name="notice-docx"),
    path(board + "check/", views_dashboard.batch_check, name="batch-check"),
]
