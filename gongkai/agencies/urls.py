from django.urls import path

from . import views

app_name = "agencies"

# Every body-scoped page takes the body's slug in its path, so that the access walk
# (tests/test_access_urls.py) can fill it in and prove other bodies' staff are refused.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password-change"),
    path("password/done/", views.password_change_done, name="password-change-done"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("agencies/<slug:slug>/edit/", views.edit_agency, name="agency-edit"),
]
