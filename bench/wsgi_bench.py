"""WSGI entry point of bench/catalog_bench.py (the project's app with bench_settings)."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
