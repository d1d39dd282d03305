"""The sidebar and the visit counter in any template (``{% load kyanh_cms_tags %}``)."""

from django import template
from wagtail.models import Page

from kyanh_cms.caching.fragments import is_cacheable
from kyanh_cms.caching.sites import site_or_default
from kyanh_cms.core.conf import get_setting
from kyanh_cms.sidebar.rendering import render_sidebar

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_sidebar(context):
    """The current site's sidebar (``SidebarSettings``), cached per site."""
    request = context.get("request")
    site = site_or_default(request)
    if site is None:
        return ""
    return render_sidebar(site, request)


@register.inclusion_tag("kyanh_cms/sidebar/visit_beacon.html", takes_context=True)
def visit_beacon(context):
    """The visit counter of a public page: a tiny script that posts a beacon, and a
    1×1 picture in ``<noscript>`` for browsers without JavaScript. Left out of
    previews and when ``COUNT_VISITS`` is off."""
    request = context.get("request")
    enabled = get_setting("COUNT_VISITS") and is_cacheable(request)
    page = context.get("page")
    return {
        "enabled": enabled,
        "page_id": page.pk if isinstance(page, Page) and page.pk else "",
    }
