"""The caching wing's tests run on Redis, as the province's workers do, when ``REDIS_URL``
names one: ``make test`` starts a private server for every run (scripts/with_redis.py).
Without it (a quick run on a developer's machine) they use the per-process memory cache
of the rest of the suite. The tests empty that Redis database: never point ``REDIS_URL``
at a Redis that holds anything else.
"""

import os
import uuid

import pytest
from django.test import override_settings

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(key_prefix):
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": key_prefix,
    }


@pytest.fixture(scope="module", autouse=True)
def redis_default_cache(django_test_environment):
    """The ``default`` cache, which holds the content generations, in Redis under a key
    prefix of the module's own.

    Module-scoped, so it wraps every function-scoped fixture: a test that monkeypatches
    the cache's methods has them restored on the same Redis cache object, before this
    override ends. The root conftest's ``empty_caches`` empties it before each test.
    """
    if not REDIS_URL:
        yield None
        return
    caches = {"default": redis_cache(f"kyanh-test-{uuid.uuid4().hex[:12]}")}
    with override_settings(CACHES=caches):
        yield caches["default"]


@pytest.fixture
def default_cache(redis_default_cache):
    """The ``default`` cache settings of this test: Redis (``None`` without ``REDIS_URL``)."""
    return redis_default_cache


def pytest_terminal_summary(terminalreporter):
    where = f"Redis ({REDIS_URL})" if REDIS_URL else "the memory cache (no REDIS_URL)"
    terminalreporter.write_line(f"tests/caching ran on {where}")
