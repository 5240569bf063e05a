"""Deployment checks of our own, run by ``gongkai check --deploy`` (docs/deploy.md).

Django's checklist cannot know that our production profile serves static files through a
manifest (whitenoise's CompressedManifestStaticFilesStorage): without ``collectstatic`` every
page, 404s included, fails with «Missing staticfiles manifest entry». The check turns that into
one error before the server starts.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error, Tags, register
from django.core.files.storage import storages


@register(Tags.staticfiles, deploy=True)
def static_manifest_check(app_configs=None, **kwargs) -> list[Error]:
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            f"The static files manifest {storage.path(storage.manifest_name)} is missing: "
            "every page would answer 500.",
            hint="Run `gongkai collectstatic --no-input` (docs/deploy.md, step 2).",
            id="gongkai.E001",
        )
    ]
