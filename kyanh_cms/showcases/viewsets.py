"""Admin screens: organizations, showcases (listing, export, import)."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from kyanh_cms.core.spreadsheets import FormulaSafeExportMixin
from kyanh_cms.showcases.admin_views import ShowcaseImportView, importable_index_pages
from kyanh_cms.showcases.importing import COLUMN_BY_KEY
from kyanh_cms.showcases.models import ShowcasePage
from kyanh_cms.showcases.organizations import Organization


class OrganizationIndexView(FormulaSafeExportMixin, SnippetIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("parent")


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    menu_name = "kyanh_organizations"
    index_view_class = OrganizationIndexView
    list_display = [
        "name",
        "short_name",
        "kind",
        "parent",
        "site",
        Column("active", label=_("active"), accessor="active_label"),
        "order",
    ]
    list_filter = ["kind", "active", "site"]
    list_export = ["name", "short_name", "get_kind_display", "parent_name", "active", "order"]
    export_headings = {"get_kind_display": _("kind"), "parent_name": _("parent organization")}
    export_filename = "to-chuc"
    search_fields = ["name", "short_name"]
    ordering = ["order", "name"]


class ShowcaseIndexView(FormulaSafeExportMixin, PageIndexView):
    def get_base_queryset(self):
        # Wagtail's listing loads the rows as specific pages, in a second query that a
        # plain select_related() does not reach: the organization column then cost one
        # query per row (61 queries for 39 rows).
        return (
            super().get_base_queryset().select_related("organization", for_specific_subqueries=True)
        )

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if importable_index_pages(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Import registrations"),
                    url=reverse("kyanh_showcase_import:index"),
                    icon_name="upload",
                    priority=95,
                )
            )
        return buttons


class ShowcaseListingViewSet(PageListingViewSet):
    """Every showcase on the site in one filterable list, with CSV and Excel export."""

    model = ShowcasePage
    name = "kyanh_showcases"
    icon = "trophy"
    menu_label = _("Showcases")
    index_view_class = ShowcaseIndexView
    list_per_page = 50
    ordering = ["-year", "organization__order", "title"]
    columns = [
        *PageIndexView.base_columns[:2],
        Column("organization", label=_("Organization"), accessor="organization"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("year", label=_("Year"), sort_key="year"),
        Column("status_label", label=_("Registration status"), accessor="get_status_display"),
        *PageIndexView.base_columns[3:],
    ]
    list_filter = ["year", "organization", "kind", "status"]
    list_export = [
        "title",
        "get_kind_display",
        "organization.name",
        "year",
        "person_name",
        "person_position",
        "get_status_display",
        "summary",
        "full_url",
    ]
    # The export's headings are the import's, so an exported file can be edited and imported back.
    export_headings = {
        "title": COLUMN_BY_KEY["title"].heading,
        "get_kind_display": COLUMN_BY_KEY["kind"].heading,
        "organization.name": COLUMN_BY_KEY["organization"].heading,
        "year": COLUMN_BY_KEY["year"].heading,
        "person_name": COLUMN_BY_KEY["person_name"].heading,
        "person_position": COLUMN_BY_KEY["person_position"].heading,
        "get_status_display": COLUMN_BY_KEY["status"].heading,
        "summary": COLUMN_BY_KEY["summary"].heading,
        "full_url": "URL",
    }
    export_filename = "mo-hinh-dien-hinh"


class ShowcaseImportViewSet(ViewSet):
    name = "kyanh_showcase_import"
    icon = "upload"
    menu_label = _("Import registrations")

    def get_urlpatterns(self):
        view = ShowcaseImportView.as_view(listing_url_name="kyanh_showcases:index")
        return [path("", view, name="index")]


class ShowcaseGroup(ViewSetGroup):
    menu_label = _("Showcases")
    menu_icon = "trophy"
    menu_order = 250
    items = (ShowcaseListingViewSet, OrganizationViewSet, ShowcaseImportViewSet)
