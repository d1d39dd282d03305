"""Vietnamese numbers and dates in templates (``{% load kyanh_cms_tags %}``)."""

from django import template

from kyanh_cms.core import formats

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
