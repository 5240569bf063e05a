"""The JSON API under /api/ (django-ninja): one NinjaAPI, each app adding its router here.

The OpenAPI schema at /api/openapi.json is generated from the routers' type hints; it is never
written by hand. Each app's router lives in its own ``api.py`` (for example
``gongkai/applications/api.py``) and is added below.
"""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="gongkai API",
    version="1",
    description="政府信息公开平台的接口：依申请公开、主动公开目录与年度报告。",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # no Swagger page: it loads scripts from a CDN, which the CSP forbids
)


@api.get("/health", tags=["platform"], summary="服务状态")
def health(request) -> dict:
    """A cheap liveness answer for load balancers and the API's own tests."""
    return {"status": "ok"}


from gongkai.applications.api import router as applications_router  # noqa: E402

api.add_router("/", applications_router)
api.add_router("/catalog/", "gongkai.catalog.api.router")
