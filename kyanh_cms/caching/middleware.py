"""Optional middleware that saves every public page view a few queries and round trips."""

import logging

from django.urls import Resolver404, resolve
from wagtail.views import serve as wagtail_serve

from kyanh_cms.caching.context import request_cache
from kyanh_cms.caching.sites import site_with_root_page
from kyanh_cms.caching.store import prefetch, save_manifest

logger = logging.getLogger(__name__)


def uses_site(view):
    """Mark a view that draws a site's pages (``Site.find_for_request``) so that
    ``CachedSiteMiddleware`` hands it the cached site as it does Wagtail's pages."""
    view.kyanh_uses_site = True
    return view


def draws_pages(view_func) -> bool:
    """Whether a view draws a site's public pages: Wagtail's page view, or one marked
    ``uses_site``. Only these are read from (and kept in) the caches per request."""
    return view_func is wagtail_serve or getattr(view_func, "kyanh_uses_site", False)


def resolves_to_pages(request) -> bool:
    """``draws_pages`` for a request whose view is not chosen yet (early middleware)."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return draws_pages(match.func)


class CachedSiteMiddleware:
    """Gives Wagtail the request's ``Site`` (and its root page) from the cache, and reads
    what a page view needs from the cache in one round trip.

    Wagtail looks the site up with a query on each page view, then reads the
    site's root page and its specific object before it can route: three
    queries that change only when a Site is saved or the root page published.
    ``sites.site_with_root_page`` keeps them under the site's content generation.
    The cached values the page's last view read (its manifest) are fetched with
    one ``get_many`` first (``store.prefetch``).

    Only for the views that draw pages — Wagtail's page view and views marked with
    ``uses_site`` — and only for ``GET``/``HEAD``: the beacon, the health check,
    the engagement endpoints, static files and the admin (where editors work on
    the current rows, drafts included) cost no cache read. Put it anywhere after
    ``CommonMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_cache(request) as state:
            response = self.get_response(request)
            if getattr(request, "_kyanh_prefetched", False) and response.status_code == 200:
                try:
                    save_manifest(request, state)
                except Exception:
                    logger.warning("The cache cannot be written; the page's manifest is not kept.")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if draws_pages(view_func):
            request._kyanh_prefetched = True
            try:
                prefetch(request, request._kyanh_cache)
            except Exception:
                logger.warning("The cache cannot be read; the page is drawn from the database.")
            site = site_with_root_page(request)
            if site is not None:
                request._wagtail_site = site
        return None
