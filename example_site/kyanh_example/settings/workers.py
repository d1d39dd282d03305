"""The app workers a test starts under gunicorn (tests/caching/test_workers.py): the test
settings on the test's PostgreSQL (DATABASE_URL), sharing its Redis cache as a province's
workers share theirs, and saying which worker answered.

REDIS_URL names the Redis and KYANH_CACHE_KEY_PREFIX the key prefix of the test's own
default cache, so the workers and the test read the same content generations.
KYANH_PAGE_CACHE=1 turns the optional full-page cache on as well.
"""

import os

from .test import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "kyanh_cms.caching.backends.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("KYANH_CACHE_KEY_PREFIX", "kyanh"),
    }
}

# X-Kyanh-Worker (the process id) tells the test which worker answered, and
# X-Kyanh-Queries whether that worker drew the page from the cache.
MIDDLEWARE = ["kyanh_example.bench_middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405

if os.environ.get("KYANH_PAGE_CACHE") == "1":
    KYANH_CMS = {"PAGE_CACHE_SECONDS": 300}
    # Right after SecurityMiddleware: a cached page skips sessions, CSRF and the rest.
    position = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
    MIDDLEWARE.insert(position, "kyanh_cms.middleware.PageCacheMiddleware")
