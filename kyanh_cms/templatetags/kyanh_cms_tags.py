from django import template
from wagtail.models import Page, Site

from .. import formats
from ..conf import get_setting
from ..models import PortalSettings

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
    return PortalSettings.for_request(request)


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.inclusion_tag("kyanh_cms/tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The site root and its live children marked "show in menus"."""
    root = _site_root(context)
    current_path = getattr(context.get("page"), "path", "")
    items = []
    if root is not None:
        for item in root.get_children().live().in_menu():
            if current_path == item.path:
                state = "page"
            elif current_path.startswith(item.path):
                state = "section"
            else:
                state = ""
            items.append((item, state))
    return {
        "root": root,
        "items": items,
        "current_path": current_path,
        "request": context.get("request"),
    }


@register.inclusion_tag("kyanh_cms/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors of the current page from the site root down, then the page itself."""
    page = context.get("page")
    root = _site_root(context)
    if not isinstance(page, Page) or root is None or page.pk == root.pk:
        return {"crumbs": []}
    ancestors = Page.objects.ancestor_of(page).filter(depth__gte=root.depth).live()
    return {"crumbs": [*ancestors, page], "request": context.get("request")}


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
