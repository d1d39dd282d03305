from django import template
from wagtail.models import Page, Site

from .. import formats, fragments
from ..conf import get_setting
from ..models import PortalSettings
from ..models.pages import page_ancestors
from ..site_cache import cached_for_site, setting_for_request

register = template.Library()


@register.filter
def vi_number(value, decimals=0):
    return formats.format_number(value, int(decimals))


@register.filter
def vi_date(value):
    return formats.format_date(value)


@register.filter
def vi_datetime(value):
    return formats.format_datetime(value)


@register.filter
def vi_long_datetime(value):
    return formats.format_long_datetime(value)


@register.simple_tag(takes_context=True)
def portal_settings(context):
    """The current site's ``PortalSettings`` (cached on the request by Wagtail)."""
    request = context.get("request")
    if request is None:
        site = Site.objects.filter(is_default_site=True).first()
        return PortalSettings.for_site(site) if site else PortalSettings()
    return setting_for_request(PortalSettings, request)


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


def _menu_items(site):
    """The site root and its live children marked "show in menus", as plain data."""
    root = site.root_page
    children = root.get_children().live().in_menu()
    return {
        "root": {"url": root.get_url(current_site=site), "path": root.path},
        "items": [
            {"title": item.title, "url": item.get_url(current_site=site), "path": item.path}
            for item in children
        ],
    }


@register.inclusion_tag("kyanh_cms/tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The main navigation, cached per site (``site_cache``) and marked for this page."""
    site = _site(context)
    if site is None:
        return {"root": None, "items": []}
    menu = cached_for_site("main_menu", site, _menu_items, context.get("request"))
    current_path = getattr(context.get("page"), "path", "")
    items = []
    for item in menu["items"]:
        if current_path == item["path"]:
            state = "page"
        elif current_path.startswith(item["path"]):
            state = "section"
        else:
            state = ""
        items.append((item, state))
    return {"root": menu["root"], "items": items, "current_path": current_path}


@register.inclusion_tag("kyanh_cms/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Live ancestors of the current page from the site root down, then the page itself."""
    page = context.get("page")
    site = _site(context)
    if not isinstance(page, Page) or site is None or page.pk == site.root_page_id:
        return {"crumbs": []}
    root_path = cached_for_site("main_menu", site, _menu_items, context.get("request"))["root"][
        "path"
    ]
    crumbs = [
        ancestor
        for ancestor in page_ancestors(page)
        if ancestor.path.startswith(root_path) and ancestor.live
    ]
    if not crumbs:
        return {"crumbs": []}
    return {"crumbs": [*crumbs, page], "request": context.get("request")}


@register.simple_tag(takes_context=True)
def portal_sidebar(context):
    """The current site's sidebar (``SidebarSettings``), cached per site."""
    from ..sidebar import render_sidebar

    request = context.get("request")
    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    return render_sidebar(site, request)


@register.inclusion_tag("kyanh_cms/tags/visit_beacon.html", takes_context=True)
def visit_beacon(context):
    """The visit counter of a public page: a tiny script that posts a beacon, and a
    1×1 picture in ``<noscript>`` for browsers without JavaScript. Left out of
    previews and when ``COUNT_VISITS`` is off."""
    request = context.get("request")
    enabled = (
        get_setting("COUNT_VISITS")
        and request is not None
        and not getattr(request, "is_preview", False)
        and not getattr(request, "in_preview_panel", False)
    )
    page = context.get("page")
    return {
        "enabled": enabled,
        "page_id": page.pk if isinstance(page, Page) and page.pk else "",
    }


@register.inclusion_tag("kyanh_cms/includes/pagination.html", takes_context=True)
def pagination(context, page_obj):
    """Page numbers for a listing, keeping its filters in every link ("1 2 … 9 10")."""
    return {
        "request": context.get("request"),
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
    }


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        name = self.name.resolve(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        return fragments.cached_fragment(
            context.get("request"), name, vary_on, lambda: self.nodelist.render(context)
        )


@register.tag
def cached_fragment(parser, token):
    """``{% cached_fragment "name" value … %}…{% endcached_fragment %}``: the enclosed
    HTML, kept until the content generation moves on (``kyanh_cms.fragments``).

    Name the fragment and pass every value its HTML depends on besides the
    content itself (usually ``page.pk``); the site, scheme and language are
    part of the key already. Keep live numbers out of it.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
