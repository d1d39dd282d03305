"""Blocks that show model showcases: the year's live registration figures and showcase cards."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from kyanh_cms.core.years import MAX_YEAR, MIN_YEAR
from kyanh_cms.showcases.models import site_statistics


class ShowcaseStatisticsBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(
        label=_("year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("The registration year whose figures are shown."),
    )
    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        help_text=_("Optional, for example “Kết quả đăng ký năm 2025”."),
    )
    show_details = blocks.BooleanBlock(
        label=_("show details"),
        required=False,
        default=True,
        help_text=_("Also show the counts by kind and by status."),
    )

    class Meta:
        icon = "table"
        label = _("Showcase registration figures")
        description = _(
            "The year's live figure, e.g. “30/31 organizations registered, 36 showcases”; "
            "it follows new registrations without re-publishing the page."
        )
        template = "kyanh_cms/showcases/blocks/showcase_statistics_block.html"

    def get_preview_value(self):
        return self.to_python({"year": timezone.localdate().year, "show_details": True})

    def get_context(self, value, parent_context=None):
        """The figures as they are now, for the site of the page that shows them: read
        each time the page is drawn, never stored."""
        context = super().get_context(value, parent_context)
        context["statistics"] = site_statistics(context.get("page"), value["year"])
        return context


class ShowcaseChooserBlock(blocks.PageChooserBlock):
    """Chooses a showcase; when a page renders, loads the chosen showcases with what a
    card draws (organization, picture and its rendition) in two queries for all of them.

    Stored and migrated exactly as Wagtail's ``PageChooserBlock``: only the loading
    differs, so migrations name the Wagtail block.
    """

    canonical_module_path = "wagtail.blocks.PageChooserBlock"

    def bulk_to_python(self, values):
        found = self.model_class.objects.filter(pk__in=values).for_listing().in_bulk()
        return [found.get(value) for value in values]


class ShowcaseCardsValue(blocks.StructValue):
    @cached_property
    def cards(self):
        """The chosen showcases that are live, in the chosen order (loaded with the block)."""
        return [page for page in self["showcases"] if page is not None and page.live]


class ShowcaseCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        help_text=_("Optional, for example “Mô hình tiêu biểu”."),
    )
    showcases = blocks.ListBlock(
        ShowcaseChooserBlock(page_type="kyanh_cms.ShowcasePage", label=_("showcase")),
        label=_("showcases"),
        min_num=1,
        help_text=_("Unpublished showcases are left out until they are published."),
    )

    class Meta:
        icon = "group"
        label = _("Showcase cards")
        description = _("Chosen models and exemplars shown as cards with picture and organization.")
        template = "kyanh_cms/showcases/blocks/showcase_cards_block.html"
        value_class = ShowcaseCardsValue
        preview_value = {"heading": "Mô hình tiêu biểu", "showcases": []}
