"""The one way the extension keeps a value in Django's cache.

``cached(name, params, build, scope=…)`` returns ``build()``'s value, kept under one
key scheme — ``kyanh_cms:<scope>:<name>:<digest of params>`` — with the content
generation (``generation``) it was built under stored beside it. An entry is current
while the generation of its scope is; a stale entry is rebuilt by one process at a
time (a short lock in the cache) while the others keep serving the previous copy, so
a publish under load costs one rebuild per value, not a stampede. A request that was
served such a previous copy stores what it builds as out of date (``STALE``), so no
value derived from an old copy ever passes for current. Without a request at hand
there is no previous copy: the value is rebuilt. Values are wrapped,
so ``None``, ``False`` or an empty list are cached like anything else.

Lifetimes come from one table of ``KYANH_CMS`` options (``LIFETIMES``, documented in
docs/settings.md); a lifetime of 0 turns that kind of caching off.

When the cache itself fails (Redis stopped), values are built from the database on
every request and the site keeps serving.
"""

import hashlib
import logging

from django.core.cache import cache

from kyanh_cms.caching.context import state_for
from kyanh_cms.caching.generation import PREFIX, compose, generation, scopes_of, token_key
from kyanh_cms.core.conf import get_setting

logger = logging.getLogger(__name__)

#: Kinds of cached values and the ``KYANH_CMS`` option that holds their lifetime.
LIFETIMES = {
    "content": "CONTENT_CACHE_SECONDS",
    "fragment": "FRAGMENT_CACHE_SECONDS",
    "sidebar": "SIDEBAR_CACHE_SECONDS",
    "live": "VISIT_STATS_CACHE_SECONDS",
    "page": "PAGE_CACHE_SECONDS",
    "embed": "EMBED_CACHE_SECONDS",
}

#: How long one process may take to rebuild a stale value before another tries.
REBUILD_LOCK_SECONDS = 10
#: The generation stored with a value built in a request that was served a previous
#: copy of something: it matches no generation, so the value is never taken as current.
STALE = "stale"


def lifetime(kind):
    return get_setting(LIFETIMES[kind])


def cache_key(name, params=(), scope=None):
    """The key of the value ``name`` with ``params`` in ``scope`` (a site id, the
    installation, or ``None`` for values no generation governs)."""
    text = "\n".join(str(param) for param in params)
    digest = hashlib.sha256(text.encode()).hexdigest()[:32] if params else "-"
    return f"{PREFIX}:{'-' if scope is None else scope}:{name}:{digest}"


def cached(name, params, build, *, scope, request=None, kind="content"):
    """``build()``, kept under ``name``/``params`` while ``scope``'s generation is current.

    ``scope=None`` keeps the value for its lifetime only (or until ``forget``).
    ``request`` lets the generation be read once per request, and a value asked for
    twice in one request be read once. ``kind`` names the lifetime (``LIFETIMES``); it
    may be a function of the built value (a failed embed is kept less long).
    """
    seconds = lifetime(kind if isinstance(kind, str) else kind(None))
    if seconds <= 0:
        return build()
    key = cache_key(name, params, scope)
    state = state_for(request)
    if state is None:
        return _cached(key, name, build, scope, request, kind, None)
    if key in state.values:
        return state.values[key]
    state.keys[key] = scope
    state.values[key] = value = _cached(key, name, build, scope, request, kind, state)
    return value


def _cached(key, name, build, scope, request, kind, state):
    try:
        current = generation(scope, request) if scope is not None else ""
        if state is not None and key in state.entries:
            entry = state.entries[key]
        else:
            entry = cache.get(key)
    except Exception:
        logger.warning("The cache cannot be read; %s is built from the database.", name)
        return build()
    if entry is not None and entry[0] == current:
        return entry[1]
    claimed = False
    if entry is not None and state is not None:
        try:
            claimed = claim_rebuild(key)
        except Exception:
            return build()
        if not claimed:
            # Another process rebuilds it: serve the previous copy meanwhile, and mark
            # the request, so that nothing it builds from that copy is stored as current.
            state.served_stale = True
            return entry[1]
    try:
        value = build()
        # Built from a previous copy of something else: kept, but as out of date, so
        # the next request that can rebuild it from current values does.
        tag = STALE if state is not None and state.served_stale else current
        seconds = lifetime(kind if isinstance(kind, str) else kind(value))
        try:
            cache.set(key, (tag, value), seconds)
        except Exception:
            logger.warning("The cache cannot be written; %s is not kept.", name)
        return value
    finally:
        if claimed:
            release_rebuild(key)


def claim_rebuild(key, backend=cache):
    """Whether this process may rebuild the stale entry ``key`` (a short lock in the
    cache); the others serve the previous copy meanwhile."""
    return backend.add(f"{key}:rebuild", 1, REBUILD_LOCK_SECONDS)


def release_rebuild(key, backend=cache):
    try:
        backend.delete(f"{key}:rebuild")
    except Exception:
        logger.warning("The cache cannot be written; the rebuild lock of %s expires.", key)


def forget(name, params=(), scope=None):
    """Drop one value now (for values no generation governs, such as a rating summary)."""
    try:
        cache.delete(cache_key(name, params, scope))
    except Exception:
        logger.warning("The cache cannot be written; %s is left to expire.", name)


# --- One round trip for a page's values ----------------------------------------------------------


def manifest_key(request):
    return cache_key("manifest", (request.get_host(), request.get_full_path()), None)


def prefetch(request, state):
    """Fetch at once every value and token this address read last time (its manifest).

    Two round trips (the manifest, then everything in it) instead of one per value.
    Values another process has rebuilt since are read as usual.
    """
    manifest = cache.get(manifest_key(request))
    if not manifest:
        return
    keys, scopes = manifest
    tokens = {token_key(name): name for scope in scopes for name in scopes_of(scope)}
    found = cache.get_many([*tokens, *keys])
    if all(key in found for key in tokens):
        token_of = {name: found[key] for key, name in tokens.items()}
        for scope in scopes:
            state.generations[scope] = compose(scope, token_of)
        state.scopes.update(scopes)
    state.entries = {key: found.get(key) for key in keys}


def save_manifest(request, state):
    """Remember which values this address read, when that changed."""
    keys = list(state.keys)
    if not keys or (state.entries and set(keys) == set(state.entries)):
        return
    cache.set(manifest_key(request), (keys, sorted(state.scopes, key=str)), lifetime("content"))
