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
