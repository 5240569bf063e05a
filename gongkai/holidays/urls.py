from django.urls import path

from . import views

app_name = "holidays"

urlpatterns = [
    path("agencies/<slug:slug>/deadline/", views.deadline, name="deadline"),
    path("holidays/notice/", views.enter_notice_view, name="notice"),
]
