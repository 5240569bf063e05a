from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    verbose_name = "基层政务公开标准目录"
