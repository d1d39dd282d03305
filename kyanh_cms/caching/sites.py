"""Which site a request or a page belongs to, and the site objects Wagtail needs,
kept in the cache (``store``) so a warm page view runs no query for them."""

from django.core.exceptions import DisallowedHost
from wagtail.models import Page, Site

from kyanh_cms.caching.generation import INSTALLATION
from kyanh_cms.caching.store import cached


def site_roots():
    """``[(site id, root page path)]`` of every site, deepest root first, kept under the
    installation's generation (saving or deleting a Site moves it on)."""
    return cached(
        "site-roots",
        (),
        lambda: sorted(
            Site.objects.values_list("pk", "root_page__path"),
            key=lambda row: -len(row[1] or ""),
        ),
        scope=INSTALLATION,
    )


def site_ids_for_path(path):
    """The sites whose pages include the page at tree ``path`` (nested sites: several)."""
    return [site_id for site_id, root in site_roots() if root and path.startswith(root)]


def site_root_path(path):
    """The tree path of the deepest site root above the page at ``path`` — what a
    site-scoped query filters on — or ``path`` itself's tree root when no site has it."""
    for _site_id, root in site_roots():
        if root and path.startswith(root):
            return root
    return path[: Page.steplen]


def scope_of_page(page):
    """The scope of values computed from ``page``: its deepest site, or the installation
    for a page outside every site."""
    ids = site_ids_for_path(page.path)
    return ids[0] if ids else INSTALLATION


def site_with_root_page(request):
    """The request's Wagtail ``Site`` with its root page already loaded as its specific
    page object, without a query when warm. ``None`` where Wagtail finds no site.

    Wagtail spends three queries on this before routing every page view (the site,
    its root page, the root's specific object); ``CachedSiteMiddleware`` hands this
    to Wagtail instead. Memoised on the request.
    """
    if hasattr(request, "_kyanh_site"):
        return request._kyanh_site
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Wagtail answers it as before (CommonMiddleware refuses it first)
    port = request.get_port()
    site_id = cached(
        "site-for-host",
        (host, port),
        lambda: getattr(Site.find_for_request(request), "pk", None),
        scope=INSTALLATION,
        request=request,
    )
    site = None
    if site_id is not None:

        def build():
            found = Site.objects.select_related("root_page").filter(pk=site_id).first()
            if found is not None:
                found.root_page = found.root_page.specific
            return found

        site = cached("site", (site_id,), build, scope=site_id, request=request)
    request._kyanh_site = site
    return site


def site_or_default(request):
    """The request's site as Wagtail finds it, else (no request, no match) the default."""
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def request_scope(request):
    """The scope of values drawn for ``request``: its site, or the installation."""
    site = site_with_root_page(request) if request is not None else None
    return site.pk if site is not None else INSTALLATION


def setting_for_request(model, request):
    """The ``BaseSiteSetting`` ``model`` of the request's site, without a query when warm."""
    site = Site.find_for_request(request)
    if site is None:
        return model()
    return cached(
        model._meta.label_lower, (), lambda: model.for_site(site), scope=site.pk, request=request
    )
