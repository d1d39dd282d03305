"""The cache epoch: what the database knows that the shared cache may have lost.

Every content generation (``generation.generation``) starts with the epoch, read from
the database at most once per ``KYANH_CMS["CACHE_EPOCH_CHECK_SECONDS"]`` per process.
When a change cannot be recorded in the shared cache (it is unreachable), the epoch
moves on in the database (``record_lost_change``): within that interval every process
stops taking anything cached before as current — whether the cache comes back empty,
with its saved data, or was only unreachable from one process for a moment. The
epoch never goes backwards, so a cache restored from an old snapshot cannot bring old
pages back.
"""

import logging
import time

from django.db import DatabaseError, transaction
from django.db.models import F

from kyanh_cms.core.conf import get_setting

logger = logging.getLogger("kyanh_cms.cache")

_state = {"value": "0", "next_check": float("-inf")}


def _read():
    from kyanh_cms.caching.models import CacheEpoch

    value = CacheEpoch.objects.filter(pk=1).values_list("value", flat=True).first()
    return str(value or 0)


def current() -> str:
    """The epoch as this process last read it; re-read once the interval has passed."""
    now = time.monotonic()
    if now >= _state["next_check"]:
        _state["next_check"] = now + get_setting("CACHE_EPOCH_CHECK_SECONDS")
        try:
            # A savepoint: inside an editor's transaction a failing read (the table not
            # migrated yet, the database restarting) must not break the transaction.
            with transaction.atomic():
                _state["value"] = _read()
        except DatabaseError:
            logger.warning("The cache epoch cannot be read; the last one read is used.")
    return _state["value"]


def record_lost_change():
    """A change could not be recorded in the shared cache: move the epoch on."""
    from kyanh_cms.caching.models import CacheEpoch

    try:
        with transaction.atomic():
            if not CacheEpoch.objects.filter(pk=1).update(value=F("value") + 1):
                CacheEpoch.objects.get_or_create(pk=1, defaults={"value": 1})
            _state["value"] = _read()
    except DatabaseError:
        logger.exception("A change could not be recorded in the cache nor in the database.")
        return
    _state["next_check"] = time.monotonic() + get_setting("CACHE_EPOCH_CHECK_SECONDS")
    logger.warning(
        "A change could not be recorded in the shared cache; cache epoch %s.", _state["value"]
    )


def assume(value="0", *, hold=False):
    """Take ``value`` as the epoch just read; with ``hold``, until ``forget()``.

    The test suite holds a fresh database's 0, so that query budgets do not depend on
    when the interval ends; tests of the epoch itself ``forget()`` it first.
    """
    _state["value"] = str(value)
    interval = float("inf") if hold else get_setting("CACHE_EPOCH_CHECK_SECONDS")
    _state["next_check"] = time.monotonic() + interval


def forget():
    """Read the epoch from the database on next use."""
    _state["next_check"] = float("-inf")
