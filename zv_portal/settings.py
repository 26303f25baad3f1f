"""Settings for Z+V Portaal, read from the environment.

Every value that differs between a laptop and production comes from an environment variable
and is validated at start-up: a bad value stops the process with a clear message instead of
silently falling back (the healthchecks approach).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from accounts.oidc.config import form_action_origins, parse_providers

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is false")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The project's apps, from the foundation up (docs/architecture.md): each may import the
    # apps listed before it, never one listed after it (tests/test_layers.py).
    "core",
    "accounts",
    "governance",
    "checklist",
    "casereflection",
    "dashboard",
    "dashboard.reports",
    "notifications",
    # The task queue that sends mail outside the request (docs/mail.md).
    "django_tasks",
    "django_tasks_db",
]

# The one model of a domain app that the foundation refers to (a role holds in a region), named
# here so that core imports no domain app; like AUTH_USER_MODEL.
ZV_REGION_MODEL = "governance.Region"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with sessions from before accounts.backends moved to it (see there).
    "accounts.backends.AuthenticationMiddleware",
    "accounts.sessions.UserSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends sessions whose provider no longer renews them (after the two above: it logs out
    # and leaves a message); refuses password logins when ZV_PASSWORD_LOGIN is off.
    "accounts.oidc.middleware.OIDCSessionRefreshMiddleware",
    # No page without the second factor for those who need one (docs/2fa.md); after the
    # refresh above, so a session the provider ended is closed before anything else.
    "accounts.twofactor.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it sees the view's exceptions first: a value the database cannot hold is a 400.
    "core.middleware.MalformedValueMiddleware",
]

ROOT_URLCONF = "zv_portal.urls"

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
                "dashboard.context_processors.portal",
                "accounts.oidc.context.sso",
            ],
            "string_if_invalid": "",
        },
    }
]

WSGI_APPLICATION = "zv_portal.wsgi.application"

_default_sqlite = f"sqlite:///{BASE_DIR / 'var' / 'zv_portaal.sqlite3'}"
# Connections are kept for a minute and checked before reuse: opening a PostgreSQL connection
# per request cost a third of the page throughput in the load test (docs/performance.md).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_sqlite,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Read whatever the engine, so that a bad value is refused at start-up on SQLite as well.
_prepared_statements = env_bool("DATABASE_PREPARED_STATEMENTS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _prepared_statements:
    # Server-side parameter binding lets psycopg prepare a query once it has run five times on
    # a connection: PostgreSQL then parses and plans it once per connection instead of on every
    # execution. Planning was up to five times the execution time of the small queries of a
    # page; with persistent connections this cut the database's CPU time per page by 40 % and
    # the total by 9 % (docs/performance.md). Switch it off (DATABASE_PREPARED_STATEMENTS=false)
    # behind a pooler in transaction mode that cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait instead of failing when a second request writes at the same moment.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Kept between requests (docs/architecture.md, "What is kept between requests"). Every key
# names the region's change stamps (moved by database triggers in the writing transaction)
# and what the viewer may see, so an entry is never stale and nothing is ever invalidated.
# "default" is shared by every process and machine: Redis/Valkey when CACHE_URL is a
# redis:// address (needs the ``redis`` package), else the database table ``zv_cache``
# (created by core's migration 0002). "local" is each process's own memory in front of it:
# safe for the same reason (a key's content never changes).
_cache_url = os.environ.get("CACHE_URL", "").strip()
if _cache_url.startswith(("redis://", "rediss://", "valkey://")):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_url.replace("valkey://", "redis://", 1),
    }
elif _cache_url in ("", "db"):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "zv_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000), "CULL_FREQUENCY": 4},
    }
elif _cache_url == "locmem":
    _shared_cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    raise ImproperlyConfigured(f"CACHE_URL={_cache_url!r}: use redis://…, valkey://…, db or locmem")
_shared_cache["TIMEOUT"] = env_int("CACHE_TIMEOUT_SECONDS", 24 * 60 * 60)
CACHES = {
    "default": _shared_cache,
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "zv-local",
        "TIMEOUT": env_int("CACHE_TIMEOUT_SECONDS", 24 * 60 * 60),
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_LOCAL_MAX_ENTRIES", 2000)},
    },
}
# ZV_PAGE_CACHE=false serves every page from its view (for comparison in bench/run).
ZV_PAGE_CACHE = env_bool("ZV_PAGE_CACHE", True)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend that reads the user's role stamp with the user (core.roles).
    "accounts.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"

# Single sign-on through OpenID Connect providers (docs/sso.md): OIDC_PROVIDERS=key,key and
# OIDC_<KEY>_... per provider. ZV_PASSWORD_LOGIN=false hides the password form and refuses
# password logins (then at least one provider is required).
OIDC_PROVIDERS = parse_providers(os.environ)
ZV_PASSWORD_LOGIN = env_bool("ZV_PASSWORD_LOGIN", True)
if not ZV_PASSWORD_LOGIN and not OIDC_PROVIDERS:
    raise ImproperlyConfigured(
        "ZV_PASSWORD_LOGIN is false but OIDC_PROVIDERS is empty: nobody could sign in"
    )
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Where `manage.py backup` (make backup) writes by default (docs/operations.md).
BACKUP_DIR = Path(os.environ.get("ZV_BACKUP_DIR", BASE_DIR / "var" / "backups"))

# Sessions: expire after inactivity. The expiry moves with use, at most once a minute
# (core.middleware.SessionIdleRefreshMiddleware), instead of a write per request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Accounts (accounts app, docs/accounts.md): the beheerder's list of inactive accounts shows
# accounts not signed in for this many days; audit log lines older than the retention period
# are removed by the daily ``manage.py purge_audit_log``.
ZV_ACCOUNT_INACTIVE_DAYS = env_int("ZV_ACCOUNT_INACTIVE_DAYS", 180)
ZV_AUDIT_RETENTION_DAYS = env_int("ZV_AUDIT_RETENTION_DAYS", 365)
if ZV_ACCOUNT_INACTIVE_DAYS < 1 or ZV_AUDIT_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        "ZV_ACCOUNT_INACTIVE_DAYS and ZV_AUDIT_RETENTION_DAYS must be at least 1"
    )

# Retention periods of the other kinds (docs/privacy.md), applied by the daily
# ``manage.py apply_retention``; validated at start-up by the system check core.E010.
# Case texts of a reflection are redacted this many years after it was followed up (opgevolgd).
ZV_RETENTION_CASE_TEXT_YEARS = env_int("ZV_RETENTION_CASE_TEXT_YEARS", 2)
# Sent-mail records and digest lines; finished task results of the mail queue.
ZV_RETENTION_SENT_MAIL_DAYS = env_int("ZV_RETENTION_SENT_MAIL_DAYS", 365)
ZV_RETENTION_TASK_RESULT_DAYS = env_int("ZV_RETENTION_TASK_RESULT_DAYS", 30)

# Security headers. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=true.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy: no inline scripts or styles anywhere (django-csp 4 format).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # + the providers' end-session origins: logout redirects there after the POST
        "form-action": ["'self'", *form_action_origins(OIDC_PROVIDERS)],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): lock a username+address after five failures for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    AXES_IPWARE_PROXY_COUNT = 1

# Second factor (docs/2fa.md): required for secretaries and functioneel beheerders, for
# everyone with ZV_2FA_REQUIRED_FOR_ALL. Wrong codes are throttled by django-otp per device and
# locked per user after AXES_FAILURE_LIMIT for AXES_COOLOFF_TIME (accounts.twofactor.throttle).
ZV_2FA_REQUIRED_FOR_ALL = env_bool("ZV_2FA_REQUIRED_FOR_ALL", False)
OTP_TOTP_ISSUER = "Z+V Portaal"
# Passkeys (WebAuthn): the relying party id (the host name) and origin; empty: from the request.
ZV_WEBAUTHN_RP_ID = os.environ.get("ZV_WEBAUTHN_RP_ID", "")
ZV_WEBAUTHN_ORIGIN = os.environ.get("ZV_WEBAUTHN_ORIGIN", "")

# Region exchange upload limit (import files larger than this are refused).
REGION_IMPORT_MAX_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
# Vergaderstukken: at most 20 MB each (governance.uploads). Reading any uploaded file stops
# just past that, whatever the form (core.uploads).
UPLOAD_MAX_BYTES = 20 * 1024 * 1024 + 1
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SIMPLE_HISTORY_REVERT_DISABLED = True

# Mail (docs/mail.md): SMTP from the environment; in development without EMAIL_HOST the mails
# are printed on the console. Sending happens in the worker (db_worker), never in a request.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Z+V Portaal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ZV_DEV_MAILBOX_DIR = BASE_DIR / "var" / "mail"
if DEBUG and not EMAIL_HOST:
    # On the worker's console and in the local mailbox (var/mail/, the page /dev/mail/).
    EMAIL_BACKEND = "notifications.mailbox.DevMailboxBackend"
else:
    # Without EMAIL_HOST outside DEBUG, `check --deploy` warns (notifications.W001): mails
    # stay queued and are retried until a mail server answers.
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def _base_url() -> str:
    """The portal's address as the recipients reach it (links in mails are absolute):
    ZV_PORTAL_BASE_URL; else, without DEBUG, https:// and the first concrete allowed host;
    `check --deploy` warns when there is none (notifications.W002)."""
    if os.environ.get("ZV_PORTAL_BASE_URL"):
        return os.environ["ZV_PORTAL_BASE_URL"].rstrip("/")
    if DEBUG:
        return "http://localhost:8000"
    hosts = [h for h in ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    return f"https://{hosts[0]}" if hosts else ""


PORTAL_BASE_URL = _base_url()
# The task queue: django-tasks with its database backend (django-tasks-db). The worker runs
# `manage.py db_worker`; the scheduler runs `manage.py send_pending_mail` every minute.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Delivery attempts before a mail is marked mislukt (back-off 1, 5, 25, 125 minutes, then 6 h).
ZV_MAIL_MAX_ATTEMPTS = env_int("ZV_MAIL_MAX_ATTEMPTS", 8)
# Minutes a notice about a change to a published agenda waits before it is sent: further
# changes in that time are in the same mail (docs/mail.md, "agenda_gewijzigd").
ZV_MAIL_CHANGE_DELAY_MINUTES = env_int("ZV_MAIL_CHANGE_DELAY_MINUTES", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # WeasyPrint warns about every CSS rule it does not support (screen media queries of the
    # site stylesheet, print-color-adjust); those are expected, errors are not.
    "loggers": {"weasyprint": {"level": os.environ.get("ZV_WEASYPRINT_LOG_LEVEL", "ERROR")}},
}

# Printed reports (reports.pdf): per process at most ZV_PDF_CONCURRENCY PDFs are rendered at
# once and ZV_PDF_QUEUE more wait (at most ZV_PDF_WAIT_SECONDS); beyond that the download gets
# 503 "probeer het zo opnieuw" instead of taking a worker away from the pages.
ZV_PDF_CONCURRENCY = env_int("ZV_PDF_CONCURRENCY", 1)
ZV_PDF_QUEUE = env_int("ZV_PDF_QUEUE", 1)
ZV_PDF_WAIT_SECONDS = env_int("ZV_PDF_WAIT_SECONDS", 20)
# The render runs in a process of its own at a lower CPU priority (os.nice), so a PDF never
# holds the interpreter lock of a web process nor a core the pages need (reports.pdf).
ZV_PDF_PROCESS = env_bool("ZV_PDF_PROCESS", True)
ZV_PDF_NICE = env_int("ZV_PDF_NICE", 10)
