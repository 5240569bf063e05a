from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path(
        "agencies/<slug:slug>/applications/<str:receipt>/notices/",
        views.case_notices,
        name="case-notices",
    ),
    path("agencies/<slug:slug>/notices/<int:notice_pk>/", views.notice_detail, name="notice"),
    path(
        "agencies/<slug:slug>/notices/<int:notice_pk>.<str:ext>",
        views.notice_download,
        name="notice-download",
    ),
    path("agencies/<slug:slug>/templates/", views.templates_page, name="templates"),
    path(
        "agencies/<slug:slug>/templates/<str:kind>.docx",
        views.template_download,
        name="template-download",
    ),
]
