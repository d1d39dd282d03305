"""Settings for the test suite: the example portal, with fast password hashing.

DATABASE_URL selects PostgreSQL (the second run of `make test`); SQLite otherwise.
"""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="kyanh-test-media-")  # conftest points it per test
WAGTAILADMIN_BASE_URL = "http://testserver"
# Browser tests load uploaded images from the live server.
SERVE_MEDIA = True
# The admin's editor pings its editing session every 10 s, a write that can land in the
# middle of a form's save; on SQLite the live server's threads share one in-memory
# connection, and the two then break each other's savepoints. Browser tests fill a form
# in well under this interval.
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
