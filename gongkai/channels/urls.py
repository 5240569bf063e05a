from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [
    path("agencies/<slug:slug>/channels/", views.channel_list, name="list"),
    path("agencies/<slug:slug>/channels/<int:channel_pk>/", views.channel_detail, name="detail"),
    path("agencies/<slug:slug>/noticeboard/", views.noticeboard_print, name="print"),
]
