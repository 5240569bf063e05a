from django.urls import path

from . import views_public

app_name = "annual"

urlpatterns = [
    path("<slug:slug>/<int:year>/", views_public.report, name="report"),
    path("<slug:slug>/<int:year>/v<int:number>/", views_public.version, name="version"),
    path(
        "<slug:slug>/<int:year>/v<int:number>/<str:form>/",
        views_public.version_download,
        name="download",
    ),
]
