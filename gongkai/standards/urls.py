from django.urls import path

from . import views

app_name = "standards"

urlpatterns = [
    path("agencies/<slug:slug>/standards/", views.catalog, name="catalog"),
    path(
        "agencies/<slug:slug>/standards/<int:adoption_pk>/", views.adoption_detail, name="adoption"
    ),
    path(
        "agencies/<slug:slug>/standards/<int:adoption_pk>/matters/<int:matter_pk>/",
        views.matter_detail,
        name="matter",
    ),
]
