"""Blocks of the work schedule: "Lịch công tác hôm nay" for the sidebar and bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from kyanh_cms.schedules.public import today_on


class TodayScheduleBlock(blocks.StructBlock):
    """Today's entries of the site's schedule, linking to the whole week.

    Live in the sidebar (``renders_live_data``): the cached sidebar would otherwise
    keep yesterday's list past midnight. Its own list is cached per site and day
    (``schedules.today``), so drawing it costs no query when warm.
    """

    renders_live_data = True

    title = blocks.CharBlock(
        label=_("title"),
        max_length=120,
        default="Lịch công tác hôm nay",
        help_text=_("The block's heading."),
    )
    schedule = blocks.PageChooserBlock(
        page_type="kyanh_cms.WorkSchedulePage",
        label=_("schedule"),
        required=False,
        help_text=_("Leave empty for the schedule of the site the page belongs to."),
    )
    count = blocks.IntegerBlock(
        label=_("number of items"),
        min_value=1,
        max_value=20,
        default=6,
        help_text=_("How many of today's entries to list; the rest are behind the link."),
    )

    class Meta:
        icon = "date"
        label = _("Today's work schedule")
        template = "kyanh_cms/schedules/blocks/today_schedule.html"
        description = _("The leaders' entries for today, with a link to the week.")
        preview_value = {"title": "Lịch công tác hôm nay", "count": 6}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = context.get("request")
        site = context.get("sidebar_site")
        if site is None and request is not None:
            from wagtail.models import Site

            site = Site.find_for_request(request)
        context["today"] = (
            today_on(site, value.get("schedule"), value["count"], request)
            if site is not None
            else {"schedule_url": None, "entries": [], "more": 0, "day": None}
        )
        return context
