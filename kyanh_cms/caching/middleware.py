"""Optional middleware that saves every public page view a few queries."""

from wagtail.views import serve as wagtail_serve

from kyanh_cms.caching.sites import site_with_root_page


def uses_site(view):
    """Mark a view that draws a site's pages (``Site.find_for_request``) so that
    ``CachedSiteMiddleware`` hands it the cached site as it does Wagtail's pages."""
    view.kyanh_uses_site = True
    return view


class CachedSiteMiddleware:
    """Gives Wagtail the request's ``Site`` (and its root page) from the cache.

    Wagtail looks the site up with a query on each page view, then reads the
    site's root page and its specific object before it can route: three
    queries that change only when a Site is saved or the root page published.
    ``sites.site_with_root_page`` keeps them under the site's content generation.

    Only for the views that draw pages — Wagtail's page view and views marked with
    ``uses_site`` — and only for ``GET``/``HEAD``: the beacon, the health check,
    the engagement endpoints, static files and the admin (where editors work on
    the current rows, drafts included) cost no cache read. Put it anywhere after
    ``CommonMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if view_func is wagtail_serve or getattr(view_func, "kyanh_uses_site", False):
            site = site_with_root_page(request)
            if site is not None:
                request._wagtail_site = site
        return None
