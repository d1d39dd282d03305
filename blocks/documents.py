"""Blocks of the document library: the sidebar's "Văn bản mới"."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class NewestDocumentsValue(blocks.StructValue):
    def documents(self, site):
        from kyanh_cms.documents.public import newest_documents

        return newest_documents(site.root_page, self.get("count") or 5, self.get("kind"))


class NewestDocumentsBlock(blocks.StructBlock):
    """Not live data: the cached sidebar is rebuilt whenever its site's content changes."""

    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Văn bản mới",
        help_text=_("The widget's heading."),
    )
    kind = SnippetChooserBlock(
        "kyanh_cms.DocumentKind",
        label=_("kind"),
        required=False,
        help_text=_("Leave empty for the newest documents of every kind."),
    )
    count = blocks.IntegerBlock(
        label=_("number of items"),
        min_value=1,
        max_value=20,
        default=5,
        help_text=_("How many documents to list."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Newest documents")
        template = "kyanh_cms/documents/blocks/newest_documents.html"
        value_class = NewestDocumentsValue
        description = _("The newest legal and direction documents, of every kind or of one.")
        preview_value = {"title": "Văn bản mới", "count": 5}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        site = context.get("sidebar_site")
        context["documents"] = value.documents(site) if site is not None else []
        return context
