"""An optional full-page cache for anonymous visitors, in Django's cache framework.

Off unless ``KYANH_CMS["PAGE_CACHE_SECONDS"]`` is above 0 and
``PageCacheMiddleware`` is in ``MIDDLEWARE`` (right after
``SecurityMiddleware``, so a cached page skips sessions, CSRF and the rest).

What is cached: answers to ``GET`` requests from anonymous visitors — requests
without a session or messages cookie and without an ``Authorization``
header — that are 200, not streamed, set no cookie, are not marked
``private``/``no-cache``/``no-store`` (Wagtail marks restricted pages so; the
engagement forms and the beacon are ``never_cache``) and vary on nothing but
``Cookie`` and ``Accept-Encoding``. A page that holds a CSRF token always
sets the CSRF cookie, so it is never cached. ``HEAD`` is answered from a
cached ``GET``. The key is the host, the path with its query string and
whether the client accepts gzip.

Why cookies other than the session's do not split the cache: the extension's
pages are the same for every anonymous visitor (the rating and comment forms,
with their CSRF token and captcha, are fetched from uncached endpoints; visit
counting is a beacon the cached page sends), so ignoring ``Vary: Cookie`` for
visitors without a session is what makes the cache useful at all.

Purging: every cached page carries the *content generation* of its site it
was stored under (``generation``, the same token the cached fragments use);
whatever moves it on — publishing, unpublishing, moving or deleting a page of
the site, saving its settings, a snippet, image or document, a Site,
moderating a reader comment (see ``signals``) — makes the site's pages render
anew on their next request, and leaves the other sites' pages cached.
Counters (visits, ratings) do not: a cached article shows a rating summary
up to ``PAGE_CACHE_SECONDS`` old. The generations live in the default cache and
the pages in ``PAGE_CACHE_ALIAS``: both must be shared by every app process
(Redis, Memcached, the database or files); with a
per-process memory cache a purge reaches one process only.
"""

import logging
import re

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.utils.cache import get_max_age

from kyanh_cms.caching.context import state_for
from kyanh_cms.caching.generation import generation
from kyanh_cms.caching.middleware import resolves_to_pages
from kyanh_cms.caching.sites import request_scope
from kyanh_cms.caching.store import cache_key, claim_rebuild, release_rebuild
from kyanh_cms.core.conf import get_setting

logger = logging.getLogger(__name__)

# Django 6.1 no longer exports django.utils.cache.cc_delim_re: the same rule, here.
HEADER_LIST_SEPARATOR = re.compile(r"\s*,\s*")

HEADER = "X-Kyanh-Page-Cache"
MIDDLEWARE_PATH = "kyanh_cms.middleware.PageCacheMiddleware"
MESSAGES_COOKIE = "messages"
#: Vary headers a cached page may carry (see the module's docstring for Cookie).
ALLOWED_VARY = {"cookie", "accept-encoding"}
#: Response headers that are per response, never replayed from the cache.
NOT_REPLAYED = {"set-cookie", "date", HEADER.lower()}


def is_enabled() -> bool:
    return get_setting("PAGE_CACHE_SECONDS") > 0


def page_cache():
    return caches[get_setting("PAGE_CACHE_ALIAS")]


def is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and MESSAGES_COOKIE not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request) -> str:
    # Not under a site's scope: the entry names its site, so that a hit costs one read of
    # the entry and one of its site's generation (two round trips), not a site lookup too.
    # The scheme too: canonical and sharing links name the address the visitor used.
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    return cache_key(
        "page", (request.scheme, request.get_host(), request.get_full_path(), int(gzip)), None
    )


def is_shareable(request, response) -> bool:
    """The same for every anonymous visitor: the full-page cache and a reverse proxy may keep it."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in HEADER_LIST_SEPARATOR.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if control & {"private", "no-cache", "no-store"} or get_max_age(response) == 0:
        return False
    vary = {
        part.strip().lower()
        for part in HEADER_LIST_SEPARATOR.split(response.get("Vary", ""))
        if part.strip()
    }
    if "*" in vary or not vary <= ALLOWED_VARY:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not getattr(request, "is_preview", False)


def _replay(entry, method):
    status, headers, content = entry
    response = HttpResponse(content if method == "GET" else b"", status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Answers anonymous ``GET``/``HEAD`` requests from the cache; stores what it may."""

    def __init__(self, get_response):
        if not is_enabled():
            raise MiddlewareNotUsed("KYANH_CMS['PAGE_CACHE_SECONDS'] is 0")
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not is_anonymous(request)
            or not resolves_to_pages(request)  # the beacon, forms, health: never cached
        ):
            return self.get_response(request)
        cache = page_cache()
        claimed = False
        try:
            key = _key(request)
            entry = cache.get(key)  # (site scope, generation, page)
            if entry is not None:
                scope, stored_generation, page = entry
                current = generation(scope, request)
                if stored_generation == current:
                    return _replay(page, request.method)
                claimed = claim_rebuild(key, cache)
                if not claimed:
                    # Another process draws the page anew: serve the previous copy meanwhile.
                    return _replay(page, request.method)
            # Read before the page is drawn: a publish meanwhile must not be stored as seen.
            scope = request_scope(request)
            current = generation(scope, request)
        except Exception:
            logger.warning("The cache cannot be read; the page is drawn from the database.")
            return self.get_response(request)
        try:
            response = self.get_response(request)
            self._store(request, response, cache, key, (scope, current), entry)
        finally:
            if claimed:
                release_rebuild(key, cache)
        return response

    def _store(self, request, response, cache, key, scoped_generation, entry):
        state = state_for(request)
        try:
            if not is_shareable(request, response):
                if entry is not None:
                    cache.delete(key)  # unpublished, private or failing now: drop the old copy
                return
            if state.served_stale:
                return  # drawn partly from previous copies: not the current page
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED
            ]
            stored = (response.status_code, headers, response.content)
            cache.set(key, (*scoped_generation, stored), get_setting("PAGE_CACHE_SECONDS"))
            response[HEADER] = "miss"
        except Exception:
            logger.warning("The cache cannot be written; the page is not kept.")
