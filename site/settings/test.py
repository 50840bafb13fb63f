"""Settings for the test suite: fast hashing, in-memory media, no debug."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Off for the test client's login(), which authenticates without a request; tests/site/test_login_throttling.py
# turns it on and locks the real admin login form.
AXES_ENABLED = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="dialogue-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="dialogue-test-static-")
ALLOWED_HOSTS = ["*"]
# Off: the suite searches far more often than a citizen; tests/search/test_rate_limit.py turns it on.
DIALOGUE_SEARCH_RATE_LIMIT = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
if not os.environ.get("DATABASE_URL"):
    # A file, not memory: the parallel import's worker processes must see the test database.
    _test_db = os.path.join(tempfile.mkdtemp(prefix="dialogue-test-db-"), "test.sqlite3")
    DATABASES = {"default": {
        "ENGINE": "django.db.backends.sqlite3", "NAME": _test_db, "TEST": {"NAME": _test_db},
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
                    "transaction_mode": "IMMEDIATE", "timeout": 60},
    }}
