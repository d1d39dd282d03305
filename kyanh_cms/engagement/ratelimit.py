"""Per-visitor limits counted in a shared cache (fixed windows).

Whom a limit counts is ``client_network`` from ``kyanh_cms.core.visitors``:
the IPv4 address, or the /64 of an IPv6 address (one household or phone
picks addresses in its /64 at will). The counters live in
``KYANH_CMS["RATE_LIMIT_CACHE"]``: with several app processes it must be a
cache they share (Redis, Memcached or the database cache); a per-process
memory cache only limits each process on its own.

Three kinds of limit, chosen so that a whole commune behind one NAT address
is slowed down, never locked out:

* **Saved comments** (``comment_allowed`` / ``comment_saved``): only comments
  that were stored count, so wrong captcha answers or forms sent back with a
  note do not use up anyone's allowance.
* **Wrong captcha answers** (``captcha_wait`` / ``captcha_failed``): the first
  ``CAPTCHA_FREE_ATTEMPTS`` wrong answers of an hour cost nothing; each
  further one makes the next attempt wait twice as long as the one before
  (2, 4, 8 … seconds, at most ``CAPTCHA_MAX_DELAY``). A guessing script is
  slowed to one try a minute; neighbours on the same address wait seconds.
* **Attempts** (``allow``): votes and the spoken captcha, counted on every try.

When the cache is down (or answers nothing) a limit cannot be counted. The
limiter then lets the request through and logs a warning at most once per
``CACHE_DOWN_LOG_SECONDS``: votes are still one per visitor (a database
constraint), comments still need a solved captcha that is spent in the
database and still wait for moderation, so an outage costs the limits only,
never the visitors' comments and votes.
"""

import hashlib
import logging
import math
import time

from django.core.cache import caches

from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.visitors import client_network

logger = logging.getLogger(__name__)

CACHE_DOWN_LOG_SECONDS = 60
#: Wrong captcha answers are remembered per fixed hour.
CAPTCHA_FAILURE_WINDOW = 3600
_last_warning = {"at": -math.inf}


def _cache_unusable(error=None):
    """Log (at most once per interval) that the limits are not being counted."""
    now = time.monotonic()
    if now - _last_warning["at"] < CACHE_DOWN_LOG_SECONDS:
        return
    _last_warning["at"] = now
    logger.warning(
        "The rate-limit cache %r cannot count (%s): comments and votes are let through "
        "without their rate limits until it answers again (captcha and one vote per "
        "visitor still apply).",
        get_setting("RATE_LIMIT_CACHE"),
        error or "no answer",
    )


def _visitor(request) -> str:
    network = client_network(request) or "unknown"
    return hashlib.sha256(network.encode()).hexdigest()[:32]


def _window_key(request, scope: str, window: int) -> str:
    return f"kyanh_cms:rate:{scope}:{_visitor(request)}:{int(time.time() // window)}"


def _as_count(value):
    """An integer count, or None for what a failing cache client answers instead."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _cache():
    return caches[get_setting("RATE_LIMIT_CACHE")]


def _down(cache) -> bool:
    """A guarded backend (``kyanh_cms.caching.backends.RedisCache``) answers misses
    instead of raising while Redis is away, and says so in ``available``."""
    return getattr(cache, "available", True) is False


def _add_one(key: str, timeout: int) -> int | None:
    """Add one to the counter ``key`` atomically; None when the cache cannot count."""
    cache = _cache()
    try:
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add() and incr()
            cache.set(key, 1, timeout=timeout)
            count = 1
    except Exception as error:  # a cache that is down must not turn a comment into a 500
        _cache_unusable(error)
        return None
    count = _as_count(count)
    if count is None or _down(cache):
        _cache_unusable()
        return None
    return count


def _read(key: str) -> int | None:
    cache = _cache()
    try:
        value = cache.get(key, 0)
    except Exception as error:
        _cache_unusable(error)
        return None
    if _down(cache):
        _cache_unusable()
        return None
    return _as_count(value)


def allow(request, scope: str, limit: int, window: int) -> bool:
    """Count one attempt; True while the visitor has made at most ``limit`` in this window
    (and whenever the cache cannot count)."""
    count = _add_one(_window_key(request, scope, window), window + 1)
    return count is None or count <= limit


def allow_vote(request) -> bool:
    return allow(
        request, "vote", get_setting("RATING_RATE_LIMIT"), get_setting("RATING_RATE_WINDOW")
    )


def allow_captcha_audio(request) -> bool:
    """Each spoken captcha runs a speech synthesiser on the server: counted per try."""
    return allow(
        request,
        "captcha-audio",
        get_setting("CAPTCHA_AUDIO_RATE_LIMIT"),
        get_setting("CAPTCHA_AUDIO_RATE_WINDOW"),
    )


def _comment_key(request) -> str:
    return _window_key(request, "comment", get_setting("COMMENT_RATE_WINDOW"))


def comment_allowed(request) -> bool:
    """Whether the visitor may send one more comment in this window (counts nothing)."""
    count = _read(_comment_key(request))
    return count is None or count < get_setting("COMMENT_RATE_LIMIT")


def comment_saved(request):
    """Count a comment that was stored."""
    _add_one(_comment_key(request), get_setting("COMMENT_RATE_WINDOW") + 1)


def _captcha_keys(request) -> tuple[str, str]:
    failures = _window_key(request, "captcha-wrong", CAPTCHA_FAILURE_WINDOW)
    return failures, f"kyanh_cms:rate:captcha-wait:{_visitor(request)}"


def captcha_delay(failures: int) -> int:
    """Seconds the next attempt waits after ``failures`` wrong answers this hour."""
    free = get_setting("CAPTCHA_FREE_ATTEMPTS")
    if failures <= free:
        return 0
    return min(2 ** (failures - free), get_setting("CAPTCHA_MAX_DELAY"))


def captcha_wait(request) -> int:
    """Whole seconds the visitor must still wait before the next captcha attempt."""
    _failures, wait_key = _captcha_keys(request)
    try:
        until = _cache().get(wait_key)
    except Exception as error:
        _cache_unusable(error)
        return 0
    if not isinstance(until, (int, float)) or isinstance(until, bool):
        return 0
    return max(0, math.ceil(until - time.time()))


def captcha_failed(request) -> int:
    """Count a wrong answer; returns the seconds the next attempt must wait."""
    failures_key, wait_key = _captcha_keys(request)
    failures = _add_one(failures_key, CAPTCHA_FAILURE_WINDOW + 1)
    delay = captcha_delay(failures) if failures is not None else 0
    if delay:
        try:
            _cache().set(wait_key, time.time() + delay, timeout=delay + 1)
        except Exception as error:
            _cache_unusable(error)
            return 0
    return delay
