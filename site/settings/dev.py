"""Settings for local development: debug on, a throwaway secret key."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
