from django.urls import path

from . import public

app_name = "notices-public"

urlpatterns = [
    path(
        "applications/status/notices/<int:notice_pk>.pdf",
        public.download,
        name="download",
    ),
]
