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
    # A file (in memory-backed /dev/shm where there is one), not ":memory:": with an
    # in-memory database the live server's threads and the test share one connection,
    # and a browser's concurrent requests (a page and the previous page's visit beacon)
    # then break each other's statements ("database table is locked"). With a file each
    # thread has its own connection and SQLite's own locking orders the writes, as on a
    # real SQLite portal (`make demo`).
    _SHM = "/dev/shm"  # noqa: S108 - a throw-away test database, named by process id
    _TEST_DB_DIR = _SHM if os.path.isdir(_SHM) else tempfile.gettempdir()
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "OPTIONS": {
                "timeout": 20,
                # Writers queue for the lock at BEGIN instead of failing on upgrade.
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
            },
            "TEST": {"NAME": os.path.join(_TEST_DB_DIR, f"kyanh-test-{os.getpid()}.sqlite3")},
        }
    }
