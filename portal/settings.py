"""Settings of the portal, read from the environment.

Development works with no variable set (SQLite under var/, DEBUG on only when asked for
with DJANGO_DEBUG=true). Every variable is listed in the README with its default.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "portal",
    "kontakte",
    "buendnisse",
    "foerderung",
    "ehrenamt",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The security headers come first, so that every response carries them, also the
    # redirects and refusals that the middleware further down answers with.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.logs.request_id_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after the user is known: a database outage met while loading the session or the
    # user becomes the German 503 page here, not a 500 in a middleware further in.
    "portal.middleware.DatenbankAusfallMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kontakte.middleware.staff_mfa_required",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# PostgreSQL in production and tests (DATABASE_URL=postgres://…); SQLite under var/ otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "var" / "db.sqlite3"}
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Pages for anonymous visitors, the content generation that invalidates them, and the rate
# limits live here. Several web processes need one shared cache (CACHE_URL=redis://…);
# without it each process keeps its own, which is right only for a single process.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address, not {CACHE_URL!r}.")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Seconds a cached page may lag behind the clock (an item scheduled for 10:00); content
# changes are visible at once regardless. 0 switches the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/medien/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads live under MEDIA_ROOT (a volume every web and worker container mounts) or, with
# MEDIA_STORAGE=s3, in an S3-compatible bucket, so web containers on several machines share them.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "filesystem":
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Empty: boto3 finds credentials itself (instance role, ~/.aws).
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            # Objects stay private (the bucket's own policy, no public-read ACL): documents are
            # streamed by the download views that check access; pictures get signed URLs.
            "default_acl": None,
            "querystring_auth": True,
            # Like the file system: a second upload of "antrag.pdf" must not replace the first.
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}.")
# Where pictures and videos come from besides the portal itself: the bucket's address when
# media are in object storage (the Content-Security-Policy must allow it).
if MEDIA_STORAGE == "s3":
    _bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    _default_origin = (
        "/".join(env_str("AWS_S3_ENDPOINT_URL").split("/")[:3])
        if env_str("AWS_S3_ENDPOINT_URL")
        else f"https://{_bucket}.s3.amazonaws.com"
    )
    MEDIA_ORIGINS = env_list("MEDIA_ORIGINS", [_default_origin])
else:
    MEDIA_ORIGINS = env_list("MEDIA_ORIGINS", [])
STORAGES = {
    "default": _media_backend,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Public images are served by the app unless a proxy or object storage serves MEDIA_URL.
SERVE_MEDIA = env_bool("SERVE_MEDIA", MEDIA_STORAGE == "filesystem")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Flüchtlingshilfe Kommunal <portal@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Betrieb", address) for address in env_list("ADMINS", [])]
# Programme staff told of new requests (memberships, platform access) waiting in the admin.
MANAGERS = [("Programmteam", address) for address in env_list("MANAGERS", [])]

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
# Lax, not Strict: a signed-in user who follows a link from an e-mail arrives signed in.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# No script of ours reads the CSRF cookie (forms carry the token), so scripts may not either.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client address for rate limits (allauth's and the forms'). Behind the proxy, REMOTE_ADDR
# is the proxy's for everyone, which would put all visitors into one bucket; the proxy appends
# the address it saw to X-Forwarded-For, so the last entry is the one to trust. The first entry
# is whatever the client sent and would let it pick a fresh bucket for each request.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_TLS_PROXY else 0

# The admin's address. Away from the well-known admin/, password-guessing robots do not find
# its login; it stays behind the portal's login with rate limits and two factors either way.
ADMIN_PATH = env_str("ADMIN_PATH", "admin/")
if not re.fullmatch(r"([A-Za-z0-9_-]+/)+", ADMIN_PATH):
    raise ImproperlyConfigured(
        "ADMIN_PATH must be a path such as admin/ or verwaltung-7k2q/ (letters, digits, - and _; "
        f"ending in / and not starting with /), not {ADMIN_PATH!r}."
    )

# POSTs per client address and minute to each public form that stores something or sends
# mail (volunteer sign-up, sign-in link, platform access, memberships); 0 switches it off.
FORM_RATE_LIMIT = env_int("FORM_RATE_LIMIT", 10)
if FORM_RATE_LIMIT < 0:
    raise ImproperlyConfigured(f"FORM_RATE_LIMIT must be 0 or more, not {FORM_RATE_LIMIT}.")

# The video players the portal embeds once a visitor asks for a video: the only frames it
# shows, and the only other origins its fullscreen and picture-in-picture are passed on to.
VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

# No inline script or style anywhere; frames only for videos the visitor asked to load.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "frame-src": VIDEO_ORIGINS,
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Browser features the portal never uses are off, for its pages and for any frame in them;
# browsing-topics is the interest-based advertising API (interest-cohort, its predecessor,
# is no longer known to browsers and would only log an error).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
} | {
    "fullscreen": ["self", *VIDEO_ORIGINS],
    "picture-in-picture": ["self", *VIDEO_ORIGINS],
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Accounts (django-allauth at /konto/) ----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "kontakte:konto"
ACCOUNT_ADAPTER = "kontakte.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Flüchtlingshilfe Kommunal] "
ACCOUNT_USER_DISPLAY = "kontakte.models.anzeigename"
# Per-address and per-IP limits of allauth ("action": "per ip, per key"); kept in CACHES.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Flüchtlingshilfe Kommunal"

# --- Background work (Django's tasks API) -----------------------------------------------------
# Mail leaves the request through a task. The database backend needs `manage.py db_worker`
# running (docker-compose starts it); "immediate" runs tasks in the request, for development.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}."
    )
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_BACKEND == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}

# --- Logging --------------------------------------------------------------------------------
# LOG_FORMAT=json: one JSON object per line for a log collector. Either way every line carries
# the request id (portal.logs) and no personal data.
LOG_FORMAT = env_str("LOG_FORMAT") or "plain"
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"()": "portal.logs.PlainFormatter"},
        "json": {"()": "portal.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- The portal -----------------------------------------------------------------------------
PORTAL_NAME = "Flüchtlingshilfe Kommunal"
# Absolute links in e-mails start with this (no trailing slash).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PORTAL_TITLE = "Flüchtlingshilfe durch Bürgerschaftliches Engagement und Zivilgesellschaft"
NEWS_PER_PAGE = env_int("NEWS_PER_PAGE", 10)
# Volunteers without activity for this long are told, and erased this many days later.
EHRENAMT_INAKTIV_MONATE = env_int("EHRENAMT_INAKTIV_MONATE", 24)
EHRENAMT_LOESCHHINWEIS_TAGE = env_int("EHRENAMT_LOESCHHINWEIS_TAGE", 30)
CONTACTS_PER_PAGE = env_int("CONTACTS_PER_PAGE", 20)
BUENDNISSE_PER_PAGE = env_int("BUENDNISSE_PER_PAGE", 20)
# Contact form: messages per sender address or IP address and hour; seconds a person needs at
# least to fill it in (faster is a machine).
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)
CONTACT_MIN_SECONDS = env_int("CONTACT_MIN_SECONDS", 3)
# Contact messages are deleted this many days after they came in (data minimisation).
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 180)
# The benchmark's floor (`make bench`): a bare view at /bench/floor, a 404 unless this is on.
BENCH_FLOOR_VIEW = env_bool("BENCH_FLOOR_VIEW", False)
