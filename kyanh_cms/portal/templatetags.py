"""The portal layout's tags: identity settings, main menu, breadcrumbs, pagination
(``{% load kyanh_cms_tags %}``)."""

from django import template
from wagtail.models import Page, Site

from kyanh_cms.caching.sites import setting_for_request, site_or_default
from kyanh_cms.caching.store import cached
from kyanh_cms.portal.models import PortalSettings
from kyanh_cms.portal.pages import page_ancestors

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_settings(context):
    """The current site's ``PortalSettings`` (``caching.sites.setting_for_request``)."""
    request = context.get("request")
    if request is None:
        site = site_or_default(None)
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


def _menu(site, request):
    return cached("main-menu", (), lambda: _menu_items(site), scope=site.pk, request=request)


@register.inclusion_tag("kyanh_cms/portal/main_menu.html", takes_context=True)
def main_menu(context):
    """The main navigation, cached per site (``caching.store``) and marked for this page."""
    site = _site(context)
    if site is None:
        return {"root": None, "items": []}
    menu = _menu(site, context.get("request"))
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


@register.inclusion_tag("kyanh_cms/portal/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Live ancestors of the current page from the site root down, then the page itself."""
    page = context.get("page")
    site = _site(context)
    if not isinstance(page, Page) or site is None or page.pk == site.root_page_id:
        return {"crumbs": []}
    root_path = _menu(site, context.get("request"))["root"]["path"]
    crumbs = [
        ancestor
        for ancestor in page_ancestors(page)
        if ancestor.path.startswith(root_path) and ancestor.live
    ]
    if not crumbs:
        return {"crumbs": []}
    return {"crumbs": [*crumbs, page], "request": context.get("request")}


@register.inclusion_tag("kyanh_cms/includes/pagination.html", takes_context=True)
def pagination(context, page_obj):
    """Page numbers for a listing, keeping its filters in every link ("1 2 … 9 10")."""
    return {
        "request": context.get("request"),
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
    }
