from django.urls import path

from . import views_public as views

app_name = "apply"

urlpatterns = [
    path("bodies/<slug:slug>/apply/", views.apply, name="form"),
    path("bodies/<slug:slug>/apply/receipt/", views.receipt, name="receipt"),
    path("applications/status/", views.status, name="status"),
]
