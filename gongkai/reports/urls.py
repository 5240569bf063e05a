from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("check/", views.check_reports, name="check"),
    path("check/<uuid:check_id>/", views.check_progress, name="progress"),
    path("check/<uuid:check_id>/results.csv", views.check_csv, name="results-csv"),
]

# The annual report's staff pages (gongkai/reports/staff_urls.py).
from .staff_urls import urlpatterns as staff_urlpatterns  # noqa: E402

urlpatterns += staff_urlpatterns

# The government-level roll-up (gongkai/reports/rollup_urls.py).
from .rollup_urls import urlpatterns as rollup_urlpatterns  # noqa: E402

urlpatterns += rollup_urlpatterns
