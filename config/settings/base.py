"""Settings for every environment, read from the environment.

Unset variables fall back to the embedded default: an SQLite file, e-mail printed
to the console and Celery tasks run in-process. DEBUG is off unless asked for, and
without DEBUG a SECRET_KEY must be given.
"""
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-local-development-only"
    elif env.bool("ALLOW_EPHEMERAL_SECRET_KEY", default=False):
        # manage.py commands (extract_article, load_demo…) sign nothing that must outlive them.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "staff",
    "partnerships",
    "meetings",
    "ops",
    "reminders",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dashboard.middleware.SwitchOnlyLocaleMiddleware",  # LocaleMiddleware without Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dashboard.context_processors.dashboard",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # unaccent/trigram lookups for the dashboard search; SQLite gets a Python fallback.
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django_filters"), "django.contrib.postgres")
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No parallel query by default: a parallel worker takes 3 to 5 ms to start, longer than the
    # LIMITed index walks of a list page, and PostgreSQL still chose one for the admin's search of
    # a common participant name (9.5 ms, against 3.2 without; bench/pages.py found no page slower
    # without). On a 2-core server the workers would also take the CPU of the web workers.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [
        options.get("options"),
        f"-c max_parallel_workers_per_gather={env.int('PG_MAX_PARALLEL_WORKERS_PER_GATHER', default=0)}"]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when CACHE_URL (or REDIS_URL) names one, shared by every web and worker
# process; otherwise this process's memory. Short socket timeouts: an unreachable cache must
# not hold a page (the page cache then renders as if nothing were cached).
CACHE_URL = env("CACHE_URL", default=env("REDIS_URL", default=""))
if CACHE_URL:
    CACHES = {"default": {
        "BACKEND": "ops.redis_cache.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="hn"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}
# With a shared cache, sessions are read from it (ops.sessions: the database stays the record,
# a cache that does not answer costs only the cache; a session is cached at most this long).
SESSION_ENGINE = "ops.sessions" if CACHE_URL else "django.contrib.sessions.backends.db"
SESSION_CACHE_SECONDS = env.int("SESSION_CACHE_SECONDS", default=300)
# Rendered page content is kept until the data changes (dashboard.content_cache), at most this
# long. On only with a shared cache: a write in one process must reach every other one.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if CACHE_URL else 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out a username from an address after AXES_FAILURE_LIMIT.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# A working day; the session also ends when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

# Content-Security-Policy: everything from this server only (the app runs on a closed intranet).
# Scripts are only files; inline style attributes are allowed for data-driven widths of charts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as 21/11/2023 in both languages (Django's own "vi" format spells the month out).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files are evidence: served only by ops.views.protected_media, which checks the login.
MEDIA_URL = "/media/"
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=20)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Hanoi partnerships <no-reply@localhost>")

# Celery: Redis when a broker is configured, otherwise tasks run in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
REMINDER_SCAN_HOUR = env.int("REMINDER_SCAN_HOUR", default=8)
REMINDER_SCAN_MINUTE = env.int("REMINDER_SCAN_MINUTE", default=0)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
REMINDER_EXPIRY_LEAD_DAYS = [90, 30]
REMINDER_DORMANT_EVERY_DAYS = env.int("REMINDER_DORMANT_EVERY_DAYS", default=30)
CELERY_BEAT_SCHEDULE = {
    "reminders-daily-scan": {
        "task": "reminders.tasks.scan_reminders",
        "schedule": crontab(hour=REMINDER_SCAN_HOUR, minute=REMINDER_SCAN_MINUTE),  # CELERY_TIMEZONE: Hanoi
    },
    "agreements-daily-expiry": {
        "task": "reminders.tasks.expire_agreements",
        "schedule": crontab(hour=0, minute=15),
    },
}

DORMANT_AFTER_MONTHS = env.int("DORMANT_AFTER_MONTHS", default=12)
# Adds /bench/bare, the yardstick view of bench/load.py. Never on in production.
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)

# Article ingestion (meetings/ingestion.py, meetings/fetching.py): the largest article accepted
# (pasted, uploaded or fetched), the fetch timeout in seconds, and host names that may be fetched
# even though they resolve to private/loopback addresses (an intranet mirror, the test server).
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=5 * 1024 * 1024)
INGEST_FETCH_TIMEOUT = env.float("INGEST_FETCH_TIMEOUT", default=10.0)
INGEST_URL_ALLOWLIST = env.list("INGEST_URL_ALLOWLIST", default=[])
# A pasted article of up to INGEST_MAX_BYTES must reach the form (Django's default is 2.5 MB);
# anything larger is answered with a message on the form, not a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2621440, INGEST_MAX_BYTES + 256 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
