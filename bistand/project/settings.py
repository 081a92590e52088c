"""Django settings for Bistånd, read from the environment (bistand.project.env parses it strictly).

Production is the default: DEBUG is off unless BISTAND_DEBUG=1 (make run sets it for the demo), and
then the process refuses to start without a real secret key, allowed host names and the pseudonym
key (env.production_problems). The README's "Running in production" lists every variable.

SQLite is the embedded default so that a newcomer needs no database server; set DATABASE_URL
(for example postgres://postgres@127.0.0.1:5432/bistand) to run on PostgreSQL, the production
database. The tests use tests/settings.py, which builds on this module.
"""

import os
from pathlib import Path

import dj_database_url

from bistand.project import env as _env

ENV = _env.Env(os.environ)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BISTAND_DATA_DIR", BASE_DIR.parent / "var"))
# The SQLite file and collected static files live here; create it so a fresh checkout just works.
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = ENV.flag("BISTAND_DEBUG", default=False)
SECRET_KEY = ENV.text("BISTAND_SECRET_KEY") or (_env.DEVELOPMENT_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = ENV.names("BISTAND_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if DEBUG:
    _env.refuse_debug_on_public_hosts(ALLOWED_HOSTS)
    # The statistics exports read their pseudonym key from the environment (bistand.statistics.privacy);
    # the demo gets a public development key so its household extract works. Production has its own.
    os.environ.setdefault(_env.PSEUDONYM_KEY_ENV, _env.DEVELOPMENT_PSEUDONYM_KEY)
else:
    _env.refuse_unless_production_ready(
        secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS, environ=os.environ
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not from a CDN
    "csp",
    "bistand.project",
    "bistand.organisation",
    "bistand.people",
    "bistand.cases",
    "bistand.audit",
    "bistand.payments",
    "bistand.journal",
    "bistand.api",
    "bistand.demo",
    "bistand.casework",
    "bistand.intake",
    "bistand.selfsupport",
    "bistand.statistics",
    "bistand.lifecycle",
    "bistand.normtables",
    "bistand.whatif",
    "bistand.reforms",
    "bistand.incomedata",
    "bistand.automation",
    "bistand.monthly",
    "bistand.eservice",
    "bistand.residentcomm",
    "django_tasks",
    "django_tasks_db",
]

# Background work (the monthly run started in the web application) on Django's tasks framework
# (the django-tasks backport) with its database backend: works on SQLite and PostgreSQL alike, and a
# worker (`bistand db_worker`, see the README) runs the queued tasks. The tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Where the monthly run writes the bank files (the transport picks them up there).
BISTAND_PAYMENT_DIR = Path(os.environ.get("BISTAND_PAYMENT_DIR", DATA_DIR / "utbetalningar"))

# Attachments the households send (PDF, JPEG, PNG): outside the web root, never served as static or media
# files; only bistand.residentcomm's views read them, after checking who asks (docs/eservice-messages.md).
BISTAND_ATTACHMENTS_DIR = Path(os.environ.get("BISTAND_ATTACHMENTS_DIR", DATA_DIR / "bilagor"))
BISTAND_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024  # 10 MB per file
BISTAND_ATTACHMENTS_PER_APPLICATION = 10
# Notifications to households (a fixed text without content): a dotted path to a backend class in
# bistand.residentcomm.notifications or the municipality's own (SMS); the log in development.
BISTAND_NOTIFICATION_BACKEND = ENV.text("BISTAND_NOTIFICATION_BACKEND") or (
    "bistand.residentcomm.notifications.ConsoleBackend"
    if DEBUG
    else "bistand.residentcomm.notifications.NullBackend"
)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their long cache; every other response may hold personal data.
    "bistand.project.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Staff pages are always Swedish; the resident e-service (/mina-sidor/) follows the resident's choice.
    "bistand.eservice.middleware.LanguageMiddleware",
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
        # Persistent connections (seconds); with health checks a connection dropped by the server is
        # replaced instead of failing the next request.
        conn_max_age=ENV.integer("BISTAND_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "sv-se"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]  # English only in the e-service (bistand.eservice)
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the app folders in development (no collectstatic needed); production serves what
# `bistand collectstatic` put in STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/logga-in/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/logga-in/"

# Stored decisions, letters and exports are sensitive; cookies stay on the server's side.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

# --- HTTP hardening ---------------------------------------------------------------------------------
# Production sits behind a TLS-terminating proxy (load balancer, nginx). The proxy must set
# X-Forwarded-Proto and overwrite any value the client sent; only then set BISTAND_TLS_PROXY=1, which
# makes Django trust that header to know the request came over HTTPS. Without a proxy that strips it,
# a client could claim HTTPS over plain HTTP.
if ENV.flag("BISTAND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.flag("BISTAND_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = ENV.names("BISTAND_CSRF_TRUSTED_ORIGINS")
SECURE_HSTS_SECONDS = ENV.integer("BISTAND_HSTS_SECONDS", 0 if DEBUG else 31_536_000)  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = ENV.flag("BISTAND_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading commits the whole domain to HTTPS in the browsers' built-in lists: the municipality's
# decision, not the application's, so it is off unless asked for and Django's reminder is silenced.
SECURE_HSTS_PRELOAD = ENV.flag("BISTAND_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): only our own scripts, styles, images and fonts; no inline
# script or style anywhere (htmx's own indicator style is switched off in base.html), no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the small SVG icons inside Swagger UI's stylesheet
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Logging ----------------------------------------------------------------------------------------
# One line per event on the console (the service manager or container collects it), as key=value pairs
# a log system can parse. Personal identity numbers are masked in every record (also in tracebacks),
# and request logs carry the path only, never the query string or the body.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "bistand.project.logfilters.MaskPersonalData"}},
    "formatters": {
        "keyvalue": {
            "format": 'time=%(asctime)s level=%(levelname)s logger=%(name)s message="%(message)s"',
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "keyvalue",
            "filters": ["mask_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": ENV.text("BISTAND_LOG_LEVEL", "INFO").upper()},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- Staff login and API tokens ---
# Sign-in, lockout, session limits and machine clients (bistand.accounts, bistand.apitokens); README
# "Staff single sign-on" lists the environment variables. Every sign-in, failure and sign-out is audited.
from datetime import timedelta  # noqa: E402

from bistand.accounts.config import break_glass_users, oidc_config  # noqa: E402

INSTALLED_APPS += ["axes", "mozilla_django_oidc", "bistand.accounts", "bistand.apitokens"]
# After authentication: sign out idle or too old sessions; django-axes last (it answers lockouts).
MIDDLEWARE += [
    "bistand.accounts.middleware.SessionTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",
    # Inside the session middleware, so the stamp of a change is saved with the session.
    "bistand.casework.caseload_figures.StampWritesMiddleware",
]

# Figures over a whole caseload on the start pages (bistand/casework/caseload_figures.py) are kept this
# many seconds per staff member, and worked out again at once after the staff member's own change. Each
# process keeps its own; 0 turns the keeping off.
BISTAND_CASELOAD_FIGURES_SECONDS = ENV.integer("BISTAND_CASELOAD_FIGURES_SECONDS", 300, minimum=0)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "caseload_figures": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "caseload-figures",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}

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

# Where income data from the agencies comes from (bistand/incomedata, docs/income-data.md): a dotted path to
# a provider class. Empty in production until the municipality has its SSBTEK agreement and certificate;
# the demo's deterministic provider in development.
INCOME_DATA_PROVIDER = ENV.text("BISTAND_INCOME_PROVIDER") or (
    "bistand.incomedata.demo_provider.DemoProvider" if DEBUG else ""
)

# --- Request limits: hostile input never costs more than a normal request -------------------------------
# Every request body is bounded before it is read (bistand.project.request_limits answers 413 from the
# announced Content-Length; the site takes no file uploads), forms are bounded in fields, and the JSON API
# parses with the limits of bistand.rules.safe_json (1 MiB, depth 32, 30-character numbers).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576  # bytes; Django's default is 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
# The one page that takes a file (a household's attachment): the file's own limit plus room for the form.
UPLOAD_BODY_LIMITS = {
    "/mina-sidor/bilagor/": (
        BISTAND_ATTACHMENT_MAX_BYTES + 65_536,
        "Filen är för stor. En bilaga får vara högst 10 MB. / The file is too large (at most 10 MB).",
    )
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "bistand.project.request_limits.RequestLimitsMiddleware",
)

# --- The resident e-service (/mina-sidor/, bistand.eservice) --------------------------------------------
# README "E-tjänsten för sökande / resident e-service" lists the variables. Residents sign in with
# e-legitimation through the municipality's broker (OpenID Connect), separately from staff.
from bistand.eservice.config import resident_oidc_config  # noqa: E402

BISTAND_RESIDENT_OIDC = resident_oidc_config(os.environ)
# The demo's test login (choose a demo resident): only in development mode, never in production.
BISTAND_ESERVICE_DEMO_LOGIN = DEBUG
BISTAND_ESERVICE_IDLE_SECONDS = ENV.integer("BISTAND_ESERVICE_IDLE_MINUTES", 15) * 60
BISTAND_ESERVICE_MAX_SECONDS = ENV.integer("BISTAND_ESERVICE_MAX_HOURS", 2) * 3600
BISTAND_ESERVICE_LOGIN_LIMIT = ENV.integer("BISTAND_ESERVICE_LOGIN_LIMIT", 10)  # sign-ins per address
BISTAND_ESERVICE_LOGIN_WINDOW_SECONDS = 15 * 60
BISTAND_ESERVICE_SUBMIT_LIMIT = ENV.integer("BISTAND_ESERVICE_SUBMIT_LIMIT", 20)  # signatures per person
BISTAND_ESERVICE_SUBMIT_WINDOW_SECONDS = 60 * 60
