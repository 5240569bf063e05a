from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("check/", views.check_reports, name="check"),
]

# The annual report's staff pages (gongkai/reports/staff_urls.py).
from .staff_urls import urlpatterns as staff_urlpatterns  # noqa: E402

urlpatterns += staff_urlpatterns
