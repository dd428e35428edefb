"""Passerelle settings, read from the environment.

Every setting that varies between machines comes from an environment variable; each one is listed
in docs/configuration.md, and a test asserts that the two lists agree.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from passerelle.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

DEBUG = env_bool("DEBUG", default=False)

DATA_DIR = Path(env_str("PASSERELLE_DATA_DIR", default=str(PROJECT_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from SECRET_KEY, else from the data directory's secret_key file (written by
    `make setup`), else a development key, but only with DEBUG."""
    if key := env_str("SECRET_KEY", default=""):
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    if DEBUG:
        return "django-insecure-development-key-never-used-in-production"
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or run `make setup`, "
        f"which writes one to {key_file}); only DEBUG=true runs with a development key."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "mozilla_django_oidc",
    "passerelle.core",
    "passerelle.geo",
    "passerelle.partners",
    "passerelle.engagements",
    "passerelle.network",
    "passerelle.briefs",
    "passerelle.indicators",
    "passerelle.operations",
    "passerelle.programs",
    "passerelle.pathways",
    "passerelle.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "passerelle.web.errors.UriTooLongMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "passerelle.core.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "passerelle.core.uploads.UploadLimitMiddleware",
    "passerelle.core.security.RefuseNulMiddleware",
    "passerelle.core.security.PrivateResponsesMiddleware",
    "passerelle.core.security.BrowsableApiStylesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "passerelle.core.middleware.ReaderMiddleware",
    "passerelle.core.middleware.ChangeContextMiddleware",
    "passerelle.core.middleware.SystemUseNoticeMiddleware",
]

ROOT_URLCONF = "passerelle.urls"
WSGI_APPLICATION = "passerelle.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Libraries' templates changed for the Content-Security-Policy (found before theirs).
        "DIRS": [BASE_DIR / "web" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "passerelle.web.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite in the data directory unless DATABASE_URL names another.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'passerelle.sqlite3'}"),
        # Each web thread keeps its connection (opening one on PostgreSQL cost every signed-in
        # page a few milliseconds under load, issue 18), checked before each request reuses it.
        conn_max_age=int(env_str("CONN_MAX_AGE", default="600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; FULL syncs every commit to disk.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in through the department's identity provider (OpenID Connect, mozilla-django-oidc; off
# by default, when only local accounts sign in): docs/sign-in.md. Roles come from the provider's
# groups as administrators map them in the product; the clearance is never the provider's.
OIDC_ENABLED = env_bool("PASSERELLE_OIDC", default=False)
LOCAL_SIGN_IN = env_bool("PASSERELLE_LOCAL_SIGN_IN", default=True)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", default="openid email profile groups")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_STORE_ID_TOKEN = True  # for the provider's end-session on sign-out (core/oidc.py)
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
OIDC_POST_LOGOUT_REDIRECT_PATH = "/"
if OIDC_ENABLED:
    _required = (
        "OIDC_RP_CLIENT_ID",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    )
    _missing = [name for name in _required if not globals()[name]]
    if _missing:
        raise ImproperlyConfigured(
            f"PASSERELLE_OIDC=true needs {', '.join(_missing)} (docs/sign-in.md)."
        )
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "passerelle.core.backends.PasserelleModelBackend",
    *(["passerelle.core.oidc.PasserelleOIDCBackend"] if OIDC_ENABLED else []),
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"


# Lockout after five failed sign-ins for one account (django-axes): the account is locked, from
# any address, and so is that account from that address; never a whole address, which behind a
# proxy is every user.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"

# Sessions live on the server; idle ones end after SESSION_IDLE_MINUTES.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(env_str("SESSION_IDLE_MINUTES", default="30")) * 60
# The idle deadline moves forward at most once a minute (core.middleware.IdleSessionMiddleware),
# not with a database write on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Behind TLS in production: PASSERELLE_HTTPS=true turns on every HTTPS protection.
HTTPS = env_bool("PASSERELLE_HTTPS", default=False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# The inline style sheets the vendored libraries insert themselves (always the same text), by
# hash: the GC Design System's hydration rule (Stencil) and htmx's indicator rule. The browser
# tests fail on any Content-Security-Policy violation, naming the hash a new version needs.
STYLE_HASHES = [
    # @gcds-core/components 1.x: "gcds-…,gcds-…{visibility:hidden}.hydrated{visibility:inherit}"
    "'sha256-cQUN0Mzu0Lgb8rMs8J0WogUMBejyHI/K2/alYj672vo='",
    # htmx 2.0.11: ".htmx-indicator{opacity:0} .htmx-request .htmx-indicator{opacity:1; …}"
    "'sha256-faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk='",
]


def _provider_origin(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if OIDC_ENABLED and parts.netloc else []


# Content-Security-Policy (django-csp): scripts and style sheets from this site only, inline
# ones only with the request's nonce (`{{ request.csp_nonce }}`); nothing from elsewhere, no
# plugins, no framing. Style attributes are refused too: charts carry SVG presentation
# attributes instead (core/charts.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, *STYLE_HASHES],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        # Sign-out posts, then goes on to the identity provider's end-session page.
        "form-action": [SELF, *_provider_origin(OIDC_OP_LOGOUT_ENDPOINT)],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): the product uses none of the browser's
# powerful features; no page, nor anything it embeds, may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics",
        "camera", "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid",
        "idle-detection", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# An address longer than this (path and query, in characters) gets the product's 414 page.
MAX_URL_LENGTH = env_int("PASSERELLE_MAX_URL_LENGTH", default=4_000, minimum=256)

# E-mail: the report-a-problem form (web/help_pages.py) writes to the service desk. With no
# EMAIL_HOST the messages are written as files to the data directory's mail/ folder (nothing
# leaves the machine); with one, they go out through that SMTP relay.
SUPPORT_EMAIL = env_str("PASSERELLE_SUPPORT_EMAIL", default="passerelle-support@example.gc.ca")
DEFAULT_FROM_EMAIL = env_str("PASSERELLE_FROM_EMAIL", default="passerelle@example.gc.ca")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST", default="")
EMAIL_PORT = env_int("EMAIL_PORT", default=25, minimum=1)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
DISPLAY_TIME_ZONE = env_str("DISPLAY_TIME_ZONE", default="America/Toronto")
USE_TZ = True

# Imports (core/uploads.py): a file's size, a registry CSV's rows (written one record at a time,
# with its change record), a publisher's file's values (written in bulk), a workbook's unpacked
# size. On SQLite an import's write transaction holds the write lock: the row limits keep it to
# seconds (docs/configuration.md has the figures).
IMPORT_MAX_BYTES = env_int("PASSERELLE_IMPORT_MAX_MB", default=25, minimum=1) * 1_000_000
IMPORT_MAX_ROWS = env_int("PASSERELLE_IMPORT_MAX_ROWS", default=5_000, minimum=1)
INDICATOR_MAX_ROWS = env_int("PASSERELLE_INDICATOR_MAX_ROWS", default=250_000, minimum=1)
WORKBOOK_MAX_BYTES = env_int("PASSERELLE_WORKBOOK_MAX_MB", default=100, minimum=1) * 1_000_000

# Background jobs (core/jobs/, docs/jobs.md): Huey, with its storage in SQLite in the data
# directory, or in Redis when PASSERELLE_JOBS_REDIS_URL names one (production). IMMEDIATE runs a
# job in the process that starts it (the tests). A running job whose worker has not reported
# for STALE_AFTER seconds is marked failed (its worker died). WORKERS: the jobs one worker runs
# at a time.
JOBS_REDIS_URL = env_str("PASSERELLE_JOBS_REDIS_URL", default="")
JOBS_SQLITE_PATH = DATA_DIR / "jobs-queue.sqlite3"
JOBS_DIR = DATA_DIR / "jobs"  # each job's input files and result file, in a folder of its own
JOBS_QUEUE_NAME = env_str("PASSERELLE_JOBS_QUEUE", default="passerelle")
JOBS_IMMEDIATE = env_bool("PASSERELLE_JOBS_IMMEDIATE", default=False)
JOBS_WORKERS = env_int("PASSERELLE_JOBS_WORKERS", default=1, minimum=1)
JOBS_STALE_AFTER = env_int("PASSERELLE_JOBS_STALE_AFTER", default=60, minimum=1)

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Source maps are read by a developer's tools only: not compressed ahead (that took a third of
# collectstatic's time); WhiteNoise still serves them.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
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
MEDIA_ROOT = DATA_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["passerelle.core.permissions.RestrictedModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "passerelle.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "passerelle.core.api.schema.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
# The most records one API page holds: a larger `limit` is clamped to it (docs/api.md).
API_MAX_LIMIT = env_int("PASSERELLE_API_MAX_LIMIT", default=1000, minimum=1)
SPECTACULAR_SETTINGS = {
    "TITLE": "Passerelle API",
    "DESCRIPTION": "The workbench of a migration ministry's international affairs branch.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links an operation's summary holds no link inside its button (axe:
    # nested-interactive); the page's own style sheet fixes the explorer's contrast.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ParticipantLevelEnum": "passerelle.engagements.models.Level",
        "PrecisionEnum": "passerelle.partners.models.PeriodModel.Precision",
        "PathwayUnitEnum": "passerelle.pathways.models.Unit",
        "ClassificationEnum": "passerelle.core.classification.Classification",
        "PasserelleRoleEnum": "passerelle.core.people.ROLE_CHOICES",
        "RoleEnum": "passerelle.partners.models.ForumRole.Kind",
        "PersonSideEnum": "passerelle.partners.models.people.Person.Side",
        "ParticipantSideEnum": "passerelle.engagements.models.engagements.Participant.Side",
        "RequestKindEnum": "passerelle.briefs.briefing.models.RequestKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="WARNING")},
}

# The reporting organisation's identifier in the program's IATI files (docs/programs.md).
PROGRAMS_IATI_ORGANISATION = env_str("PASSERELLE_IATI_ORGANISATION", default="XM-DAC-301")
