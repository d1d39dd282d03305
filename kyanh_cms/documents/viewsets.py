"""Admin screens of the document library: the documents (filtered like the public table,
with export), the lists behind the filters, and the opinions on drafts."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from kyanh_cms.core.spreadsheets import FormulaSafeExportMixin
from kyanh_cms.documents.admin_views import DocumentImportView
from kyanh_cms.documents.exporting import EXPORT_HEADINGS
from kyanh_cms.documents.models import (
    DocumentField,
    DocumentKind,
    DocumentOpinion,
    IssuingBody,
    LegalDocumentPage,
)
from kyanh_cms.portal.public import commune_scope, in_scope


def in_user_scope(user, queryset, field):
    """Rows of ``queryset`` whose page (tree path ``field``) is in ``user``'s commune."""
    scope = commune_scope(user)
    return queryset if scope is None else queryset.filter(in_scope(scope, field))


class DocumentIndexView(FormulaSafeExportMixin, PageIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("kind", "issuer", "field")


class LegalDocumentListingViewSet(PageListingViewSet):
    """Every document the editor may reach, filtered like the public table, exported with
    the import's headings (an export can be edited and imported back)."""

    model = LegalDocumentPage
    name = "kyanh_documents"
    icon = "doc-full"
    menu_label = _("Documents")
    index_view_class = DocumentIndexView
    list_per_page = 50
    ordering = ["-issue_date", "-pk"]
    columns = [
        *PageIndexView.base_columns[:2],
        Column("number_symbol", label=_("Number and symbol"), sort_key="number_symbol"),
        Column("issue_date", label=_("Issue date"), sort_key="issue_date"),
        Column("kind", label=_("Kind"), accessor="kind"),
        Column("status_label", label=pgettext_lazy("document", "Status"), accessor="status_label"),
        *PageIndexView.base_columns[3:],
    ]
    list_filter = ["kind", "issuer", "field", "issue_year", "is_draft"]
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    export_filename = "van-ban"


class DocumentKindViewSet(SnippetViewSet):
    model = DocumentKind
    icon = "tag"
    menu_label = _("Document kinds")
    list_display = ["name", "abbreviation", "order"]
    ordering = ["order", "name"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("Issuing bodies")
    list_display = ["name", "abbreviation", "level", "site"]
    list_filter = ["level", "site"]
    search_fields = ["name", "abbreviation"]
    ordering = ["order", "name"]


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "folder-inverse"
    menu_label = _("Fields")
    list_display = ["name", "order"]
    ordering = ["order", "name"]


class OpinionIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("document")
        return in_user_scope(self.request.user, queryset, "document__path")


class OpinionEditView(generic.EditView):
    def get_queryset(self):
        return in_user_scope(self.request.user, DocumentOpinion.objects.all(), "document__path")


class DocumentOpinionViewSet(ModelViewSet):
    """Opinions on drafts: moderated here (shown or not), exported for the drafting body
    with the contacts that the public page never shows."""

    model = DocumentOpinion
    icon = "comment"
    menu_label = _("Opinions on drafts")
    name = "kyanh_document_opinions"
    index_view_class = OpinionIndexView
    edit_view_class = OpinionEditView
    add_to_admin_menu = False
    list_display = ["name", "document", "submitted_at", "status"]
    list_filter = ["status", "document"]
    search_fields = ["name", "content"]
    list_export = [
        "document.title",
        "document.number_symbol",
        "name",
        "contact",
        "content",
        "submitted_at",
        "get_status_display",
    ]
    export_headings = {
        "document.title": _("Draft"),
        "document.number_symbol": _("Number and symbol"),
        "name": pgettext_lazy("person", "Name"),
        "contact": _("Contact"),
        "content": _("Opinion"),
        "submitted_at": _("Sent at"),
        "get_status_display": _("Moderation"),
    }
    export_filename = "y-kien-du-thao"
    form_fields = ["status"]
    ordering = ["-submitted_at"]
    inspect_view_enabled = False
    copy_view_enabled = False


class DocumentImportViewSet(ViewSet):
    name = "kyanh_document_import"
    icon = "upload"
    menu_label = _("Import documents")

    def get_urlpatterns(self):
        return [path("", DocumentImportView.as_view(), name="index")]


class DocumentGroup(ViewSetGroup):
    menu_label = _("Documents")
    menu_icon = "doc-full"
    menu_order = 255
    items = (
        LegalDocumentListingViewSet,
        DocumentOpinionViewSet,
        DocumentImportViewSet,
        DocumentKindViewSet,
        IssuingBodyViewSet,
        DocumentFieldViewSet,
    )
