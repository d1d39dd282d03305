"""Production-like settings for ``make bench`` (scripts/bench.py): DEBUG off, no debug
toolbar, cached templates, persistent database connections, served by gunicorn.

Differences from ``production``, all for measuring on 127.0.0.1 without TLS:
no HTTPS redirect and no secure-only cookies (wrk speaks plain HTTP); the
commune sites of the data set (``xa-NN.bench.local``) allowed as hosts; rate
limits raised so that wrk's thousands of votes and comments from one address
are measured rather than refused; a header with the SQL queries of each
request (``bench_middleware``). The captcha is *not* switched to test mode:
the benchmark solves real challenges it stored in the database beforehand.

``KYANH_BENCH_CACHE`` chooses the default cache: ``redis`` (Redis at
``REDIS_URL``, as production runs; the default when ``REDIS_URL`` is set) or
``locmem`` (a per-process memory cache, for the comparison).

``KYANH_BENCH_RAW=1`` turns fragment and content caching off
(``FRAGMENT_CACHE_SECONDS`` and ``CONTENT_CACHE_SECONDS`` = 0): every page is
drawn in full, as the first request after a publish is.

``KYANH_BENCH_PAGE_CACHE=1`` turns on the optional full-page cache for
anonymous visitors (``kyanh_cms.caching.page_cache``) in the same Redis, so
every worker sees a purge.
"""

import os

# Measured on 127.0.0.1 only: a throw-away key (production refuses to start without one).
os.environ.setdefault("DJANGO_SECRET_KEY", "kyanh-bench-only-" + "b" * 50)

from .production import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".bench.local"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# collectstatic writes the manifest the production storage needs here.
STATIC_ROOT = os.environ.get("KYANH_BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405

# Persistent connections, as a production deployment has (one per worker).
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

MIDDLEWARE = ["kyanh_example.bench_middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405

KYANH_CMS = {
    "COMMENT_RATE_LIMIT": 10_000_000,
    "RATING_RATE_LIMIT": 10_000_000,
    # wrk posts the same comment again and again: each one is measured as a real save.
    "COMMENT_DUPLICATE_SECONDS": 0,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

_DEFAULT_CACHE = "redis" if os.environ.get("REDIS_URL") else "locmem"
if os.environ.get("KYANH_BENCH_CACHE", _DEFAULT_CACHE) == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kyanh",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kyanh-bench",
        }
    }

if os.environ.get("KYANH_BENCH_RAW") == "1":
    KYANH_CMS |= {"FRAGMENT_CACHE_SECONDS": 0, "CONTENT_CACHE_SECONDS": 0}

if os.environ.get("KYANH_BENCH_PAGE_CACHE") == "1":
    # Shared by every worker, as is the default cache holding the content generation
    # that marks a stored page current (kyanh_cms.W020 otherwise).
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "kyanh-pages"}
    KYANH_CMS |= {"PAGE_CACHE_SECONDS": 300, "PAGE_CACHE_ALIAS": "pages"}
    # Right after SecurityMiddleware: a cached page skips sessions, CSRF and the rest.
    position = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
    MIDDLEWARE.insert(position, "kyanh_cms.middleware.PageCacheMiddleware")
