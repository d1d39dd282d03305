"""The health checks load balancers and monitoring ask."""

import json
import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("kyanh_cms.health")


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers() -> bool:
    """A write read back: a cache that swallows its errors (kyanh_cms.caching.backends)
    answers a read of what it could not write with nothing."""
    key, token = "kyanh_cms:health", uuid.uuid4().hex
    try:
        cache.set(key, token, 30)
        return cache.get(key) == token
    except Exception:  # Django's own Redis client raises its connection errors
        return False


@require_safe
@never_cache
def health(request):
    """Ready to serve: the database and the shared cache answer (200), or 503 naming
    what is down — the site still serves pages without the cache, but slower, and
    an operator must know."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "degraded"}
    body.update({name: "ok" if up else "down" for name, up in checks.items()})
    if not healthy:
        logger.warning("Health check: %s", body)
    return HttpResponse(
        json.dumps(body), status=200 if healthy else 503, content_type="application/json"
    )


@require_safe
@never_cache
def alive(request):
    """The process answers: nothing else is asked (a liveness probe, and the benchmark's
    ceiling). A worker is restarted when this fails, not when the database does."""
    return HttpResponse("ok", content_type="text/plain")
