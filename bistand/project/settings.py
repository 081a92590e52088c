"""Django settings for Bistånd.

SQLite is the embedded default so that a newcomer needs no database server; set DATABASE_URL
(for example postgres://postgres@127.0.0.1:5432/bistand) to run on PostgreSQL, the production
database.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BISTAND_DATA_DIR", BASE_DIR.parent / "var"))
# The SQLite file and collected static files live here; create it so a fresh checkout just works.
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("BISTAND_SECRET_KEY", "dev-only-not-secret-change-in-production")
DEBUG = os.environ.get("BISTAND_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("BISTAND_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "bistand.organisation",
    "bistand.people",
    "bistand.cases",
    "bistand.api",
    "bistand.demo",
    "bistand.casework",
    "bistand.selfsupport",
    "bistand.statistics",
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
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "bistand.project.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "bistand.project.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'bistand.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "sv-se"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the app folders in development and tests (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/logga-in/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/logga-in/"

# Stored decisions, letters and exports are sensitive; cookies stay on the server's side.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

# --- Request limits: hostile input never costs more than a normal request -------------------------------
# Every request body is bounded before it is read (bistand.project.request_limits answers 413 from the
# announced Content-Length; the site takes no file uploads), forms are bounded in fields, and the JSON API
# parses with the limits of bistand.rules.safe_json (1 MiB, depth 32, 30-character numbers).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576  # bytes; Django's default is 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "bistand.project.request_limits.RequestLimitsMiddleware",
)
