"""Optional middleware that saves every public page view a few queries."""

from django.urls import NoReverseMatch, reverse

from kyanh_cms.caching.sites import site_with_root_page


class CachedSiteMiddleware:
    """Gives Wagtail the request's ``Site`` (and its root page) from the cache.

    Wagtail looks the site up with a query on each page view, then reads the
    site's root page and its specific object before it can route: three
    queries that change only when a Site is saved or the root page published.
    ``sites.site_with_root_page`` keeps them under the site's content generation.
    Admin requests are left alone: editors work on the current rows, drafts
    included. Put it anywhere after ``CommonMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            try:
                self.admin_prefix = reverse("wagtailadmin_home")
            except NoReverseMatch:  # a front-end process without the admin's URLs
                self.admin_prefix = ""
        in_admin = bool(self.admin_prefix) and request.path.startswith(self.admin_prefix)
        if request.method in ("GET", "HEAD") and not in_admin:
            site = site_with_root_page(request)
            if site is not None:
                request._wagtail_site = site
        return self.get_response(request)
