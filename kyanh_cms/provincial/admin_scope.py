"""Commune editors stay in their commune in the Wagtail admin.

Wagtail already keeps most screens to the pages, collections and sites a user has
permissions on: the explorer and its menu, page actions (edit, publish, move, copy,
delete, history…), the admin page search, the image and document listings and
choosers (by the "choose" permission of each collection), the settings (per-site
permissions), the dashboard's summary, the aging, locked pages and workflow reports.
What it does not keep to them, the hooks here restrict (``kyanh_cms/wagtail_hooks.py``
registers them):

* the page chooser, which lists every page of every site;
* the explorer's search when ``WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS`` is off;
* the "page types usage" report, which shows the last edited page of each type in the
  whole installation and offers no hook: its menu item is hidden from commune users
  (its address still answers them, see docs/provincial.md).

The moderation queue of reader comments keeps to the commune scope itself
(``engagement.viewsets.ModerationPermissionPolicy``).

A user's *commune scope* is the set of page subtrees they work in: the pages their
groups have page permissions on and the root pages of the sites their groups have
site (settings) permissions on. Superusers, users attached to no part of the tree and
users whose scope covers every site (province staff, a single-site installation) are
not restricted: the hooks change nothing for them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.views.chooser import page_models_from_string
from wagtail.models import Page

from kyanh_cms.portal.public import commune_scope, in_scope

#: Reports that show other sites' pages to anyone with a page permission and offer no
#: hook to restrict them (``wagtail.admin.views.reports.page_types_usage``).
SITE_BLIND_REPORTS = ("page-types-usage",)
#: The page chooser's browse views, whose first row is the page browsed.
_CHOOSER_BROWSE_VIEWS = ("wagtailadmin_choose_page", "wagtailadmin_choose_page_child")


def _ancestor_paths(paths):
    step = Page.steplen
    return {path[:end] for path in paths for end in range(step, len(path), step)}


def on_the_way_to_scope(paths):
    """Pages inside the subtrees at ``paths``, and their ancestors (to browse down to them)."""
    return in_scope(paths) | Q(path__in=_ancestor_paths(paths))


def page_is_reachable(page, paths):
    return any(page.path.startswith(path) for path in paths) or page.path in _ancestor_paths(paths)


def restrict_page_chooser(pages, request):
    """``construct_page_chooser_queryset``: only the user's communes (and the pages above
    them, to browse down); a chooser opened on another commune's page is refused."""
    scope = commune_scope(request.user)
    if scope is None:
        return pages
    match = request.resolver_match
    if match is not None and match.url_name in _CHOOSER_BROWSE_VIEWS:
        browsed = _browsed_page(request, match)
        if browsed is not None and not page_is_reachable(browsed, scope):
            raise PermissionDenied
    return pages.filter(on_the_way_to_scope(scope))


def _browsed_page(request, match):
    """The page the chooser's browse view shows first, found as Wagtail finds it."""
    if "parent_page_id" in match.kwargs:
        return Page.objects.filter(pk=match.kwargs["parent_page_id"]).first()
    try:
        classes = page_models_from_string(request.GET.get("page_type") or "wagtailcore.page")
    except (ValueError, LookupError):
        return None  # Wagtail answers 404
    if classes == (Page,):
        return None  # the tree root
    return Page.objects.type(*classes).first_common_ancestor()


def restrict_explorer(parent_page, pages, request):
    """``construct_explorer_page_queryset``: only the user's communes, even where Wagtail
    searches the whole tree (``WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False``)."""
    scope = commune_scope(request.user)
    if scope is None:
        return pages
    return pages.filter(on_the_way_to_scope(scope))


def hide_site_blind_reports(request, menu_items):
    """``construct_reports_menu``: no report that shows other communes' pages."""
    if commune_scope(request.user) is not None:
        menu_items[:] = [item for item in menu_items if item.name not in SITE_BLIND_REPORTS]
