"""Per-visitor rate limits counted in a shared cache (fixed windows).

A visitor is known by the client address from ``kyanh_cms.core.visitors``. The
counter lives in ``KYANH_CMS["RATE_LIMIT_CACHE"]``: with several app
processes it must be a cache they share (Redis, Memcached or the database
cache); a per-process memory cache only limits each process on its own.
"""

import hashlib
import time

from django.core.cache import caches

from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.visitors import client_ip


def _bucket_key(request, scope: str, window: int) -> str:
    address = client_ip(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"kyanh_cms:rate:{scope}:{digest}:{int(time.time() // window)}"


def allow(request, scope: str, limit: int, window: int) -> bool:
    """Count one attempt; True while the visitor has made at most ``limit`` in this window."""
    cache = caches[get_setting("RATE_LIMIT_CACHE")]
    key = _bucket_key(request, scope, window)
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count <= limit


def allow_comment(request) -> bool:
    return allow(
        request, "comment", get_setting("COMMENT_RATE_LIMIT"), get_setting("COMMENT_RATE_WINDOW")
    )


def allow_vote(request) -> bool:
    return allow(
        request, "vote", get_setting("RATING_RATE_LIMIT"), get_setting("RATING_RATE_WINDOW")
    )
