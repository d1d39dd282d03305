"""What one request has read from the cache, so each value and token is read once.

A page view asks for a dozen cached values (its site, routing, settings, menu,
fragments, the sidebar). On a shared Redis each is a network round trip.
``RequestCache`` remembers, for one request, the generation tokens and entries
already read, and the keys asked for; ``CachedSiteMiddleware`` keeps, per
address, the list of keys its last view read (a *manifest*) and fetches them all
with one ``get_many`` before the view runs, so a warm page costs two round
trips instead of fifteen.

The state of the current request lives in a context variable set by the
middleware (values asked for without the request at hand benefit too) or, for
projects without the middleware, on the request object.
"""

from contextlib import contextmanager
from contextvars import ContextVar


class RequestCache:
    def __init__(self):
        #: ``{scope: generation}`` read in this request.
        self.generations = {}
        #: ``{key: entry or None}`` fetched ahead by the manifest (None: not in the cache).
        self.entries = {}
        #: ``{key: value}`` returned to this request.
        self.values = {}
        #: Keys and scopes asked for, in order: the next manifest of this address.
        self.keys = {}
        self.scopes = set()
        #: Whether a previous copy of a value was served (another process rebuilt it).
        self.served_stale = False


_current = ContextVar("kyanh_request_cache", default=None)


@contextmanager
def request_cache(request):
    """The cache state of ``request`` for the code it runs."""
    state = getattr(request, "_kyanh_cache", None) or RequestCache()
    request._kyanh_cache = state
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


def state_for(request=None):
    """The current request's cache state, or ``None`` outside any request."""
    if request is not None:
        state = getattr(request, "_kyanh_cache", None)
        if state is None:
            state = request._kyanh_cache = RequestCache()
        return state
    return _current.get()
