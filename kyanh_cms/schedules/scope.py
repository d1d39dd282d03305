"""Which schedules an editor works on: those of their commune (``portal.public``),
every one for province staff and superusers."""

from kyanh_cms.portal.public import commune_scope, in_scope
from kyanh_cms.schedules.models import WorkSchedulePage


def schedules_for(user):
    pages = WorkSchedulePage.objects.order_by("path")
    scope = commune_scope(user)
    return pages if scope is None else pages.filter(in_scope(scope))


def entries_for(user, queryset):
    scope = commune_scope(user)
    return queryset if scope is None else queryset.filter(in_scope(scope, "schedule__path"))
