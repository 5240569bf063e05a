"""Staff URLs of the government-level roll-up (appended to ``reports.urls`` by one line)."""

from django.urls import path

from . import views_rollup as v

base = "staff/<slug:slug>/<int:year>/rollup/"
urlpatterns = [
    path(base, v.rollup_page, name="rollup"),
    path(base + "export/<str:form>/", v.rollup_export, name="rollup-export"),
    path(base + "chart/<str:kind>.svg", v.rollup_chart, name="rollup-chart"),
    path(base + "publish/", v.rollup_publish, name="rollup-publish"),
]
