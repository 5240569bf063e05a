from django.apps import AppConfig


class StaticsiteConfig(AppConfig):
    name = "gongkai.staticsite"
    verbose_name = "静态导出"
