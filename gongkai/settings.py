"""One env-driven settings file.

The defaults (SQLite in ./data, console e-mail, DEBUG on) make a fresh clone work with
``make run``. Production sets ``GONGKAI_ENV=production`` and the variables documented in
docs/deploy.md; that profile passes ``gongkai check --deploy``.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from gongkai.secretkey import DEVELOPMENT_KEY, weakness

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

# A development key only; production refuses to start without a random one (secretkey.py).
SECRET_KEY = os.getenv("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_KEY)
if PRODUCTION and (reason := weakness(SECRET_KEY)):
    raise RuntimeError(f"SECRET_KEY is too weak for production: {reason}")

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
    "axes",
    "csp",
    "gongkai.agencies",
    "gongkai.holidays",
    "gongkai.reports",
    "gongkai.applications",
    "gongkai.public",
    "gongkai.letters",
    "gongkai.catalog",
    "django.contrib.sitemaps",
    # standard catalogs and channels (docs/standards.md, docs/channels.md)
    "gongkai.standards",
    "gongkai.channels",
    "gongkai.staticsite",
    "gongkai.supervision",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.middleware.RefuseNulMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its 429 answer
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
                "gongkai.holidays.context.next_year_warning",
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

# == Lockout (gongkai/lockout.py, docs/security.md): django-axes on the database, one for
# every way in. Within LOGIN_LOCKOUT_MINUTES: LOGIN_MAX_FAILURES failures of one username from
# one address lock that pair; LOGIN_MAX_FAILURES_PER_ADDRESS from one address lock the address.
LOGIN_MAX_FAILURES = envint("LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = envint("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15)
AUTHENTICATION_BACKENDS = [
    "gongkai.lockout.LockoutBackend",  # first: refuses a locked request before any check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "gongkai.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = "gongkai.lockout.failure_limit"
AXES_COOLOFF_TIME = "gongkai.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "gongkai.lockout.client_ip"  # ratelimit.client_address, checked
AXES_LOCKOUT_CALLABLE = "gongkai.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "gongkai.lockout.username_of"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

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
# From this month-day on, staff pages warn while next year's holidays are unknown (practice:
# the State Council notice comes in Oct-Nov; docs/calendar.md).
GONGKAI_NEXT_YEAR_WARNING_FROM = os.getenv("GONGKAI_NEXT_YEAR_WARNING_FROM", "10-01")

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
# Public column pages are cached for this long; publishing invalidates at once.
GONGKAI_COLUMN_CACHE_SECONDS = envint("GONGKAI_COLUMN_CACHE_SECONDS", 60)
CACHES["column"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "gongkai-column",
    "OPTIONS": {"MAX_ENTRIES": envint("GONGKAI_COLUMN_CACHE_ENTRIES", 2000)},
}
# With REDIS_URL the column page cache is in Redis, one for every worker and server (a page
# rendered once, not once per process); GONGKAI_COLUMN_CACHE_SHARED=0 keeps one per process
# (docs/catalog.md, Caching; bench/README.md).
if REDIS_URL and envbool("GONGKAI_COLUMN_CACHE_SHARED", "1"):
    CACHES["column"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "gongkai") + "-column",
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
    # Preload is a promise to browsers that is slow to undo: the deployer opts in
    # (docs/deploy.md); until then Django's reminder that it is off is silenced.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
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

# == Content-Security-Policy (django-csp; docs/security.md): our own files only, no inline
# script or style anywhere (templates use static/css/site.css and static files for JS).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

TEST_RUNNER = "gongkai.test.Runner"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# == Notices (gongkai.letters; docs/letters.md) ==
# Outcome rows whose 答复书 must tell the applicant to apply for review first (行政复议法
# Art. 23 ¶1(四)). Default (None): 3.2 and 3.3.1-3.3.8; which other rows count as "不予公开"
# is UNCONFIRMED (practice.md §3.7): list them all here, comma-separated, to change it.
GONGKAI_RELIEF_REVIEW_FIRST = envlist("GONGKAI_RELIEF_REVIEW_FIRST", "") or None
# Notice kinds that carry the computed 救济 paragraph (answer; add fee if the body wants it).
GONGKAI_RELIEF_KINDS = envlist("GONGKAI_RELIEF_KINDS", "answer")
# Staff reminders: cases due within this many working days (send_reminders).
GONGKAI_REMINDER_DAYS = envint("GONGKAI_REMINDER_DAYS", 3)
# LibreOffice profile for DOCX -> PDF; one per process (two soffice on one profile collide).
GONGKAI_LETTERS_SOFFICE_PROFILE = DATA_DIR / "soffice" / str(os.getpid())

# == Standard catalogs and channels (docs/standards.md, docs/channels.md) ==
# A 事项 whose newest linked item is older than this many days is flagged (the 90-day rule of
# local 基层 column monitoring, practice.md §5.4; no national figure is confirmed).
GONGKAI_STANDARDS_STALE_DAYS = envint("GONGKAI_STANDARDS_STALE_DAYS", 90)
# A 政务新媒体 account without a post for this many days fails the 国办秘函〔2019〕19号 check.
GONGKAI_CHANNEL_STALE_DAYS = envint("GONGKAI_CHANNEL_STALE_DAYS", 14)
# The public address of this platform (QR codes on 公开栏 prints, absolute links).
GONGKAI_SITE_URL = os.getenv("GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# == Report checker (gongkai.reports): background checks of zip uploads ==
# django-tasks with its database backend: no broker; `gongkai db_worker` on any number of
# machines sharing the database runs the checks (docs/deploy.md). Uploads are kept through
# the "report_checks" storage, outside the web root, until checked; results for
# REPORT_CHECK_KEEP_HOURS. The limits themselves are in gongkai/reportengine/limits.py.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STORAGES["report_checks"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": DATA_DIR / "report-checks"},
}
REPORT_CHECK_KEEP_HOURS = envint("REPORT_CHECK_KEEP_HOURS", 24)

# == reports (annual report from the records; docs/annual-report.md) ==
# Fonts of the 公文 exports (GB/T 9704 look). The official faces (方正小标宋简体, 仿宋_GB2312,
# 黑体, 楷体_GB2312) are commercial or not packaged in Debian; the defaults are the installed
# substitutes (scripts/sysdeps.sh): a deployment that has the official fonts names them here.
GONGKAI_REPORT_FONTS = {
    "title": os.getenv("GONGKAI_REPORT_FONT_TITLE", "Noto Serif CJK SC"),  # for 方正小标宋
    "body": os.getenv("GONGKAI_REPORT_FONT_BODY", "AR PL UMing CN"),  # for 仿宋_GB2312
    "heading": os.getenv("GONGKAI_REPORT_FONT_HEADING", "Noto Sans CJK SC"),  # for 黑体
    "subheading": os.getenv("GONGKAI_REPORT_FONT_SUBHEADING", "AR PL UKai CN"),  # for 楷体
}
# Earlier local deadlines set for this platform, per kind of body ("department", "township",
# "county", "prefecture", "province"): "MM-DD" of the following year; the national dates
# (条例 Art. 49, 30号: 01-31 / 02-20 / 03-10 / 03-31) stay the upper bound. Example (怀化):
# GONGKAI_REPORT_LOCAL_DEADLINES = {"department": "01-28"}.
GONGKAI_REPORT_LOCAL_DEADLINES = {
    kind: day
    for kind, _, day in (
        item.partition("=") for item in os.getenv("GONGKAI_REPORT_LOCAL_DEADLINES", "").split(",")
    )
    if kind and day
}
# Which review/litigation cases table 四 holds for a year (UNCONFIRMED, reference §3.5):
# "filed" = those filed in the year; "active" = also earlier ones decided in it or still open.
GONGKAI_TABLE4_YEAR_RULE = os.getenv("GONGKAI_TABLE4_YEAR_RULE", "filed")

# == supervision (监督保障 records; docs/supervision.md) ==
# 条例 Art. 18 asks for "定期评估审查" of information held back without naming a period
# (UNCONFIRMED): months between two reviews of a 依申请公开 / 不予公开 item, per platform.
GONGKAI_REASSESSMENT_MONTHS = envint("GONGKAI_REASSESSMENT_MONTHS", 12)


# == reports: the defence bundle of a 行政复议/诉讼 case (docs/annual-report.md) ==
# Size limit of the zip: the platform's own records are always in; uploaded files past it are
# left out and named in the index. What a 复议机关 or court accepts online is UNCONFIRMED.
GONGKAI_DEFENCE_BUNDLE_MAX_BYTES = envint("GONGKAI_DEFENCE_BUNDLE_MAX_BYTES", 50 * 1024 * 1024)
# Section 五 at least this alike to last year's or a peer's published one is warned about
# (R702/R703, docs/report-checks.md; practice §4.1 "90% identical"). difflib ratio, 0…1.
GONGKAI_SECTION5_SIMILARITY = float(os.getenv("GONGKAI_SECTION5_SIMILARITY", "0.8"))
# The 通报 draft of the supervisor's dashboard asks for corrections within this many natural
# days of its date (a local practice, UNCONFIRMED: no national rule sets it).
GONGKAI_NOTICE_RECTIFY_DAYS = envint("GONGKAI_NOTICE_RECTIFY_DAYS", 15)
