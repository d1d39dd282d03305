"""Production-like settings for ``make bench`` (scripts/bench.py): DEBUG off, no debug
toolbar, cached templates, persistent database connections, served by gunicorn.

Differences from ``production``, all for measuring on 127.0.0.1 without TLS:
no HTTPS redirect and no secure-only cookies (wrk speaks plain HTTP); rate
limits raised so that wrk's thousands of votes and comments from one address
are measured rather than refused; a header with the SQL queries of each
request (``bench_middleware``). The captcha is *not* switched to test mode:
the benchmark solves real challenges it stored in the database beforehand.

``KYANH_BENCH_PAGE_CACHE=1`` turns on the optional full-page cache for
anonymous visitors (``kyanh_cms.caching.page_cache``), in a file-based cache under
``KYANH_BENCH_CACHE_DIR`` that both workers share, so a purge reaches both.
"""

import os

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
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
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

if os.environ.get("KYANH_BENCH_PAGE_CACHE") == "1":
    CACHES["pages"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("KYANH_BENCH_CACHE_DIR", "/tmp/kyanh-bench-page-cache"),  # noqa: S108
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
    # Both workers must agree on the content generation that marks cached pages
    # current (kyanh_cms.W020): the default cache is shared too, as Redis is in
    # production.
    CACHES["default"] = {**CACHES["pages"], "LOCATION": CACHES["pages"]["LOCATION"] + "-default"}  # noqa: F405
    KYANH_CMS |= {"PAGE_CACHE_SECONDS": 300, "PAGE_CACHE_ALIAS": "pages"}
    # Right after SecurityMiddleware: a cached page skips sessions, CSRF and the rest.
    position = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
    MIDDLEWARE.insert(position, "kyanh_cms.middleware.PageCacheMiddleware")
