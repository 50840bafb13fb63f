"""A minimal host Wagtail project: the three plugin apps without the bundled site.

The plugin's promise is that a host adds the apps to INSTALLED_APPS, includes one URL module
and migrates. This project does exactly that (plus a small app of its own that extends the
plugin), so CI proves the plugin never depends on ``site/``.
"""

SECRET_KEY = "host-test-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "tests.host.urls"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("sv", "Swedish")]
WAGTAIL_I18N_ENABLED = True
# A new translation is a draft until an editor publishes it (wagtail-localize would copy the source's
# live status and publish the untranslated copy at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# ASCII slugs: the admin's title field then transliterates ø, æ and å (borgermode-pa-osterbro)
# instead of keeping them, and dialogue pages do the same on the server.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_SITE_NAME = "Host municipality"
WAGTAILADMIN_BASE_URL = "http://testserver"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_URL = "/static/"
MEDIA_URL = "/media/"

import os  # noqa: E402

if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

INSTALLED_APPS = [
    "tests.host.hostapp",
    # The plugin:
    "dialogue_pages",
    "dialogue_blocks",
    "dialogue_search",
    # What it needs beside Wagtail:
    "wagtail_localize",
    "wagtail_localize.locales",
    "ninja",
    # A stock Wagtail project:
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
