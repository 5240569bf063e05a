from django.urls import path

from . import views_staff as views

app_name = "applications"

urlpatterns = [
    path("agencies/<slug:slug>/applications/", views.queue, name="queue"),
    path("agencies/<slug:slug>/applications/export.xlsx", views.export, name="export"),
    path("agencies/<slug:slug>/applications/new/", views.intake, name="intake"),
    path("agencies/<slug:slug>/applications/import/", views.ledger_import, name="import"),
    path("agencies/<slug:slug>/applications/<str:receipt>/", views.detail, name="detail"),
    path("agencies/<slug:slug>/applications/<str:receipt>/attach/", views.attach, name="attach"),
    path(
        "agencies/<slug:slug>/applications/<str:receipt>/attachments/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    path("agencies/<slug:slug>/applications/<str:receipt>/<slug:action>/", views.act, name="act"),
]
