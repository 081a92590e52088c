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
    "bistand.lifecycle",
    "bistand.normtables",
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
    "bistand.normtables.middleware.SyncTablesMiddleware",
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

# --- Staff login and API tokens ---
# Sign-in, lockout, session limits and machine clients (bistand.accounts, bistand.apitokens); README
# "Staff single sign-on" lists the environment variables. Every sign-in, failure and sign-out is audited.
from datetime import timedelta  # noqa: E402

from bistand.accounts.config import break_glass_users, oidc_config  # noqa: E402

INSTALLED_APPS += ["axes", "mozilla_django_oidc", "bistand.accounts", "bistand.apitokens"]
# After authentication: sign out idle or too old sessions; django-axes last (it answers lockouts).
MIDDLEWARE += ["bistand.accounts.middleware.SessionTimeoutMiddleware", "axes.middleware.AxesMiddleware"]

# Strong local passwords (only the break-glass accounts have one once single sign-on is on).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout (django-axes): 5 failures for one username from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("BISTAND_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("BISTAND_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bistand.accounts.views.locked_out"
AXES_WHITELIST_CALLABLE = "bistand.accounts.views.is_single_sign_on_attempt"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in Bistånd's own audit log
AXES_VERBOSE = False

# Sessions: signed out after 30 minutes without activity and after 10 hours in any case.
BISTAND_SESSION_IDLE_SECONDS = int(os.environ.get("BISTAND_SESSION_IDLE_MINUTES", "30")) * 60
BISTAND_SESSION_MAX_SECONDS = int(os.environ.get("BISTAND_SESSION_MAX_HOURS", "10")) * 3600
SESSION_COOKIE_AGE = BISTAND_SESSION_MAX_SECONDS

# Single sign-on with OpenID Connect (mozilla-django-oidc), on only when its variables are set.
_OIDC = oidc_config(os.environ)
BISTAND_OIDC_ENABLED = _OIDC is not None
BISTAND_BREAK_GLASS_USERS = break_glass_users(os.environ)
BISTAND_OIDC_STAFF_CLAIM = _OIDC.staff_claim if _OIDC else "sub"
BISTAND_OIDC_STAFF_FIELD = _OIDC.match_field if _OIDC else "sso_subject"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "bistand.accounts.backends.PasswordBackend",
]
if _OIDC:
    AUTHENTICATION_BACKENDS.append("bistand.accounts.backends.StaffOIDCBackend")
    OIDC_RP_CLIENT_ID = _OIDC.client_id
    OIDC_RP_CLIENT_SECRET = _OIDC.client_secret
    OIDC_OP_AUTHORIZATION_ENDPOINT = _OIDC.authorization_endpoint
    OIDC_OP_TOKEN_ENDPOINT = _OIDC.token_endpoint
    OIDC_OP_USER_ENDPOINT = _OIDC.userinfo_endpoint
    OIDC_OP_JWKS_ENDPOINT = _OIDC.jwks_endpoint or None
    OIDC_RP_SIGN_ALGO = _OIDC.sign_algo
    OIDC_RP_SCOPES = _OIDC.scopes
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/logga-in/?sso=nekad"
