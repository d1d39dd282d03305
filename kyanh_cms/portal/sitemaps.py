"""``/sitemap.xml``: every public page of the site, in pages of ``SITEMAP_PAGE_SIZE`` URLs.

While the site fits in one page, ``/sitemap.xml`` is Wagtail's sitemap as it
always was. Past that, it becomes a sitemap index pointing at
``/sitemap.xml?p=1``, ``?p=2``, …, so no request reads and writes out every
page of a portal with years of articles (10,000 articles took 19 queries, 1.6 MB
and over a second in one request); each part costs the same few queries.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap

#: URLs per sitemap part (search engines accept up to 50,000).
SITEMAP_PAGE_SIZE = 1000


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of the request's site, paginated by ``SITEMAP_PAGE_SIZE``."""

    limit = SITEMAP_PAGE_SIZE

    @cached_property
    def paginator(self):
        # Django builds a new paginator (and counts the pages anew) on every access.
        return Paginator(self._items(), self.limit)


@sitemap_views.x_robots_tag
def sitemap(request):
    """The sitemap, or the index of its parts when the site has more than one part."""
    site_map = PortalSitemap(request)
    if "p" not in request.GET and site_map.paginator.num_pages > 1:
        parts = [
            request.build_absolute_uri(f"{request.path}?p={number}")
            for number in site_map.paginator.page_range
        ]
        return TemplateResponse(
            request,
            "kyanh_cms/portal/sitemap_index.xml",
            {"parts": parts},
            content_type="application/xml",
        )
    return sitemap_views.sitemap(
        request, {"pages": site_map}, template_name="kyanh_cms/portal/sitemap.xml"
    )
