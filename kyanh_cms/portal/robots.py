"""``/robots.txt``: what crawlers may read of the portal, and where its sitemap is.

Articles, categories, documents and showcases are public and meant to be found;
the admin, the form and counter endpoints under ``/kyanh/`` (comments, ratings,
captcha, visit beacons) and the search results (endless combinations of queries)
are not worth a crawler's visit. The sitemap's address is built from the request,
so each commune site names its own host. The template
``kyanh_cms/portal/robots.txt`` can be overridden by the host portal.
"""

from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe


def _path(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@require_safe
def robots_txt(request):
    hidden = [
        path
        for path in (_path("wagtailadmin_home"), "/kyanh/", _path("kyanh_cms:news_search"))
        if path
    ]
    return TemplateResponse(
        request,
        "kyanh_cms/portal/robots.txt",
        {
            "hidden_paths": hidden,
            "sitemap_url": request.build_absolute_uri(reverse("kyanh_cms:sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )
