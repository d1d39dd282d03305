"""The content generations: one token per site, and one for the whole installation.

Everything public that is cached (``store.cached``: settings, menu, sidebar, routing,
listings, related articles, rendered fragments, whole pages) is stored with the
*generation* it was built under and is current while that generation is. Whatever
changes what a site's pages show moves that site's token on (``content_changed``,
called from ``signals``): a page published, unpublished, moved or deleted below the
site's root, the site's settings saved, a comment moderated on one of its pages.
Nothing keeps lists of what to drop, and a commune's publish leaves the other
communes' caches warm. What is shared by every site (snippets, images, documents,
Sites themselves, view restrictions) moves the installation's token, which every
site's generation includes.

Both tokens live in Django's default cache, which several app processes must
share (Redis): a token moved by one worker is read by all on their next request.
A generation also starts with the *cache epoch* (``epoch``), kept in the database:
a change that cannot be recorded in the cache (it is unreachable) moves the epoch
instead, so a cache that comes back with its old tokens serves nothing from before.
"""

import logging
import uuid

from django.core.cache import cache

from kyanh_cms.caching import epoch
from kyanh_cms.caching.context import state_for

logger = logging.getLogger("kyanh_cms.cache")

PREFIX = "kyanh_cms"
#: The scope of values that depend on no single site (site roots, restricted paths).
INSTALLATION = "all"


def token_key(scope):
    return f"{PREFIX}:generation:{scope}"


def _new_token():
    return uuid.uuid4().hex[:16]


def read_tokens(scopes):
    """``{scope: token}``, starting a token where the cache has none (one round trip)."""
    keys = {token_key(scope): scope for scope in scopes}
    found = cache.get_many(list(keys))
    tokens = {}
    for key, scope in keys.items():
        token = found.get(key)
        if token is None:
            token = _new_token()
            # add(): of two processes starting at once, both use the token that won.
            if not cache.add(key, token, None):
                token = cache.get(key) or token
        tokens[scope] = token
    return tokens


def scopes_of(scope):
    """The tokens a scope's generation is made of: the installation's, and the site's."""
    return [INSTALLATION] if scope == INSTALLATION else [INSTALLATION, scope]


def compose(scope, tokens):
    """The generation of ``scope`` from its tokens (``{scope: token}``) and the epoch."""
    return ".".join([epoch.current(), *(tokens[name] for name in scopes_of(scope))])


def generation(scope, request=None):
    """The generation values of ``scope`` (a site id, or ``INSTALLATION``) are kept under:
    the installation's token and the site's. Read once per request (``context``)."""
    state = state_for(request)
    if state is not None and scope in state.generations:
        return state.generations[scope]
    value = compose(scope, read_tokens(scopes_of(scope)))
    if state is not None:
        state.generations[scope] = value
        state.scopes.add(scope)
    return value


def content_changed(site_ids=None, **kwargs):
    """What the pages of ``site_ids`` show has changed (every site's when ``None``).

    Values kept under the old generation are no longer current; the cache's
    timeout or eviction removes them. Usable as a signal receiver.
    """
    scopes = [INSTALLATION] if site_ids is None else sorted(set(site_ids))
    try:
        # Keys not stored come back (Django's contract; kyanh_cms.caching.backends
        # returns them all while Redis is unreachable).
        lost = cache.set_many({token_key(scope): _new_token() for scope in scopes}, None)
    except Exception:
        logger.warning("The shared cache cannot be written; the change goes to the database.")
        lost = True
    if lost:
        epoch.record_lost_change()
