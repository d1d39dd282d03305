"""``{% load kyanh_cms_tags %}``: the tags and filters of the wings, in one library.

Each wing keeps its own in its ``templatetags`` module; templates (the
extension's and a host portal's) load them under one name.
"""

from django import template

from kyanh_cms.caching.templatetags import register as caching_tags
from kyanh_cms.core.templatetags import register as core_tags
from kyanh_cms.portal.templatetags import register as portal_tags
from kyanh_cms.sidebar.templatetags import register as sidebar_tags

register = template.Library()
for library in (core_tags, caching_tags, portal_tags, sidebar_tags):
    register.tags.update(library.tags)
    register.filters.update(library.filters)
