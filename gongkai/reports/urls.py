from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("check/", views.check_reports, name="check"),
]
