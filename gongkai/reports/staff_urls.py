"""Staff URLs of the annual report (appended to ``reports.urls`` by one line)."""

from django.urls import path

from . import views_report as v

urlpatterns = [
    path("staff/<slug:slug>/<int:year>/", v.annual, name="annual"),
    path("staff/<slug:slug>/<int:year>/export/<str:form>/", v.annual_export, name="annual-export"),
    path("staff/<slug:slug>/<int:year>/chart/<str:kind>.svg", v.annual_chart, name="annual-chart"),
    path("staff/<slug:slug>/<int:year>/publish/", v.annual_publish, name="annual-publish"),
    path("staff/<slug:slug>/status/<int:year>/", v.annual_status, name="annual-status"),
    path("staff/<slug:slug>/cases/", v.cases, name="cases"),
    path("staff/<slug:slug>/cases/<int:case_pk>/", v.case_detail, name="case"),
    path("staff/<slug:slug>/cases/<int:case_pk>/bundle.zip", v.case_bundle, name="case-bundle"),
]

# Figure overrides and last year's imported report (gongkai/reports/views_overrides.py).
from . import views_overrides as vo  # noqa: E402

urlpatterns += [
    path("staff/<slug:slug>/<int:year>/override/", vo.annual_override, name="annual-override"),
    path("staff/<slug:slug>/<int:year>/prior/", vo.annual_prior, name="annual-prior"),
]
