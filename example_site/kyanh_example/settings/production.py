"""Production-like settings: what `check --deploy` and the benchmark run with.

Secrets and hosts come from the environment; see docs/production.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
# No built-in fallback: a key in the source is a key anyone can read, and sessions,
# password resets and the captcha's signatures rest on it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a long random value (at least 50 characters), e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))' (docs/production.md)."
    )
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

# nginx in front of the app (docs/production.md) appends the client's address to
# X-Forwarded-For: one trusted hop. Without it the whole town shares one rate-limit
# bucket and every comment is stored as the proxy's address.
KYANH_CMS = {"TRUSTED_PROXY_HOPS": int(os.environ.get("KYANH_TRUSTED_PROXY_HOPS", "1"))}

SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page being edited in a frame of the same
# site, so framing stays allowed for the same origin only.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Several app processes or hosts share one cache (the content generations, sidebars,
# live numbers, rate limits): Redis through Django's own backend (pip install redis).
# Without REDIS_URL each process keeps base.py's memory cache, right for one process
# only: `check --deploy` says so (kyanh_cms.W021).
# kyanh_cms's backend is Django's with every operation guarded: while Redis is
# unreachable, pages are built from the database instead of failing (docs/production.md,
# "When the shared cache is down").
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "kyanh_cms.caching.backends.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kyanh",
        }
    }

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
}

# collectstatic writes here; each host runs it from the same release (docs/production.md).
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", STATIC_ROOT)  # noqa: F405

# Uploaded images, their renditions and documents live where every app server reaches
# them (docs/production.md, "Media storage"). MEDIA_STORAGE chooses:
# - "filesystem" (the default): MEDIA_ROOT, from KYANH_MEDIA_ROOT, is a shared mount (NFS)
#   at the same path on every server; the web server serves it at MEDIA_URL.
# - "s3": a bucket of S3-compatible object storage through django-storages
#   (pip install "kyanh-cms[s3]"), named by the MEDIA_S3_* variables below.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": os.environ["MEDIA_S3_ENDPOINT_URL"],
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "access_key": os.environ["MEDIA_S3_ACCESS_KEY_ID"],
            "secret_key": os.environ["MEDIA_S3_SECRET_ACCESS_KEY"],
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            # The data centre's MinIO or Ceph answers at one host name: bucket in the path.
            "addressing_style": os.environ.get("MEDIA_S3_ADDRESSING_STYLE", "path"),
            # media.<province>.gov.vn in front of the bucket; unset: the endpoint's address.
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("MEDIA_S3_LOCATION", ""),
            # Public media: plain addresses that pages, caches and feeds can keep.
            "querystring_auth": False,
            # A new upload never replaces another file of the same name.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    # A document link goes to Wagtail's view, which checks the collection's privacy and
    # redirects to the object's address: the object store sends the bytes, not a worker.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}")
