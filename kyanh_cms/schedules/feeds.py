"""RSS 2.0 of the schedule's changes (``<schedule URL>thay-doi/rss/``): each change
after publication, with its reason, for those who follow the schedule in a reader."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from kyanh_cms.schedules.weeks import Week

FEED_LENGTH = 30


class ScheduleChangesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, schedule):
        self.request = request
        self.page_url = schedule.get_full_url(request)
        return schedule

    def title(self, schedule):
        return _("Changes to %(title)s") % {"title": schedule.title}

    def link(self, schedule):
        return self.page_url

    def description(self, schedule):
        return schedule.introduction or schedule.title

    def items(self, schedule):
        return schedule.recent_changes(FEED_LENGTH)

    def item_title(self, change):
        entry = change.entry
        return f"{change.get_kind_display()}: {entry.content[:120]} ({entry.date:%d/%m/%Y})"

    def item_description(self, change):
        lines = [f"{_('Reason')}: {change.reason}"]
        if change.summary:
            lines.append(change.summary)
        return "\n".join(lines)

    def item_link(self, change):
        return f"{self.page_url}?tuan={Week.of(change.entry.date)}#muc-{change.entry_id}"

    def item_guid(self, change):
        return f"{self.page_url}#thay-doi-{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.created_at
