from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "gongkai.public"

    def ready(self):
        from gongkai import checks  # noqa: F401 - registers the deployment checks
