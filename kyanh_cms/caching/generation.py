"""Values kept in Django's cache until the content they come from changes.

Every public page draws the same per-site things (the portal's identity, the
engagement settings, the main menu, the sidebar) and per-page things that
take queries to work out (related articles, the home page's sections).
Each is built once and kept in the cache (shared by all workers when the
cache is Redis or Memcached) under the *content generation*: one token that
``content_changed`` moves on whenever a page is published, unpublished,
moved or deleted, or a setting, snippet, image, document or Site is saved
(``signal_handlers.py``). Nothing keeps lists of what to drop: values under
an old token are no longer asked for and expire. The same token keys the
cached fragments of templates (``fragments.py``) and the full-page cache.
"""

import uuid

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from wagtail.models import Site

PREFIX = "kyanh_cms:site"
TIMEOUT = 3600


def cached_for_site(name, site, build, request=None):
    """``build(site)``, cached per site under ``name`` while the content is unchanged
    (and on ``request`` if given)."""
    memo = f"_kyanh_site_cache_{name}"
    if request is not None and hasattr(request, memo):
        return getattr(request, memo)
    value = _cached(f"{name}:site-{site.pk}", lambda: build(site), request)
    if request is not None:
        setattr(request, memo, value)
    return value


def cached_for_page(name, page, build):
    """``build(page)``, cached under ``name`` for that page while the content is unchanged."""
    return _cached(f"{name}:page-{page.pk}", lambda: build(page))


def cached_while_content_unchanged(name, key, build):
    """``build()``, kept until the content generation moves on.

    For values that depend on many pages (an article's related articles, a
    listing's count): one generation moves on instead of finding every value
    to drop.
    """
    return _cached(f"{name}:{key}", build)


def _cached(name, build, request=None):
    full_key = f"{PREFIX}:{content_generation(request)}:{name}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, TIMEOUT)
    return value


GENERATION_KEY = f"{PREFIX}:content-generation"


def content_generation(request=None):
    """The *content generation*: a token that moves on whenever something public pages
    show changes (``content_changed``). Values kept under it — rendered fragments,
    related articles, whole pages — need no list of what to drop: a new token makes
    them unreachable, and the cache's timeout or eviction removes them.

    Read once per request when ``request`` is given.
    """
    memo = "_kyanh_content_generation"
    if request is not None and hasattr(request, memo):
        return getattr(request, memo)
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # add(): of two processes starting at once, both use the token that won.
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY) or generation
    if request is not None:
        setattr(request, memo, generation)
    return generation


def content_changed(**kwargs):
    """Everything kept under the content generation is out of date from now on.

    Called (through ``signal_handlers``) when a page is published, unpublished,
    moved or deleted, when a snippet, setting, image or document is saved or
    deleted, and when reader comments are moderated. Usable as a signal receiver.
    """
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def site_with_root_page(request):
    """The request's Wagtail ``Site`` with its root page already loaded as its specific
    page object, kept under the content generation (so publishing the root page or
    saving a Site refreshes it). ``None`` where Wagtail finds no site.

    Wagtail spends three queries on this before routing every page view (the site,
    its root page, the root's specific object); ``CachedSiteMiddleware`` hands this
    to Wagtail instead.
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Wagtail answers it as before (CommonMiddleware refuses it first)
    key = f"{PREFIX}:site-for:{content_generation(request)}:{host}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        site.root_page = site.root_page.specific
        cache.set(key, site, TIMEOUT)
    return site


def setting_for_request(model, request):
    """The ``BaseSiteSetting`` ``model`` of the request's site, without a query when warm."""
    site = Site.find_for_request(request)
    if site is None:
        return model()
    return cached_for_site(model._meta.label_lower, site, model.for_site, request)
