"""A Redis cache that degrades instead of failing: the portal's pages come from the database.

Django's own ``RedisCache`` raises when Redis cannot be reached, and Wagtail reads
the default cache on every request (the site's root paths, settings, renditions):
with Redis stopped every page answered 500, the health check too, and an editor's
publish was rolled back. This backend is Django's, with every operation guarded:

- a read that cannot reach Redis is a miss (the caller builds from the database);
- a write that cannot reach Redis is lost, and ``set_many`` reports its keys as not
  stored (Django's contract), which is how the content generations notice that a
  change could not be recorded (``generation.content_changed``);
- ``incr`` on an unreachable cache raises ``ValueError``, as for a missing key;
- after a failure Redis is left alone for ``DOWN_RETRY_SECONDS`` (every operation is
  then an immediate miss, not a wait for a timeout), then tried again;
- the outage is logged once per ``LOG_INTERVAL_SECONDS`` per process, and
  ``available`` tells the health check and the rate limiter how things stand.

Connections get short timeouts unless the settings give others: a Redis host that
drops packets must cost a request half a second, not a worker's whole timeout.

Settings (``CACHES["default"]``)::

    "BACKEND": "kyanh_cms.caching.backends.RedisCache",
    "LOCATION": "redis://10.0.0.5:6379/0",
    "OPTIONS": {"DOWN_RETRY_SECONDS": 2, "LOG_INTERVAL_SECONDS": 60},  # the defaults
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("kyanh_cms.cache")

#: Socket timeouts used unless OPTIONS name them (seconds).
CONNECT_TIMEOUT = 0.5
OPERATION_TIMEOUT = 1.0


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.down_retry_seconds = float(options.pop("DOWN_RETRY_SECONDS", 2))
        self.log_interval_seconds = float(options.pop("LOG_INTERVAL_SECONDS", 60))
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", OPERATION_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._logged_at = None
        #: When this process last failed to write (``time.time()``), or None.
        self.last_lost_write = None

    # -- state -----------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while the last attempt failed and the retry pause has not passed."""
        return time.monotonic() >= self._down_until

    def _failed(self, error, *, write):
        now = time.monotonic()
        self._down_until = now + self.down_retry_seconds
        if write:
            self.last_lost_write = time.time()
        if self._logged_at is None or now - self._logged_at >= self.log_interval_seconds:
            self._logged_at = now
            logger.error(
                "The shared cache cannot be reached (%s); pages are built from the database "
                "and changes are recorded there until it answers again.",
                error,
            )

    def _recovered(self):
        if self._logged_at is not None:
            self._logged_at = None
            logger.warning("The shared cache answers again.")

    def _guard(self, operation, fallback, *, write):
        if not self.available:
            if write:
                self.last_lost_write = time.time()
            return fallback()
        try:
            result = operation()
        except RedisError as error:
            self._failed(error, write=write)
            return fallback()
        self._recovered()
        return result

    # -- Django's cache API ----------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._guard(
            lambda: super(RedisCache, self).get(key, default, version), lambda: default, write=False
        )

    def get_many(self, keys, version=None):
        return self._guard(
            lambda: super(RedisCache, self).get_many(keys, version), dict, write=False
        )

    def has_key(self, key, version=None):
        return self._guard(lambda: super(RedisCache, self).has_key(key, version), bool, write=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            lambda: super(RedisCache, self).add(key, value, timeout, version), bool, write=True
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard(
            lambda: super(RedisCache, self).set(key, value, timeout, version),
            lambda: None,
            write=True,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            lambda: super(RedisCache, self).set_many(data, timeout, version),
            lambda: list(data),
            write=True,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            lambda: super(RedisCache, self).touch(key, timeout, version), bool, write=True
        )

    def delete(self, key, version=None):
        return self._guard(lambda: super(RedisCache, self).delete(key, version), bool, write=True)

    def delete_many(self, keys, version=None):
        self._guard(
            lambda: super(RedisCache, self).delete_many(keys, version), lambda: None, write=True
        )

    def incr(self, key, delta=1, version=None):
        def unreachable():
            raise ValueError(f"Key '{key}' not found: the shared cache cannot be reached.")

        return self._guard(
            lambda: super(RedisCache, self).incr(key, delta, version), unreachable, write=True
        )

    def clear(self):
        return self._guard(lambda: super(RedisCache, self).clear(), bool, write=True)
