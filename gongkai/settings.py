"""One env-driven settings file.

The defaults (SQLite in ./data, console e-mail, DEBUG on) make a fresh clone work with
``make run``. Production sets ``GONGKAI_ENV=production`` and the variables documented in
docs/deploy.md; that profile passes ``gongkai check --deploy``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.getenv(name, str(default)))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


PRODUCTION = os.getenv("GONGKAI_ENV", "development") == "production"

DATA_DIR = Path(os.getenv("GONGKAI_DATA_DIR", BASE_DIR / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

# A development key only; production refuses to start without a real one.
SECRET_KEY = os.getenv("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-do-not-use")
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise RuntimeError("SECRET_KEY must be set to at least 50 random characters in production")

DEBUG = envbool("DEBUG", "0" if PRODUCTION else "1")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "gongkai.agencies",
    "gongkai.holidays",
    "gongkai.reports",
    "gongkai.applications",
    "gongkai.public",
    "gongkai.catalog",
    "django.contrib.sitemaps",
    # h8: standard catalogs and channels (docs/standards.md, docs/channels.md)
    "gongkai.standards",
    "gongkai.channels",
    "gongkai.staticsite",
    # h10: 监督保障 records (docs/supervision.md)
    "gongkai.supervision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "gongkai.wsgi.application"

# SQLite in the data folder unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "agencies.User"
LOGIN_URL = "agencies:login"
LOGIN_REDIRECT_URL = "agencies:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout: this many failures for one account (or one address) within the window.
LOGIN_MAX_FAILURES = envint("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "gongkai@localhost")

# The shared cache (rate limits, lockouts) must be one for every app
# server: Redis when REDIS_URL is set (redis://127.0.0.1:6379/0), else the database.
REDIS_URL = os.getenv("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "gongkai"),
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "gongkai_cache",
        }
    )
}
# Hops of X-Forwarded-For written by our own proxies (1 behind nginx; docs/deploy.md).
GONGKAI_TRUSTED_PROXIES = envint("GONGKAI_TRUSTED_PROXIES", 0)

# Working-day calendar (docs/calendar.md). The rule for years without a State Council
# arrangement ("weekends" or "weekends+fixed"), whether one override makes its year covered,
# and how often each process re-checks the override table for other processes' edits.
GONGKAI_CALENDAR_UNCOVERED_RULE = os.getenv("GONGKAI_CALENDAR_UNCOVERED_RULE", "weekends")
GONGKAI_CALENDAR_OVERRIDES_COVER_YEAR = envbool("GONGKAI_CALENDAR_OVERRIDES_COVER_YEAR", "1")
GONGKAI_CALENDAR_RECHECK_SECONDS = envint("GONGKAI_CALENDAR_RECHECK_SECONDS", 30)

# == catalog (主动公开目录; docs/catalog.md) ==
# The platform's 索引号 scheme (reference §4.2, practice §2.4): prefix source "uscc",
# "org_code", "division" or "manual"; separator; year separator; serial width.
GONGKAI_INDEX_SCHEME = {
    "prefix": os.getenv("GONGKAI_INDEX_PREFIX", "org_code"),
    "separator": os.getenv("GONGKAI_INDEX_SEPARATOR", "/"),
    "year_separator": os.getenv("GONGKAI_INDEX_YEAR_SEPARATOR", "-"),
    "serial_width": envint("GONGKAI_INDEX_SERIAL_WIDTH", 5),
}
# Attachment limits, checked before a file is stored or read.
GONGKAI_ATTACHMENT_MAX_BYTES = envint("GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
GONGKAI_IMPORT_MAX_BYTES = envint("GONGKAI_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
GONGKAI_IMPORT_MAX_ROWS = envint("GONGKAI_IMPORT_MAX_ROWS", 5000)
# Public column pages are cached per process for this long; publishing invalidates at once.
GONGKAI_COLUMN_CACHE_SECONDS = envint("GONGKAI_COLUMN_CACHE_SECONDS", 60)
CACHES["column"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "gongkai-column",
    "OPTIONS": {"MAX_ENTRIES": envint("GONGKAI_COLUMN_CACHE_ENTRIES", 2000)},
}
# Table 二 本年废止件数: count 失效 (expired) documents with 废止 ones (UNCONFIRMED; docs/catalog.md).
GONGKAI_TABLE2_COUNT_EXPIRED_AS_REPEALED = envbool("GONGKAI_TABLE2_COUNT_EXPIRED_AS_REPEALED", "1")

if PRODUCTION:
    # Behind nginx terminating TLS (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1")
    SECURE_CONTENT_TYPE_NOSNIFF = True

# == applications (依申请公开; docs/applications.md) ==
# Attachments: a folder outside the web root, or S3-compatible object storage through
# django-storages when GONGKAI_S3_BUCKET is set (several app servers).
GONGKAI_S3_BUCKET = os.getenv("GONGKAI_S3_BUCKET", "")
STORAGES["applications"] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": GONGKAI_S3_BUCKET,
            "endpoint_url": os.getenv("GONGKAI_S3_ENDPOINT_URL") or None,
            "access_key": os.getenv("GONGKAI_S3_ACCESS_KEY") or None,
            "secret_key": os.getenv("GONGKAI_S3_SECRET_KEY") or None,
            "region_name": os.getenv("GONGKAI_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if GONGKAI_S3_BUCKET
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "private", "base_url": None},
    }
)
GONGKAI_APPLICATION_STORAGE = "applications"
GONGKAI_ATTACHMENT_MAX_BYTES = envint("GONGKAI_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
GONGKAI_ATTACHMENT_MAX_FILES = envint("GONGKAI_ATTACHMENT_MAX_FILES", 5)
# 109号 (UNCONFIRMED, reference §2.2): whether the wait for a fee payment is excluded from the
# answer period; on by default, the reference's best reading.
GONGKAI_FEE_WAIT_EXCLUDED = envbool("GONGKAI_FEE_WAIT_EXCLUDED", "1")
# 条例 Art. 31(三): the platform's 受理回执 counts as the body's confirmation of an online
# application (its receipt date is the submission day); off: staff confirm each one.
GONGKAI_ONLINE_RECEIPT_ON_SUBMISSION = envbool("GONGKAI_ONLINE_RECEIPT_ON_SUBMISSION", "1")
# The body-set 补正 period proposed on the form (条例 Art. 30 sets no number), in working days.
GONGKAI_SUPPLEMENT_DAYS = envint("GONGKAI_SUPPLEMENT_DAYS", 15)
# API submissions per client address per hour (a portal submits for many applicants).
GONGKAI_API_SUBMISSIONS_PER_HOUR = envint("GONGKAI_API_SUBMISSIONS_PER_HOUR", 1000)
# Status lookups per client address per hour (gongkai.ratelimit).
GONGKAI_STATUS_LOOKUPS_PER_HOUR = envint("GONGKAI_STATUS_LOOKUPS_PER_HOUR", 30)

TEST_RUNNER = "gongkai.test.Runner"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# == Standard catalogs and channels (docs/standards.md, docs/channels.md) ==
# A 事项 whose newest linked item is older than this many days is flagged (the 90-day rule of
# local 基层 column monitoring, practice.md §5.4; no national figure is confirmed).
GONGKAI_STANDARDS_STALE_DAYS = envint("GONGKAI_STANDARDS_STALE_DAYS", 90)
# A 政务新媒体 account without a post for this many days fails the 国办秘函〔2019〕19号 check.
GONGKAI_CHANNEL_STALE_DAYS = envint("GONGKAI_CHANNEL_STALE_DAYS", 14)
# The public address of this platform (QR codes on 公开栏 prints, absolute links).
GONGKAI_SITE_URL = os.getenv("GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# == supervision (监督保障 records; docs/supervision.md) ==
# 条例 Art. 18 asks for "定期评估审查" of information held back without naming a period
# (UNCONFIRMED): months between two reviews of a 依申请公开 / 不予公开 item, per platform.
GONGKAI_REASSESSMENT_MONTHS = envint("GONGKAI_REASSESSMENT_MONTHS", 12)
