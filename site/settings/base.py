"""Settings shared by every environment of the bundled site.

Everything an operator may want to change is read from environment variables;
see README.md ("Configuration") for the list.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "dialogue_pages",
    "dialogue_blocks",
    "dialogue_search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dialogue_site.security_headers.SiteCSPMiddleware",
    "dialogue_site.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "dialogue_pages.middleware.UrlGuardMiddleware",
    "dialogue_pages.middleware.ApiProblemMiddleware",
    "dialogue_pages.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dialogue_pages.middleware.ApiVaryMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Inside every middleware that adds headers, so a kept index page gets them per request.
    "dialogue_pages.page_cache.IndexPageCacheMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dialogue_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "dialogue_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: readers never wait for a writer, and a commit costs no fsync of the
    # whole database (synchronous=NORMAL is durable in WAL mode except on power loss).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    # A write transaction takes the write lock when it begins, so two processes writing at once
    # (web workers, import workers) wait for each other instead of failing with "database is locked"
    # when a reader tries to become a writer. The wait is bounded by SQLITE_TIMEOUT seconds.
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", float(os.environ.get("SQLITE_TIMEOUT", "60")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): a username is locked out from an address after AXES_FAILURE_LIMIT
# failed logins, for AXES_COOLOFF_MINUTES. Locking the pair, not the username alone, keeps an attacker
# from locking editors out everywhere; a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Content-Security-Policy (django-csp 4): scripts only from this origin (the admin also runs Wagtail's
# inline scripts, see security_headers.py); inline styles are allowed for the admin and the pages' own
# <style> and badge colours. Embeds (video players) may be framed from any HTTPS origin.
_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *env_list("CSP_IMG_SRC_EXTRA")],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF, "https:"],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
    **({"report-uri": os.environ["CSP_REPORT_URI"]} if os.environ.get("CSP_REPORT_URI") else {}),
}
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY", "geolocation=(), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
# No Gravatar: editors' e-mail hashes stay with the municipality, and the admin loads no third-party images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the content and interface languages of the dialogues.
LANGUAGE_CODE = os.environ.get("DIALOGUE_DEFAULT_LANGUAGE", "da")
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
# A new translation is a draft until an editor publishes it (wagtail-localize would copy the source's
# live status and publish the untranslated copy at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# ASCII slugs: the admin's title field then transliterates ø, æ and å (borgermode-pa-osterbro)
# instead of keeping them, and dialogue pages do the same on the server.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Dialogue CMS")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Wagtail's database backend; on SQLite its relevance order is worked out once per search instead of
# once per match (dialogue_pages/admin_search_backend.py: the admin's page search at 100,000 dialogues).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "dialogue_pages.admin_search_backend"}}

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"one_line_warning": {"()": "dialogue_site.log_filters.OneLineWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Lockouts are warnings: they reach the console whatever LOG_LEVEL says.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security.DisallowedHost": {
            "handlers": ["console"], "level": "WARNING", "propagate": False, "filters": ["one_line_warning"],
        },
    },
}

# The plugin's own settings (documented in docs/).
DIALOGUE_ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
DIALOGUE_API_CACHE_SECONDS = int(os.environ.get("DIALOGUE_API_CACHE_SECONDS", "60"))
DIALOGUE_API_RESPONSE_CACHE_SIZE = int(os.environ.get("DIALOGUE_API_RESPONSE_CACHE_SIZE", "256"))
DIALOGUE_API_RESPONSE_CACHE_SECONDS = int(os.environ.get("DIALOGUE_API_RESPONSE_CACHE_SECONDS", "300"))
DIALOGUE_SEARCH_RATE_LIMIT = int(os.environ.get("DIALOGUE_SEARCH_RATE_LIMIT", "120"))
DIALOGUE_SEARCH_RATE_WINDOW = int(os.environ.get("DIALOGUE_SEARCH_RATE_WINDOW", "60"))
DIALOGUE_TRUST_X_FORWARDED_FOR = env_bool("DIALOGUE_TRUST_X_FORWARDED_FOR")
