"""RSS 2.0 of the library (``<library>/rss/``), with the same filters as the table:
``rss/?kind=3&q=dat+dai`` follows the land decisions of one kind."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.core.input import clean_params
from kyanh_cms.portal.public import PortalSettings

FEED_LENGTH = 20


class DocumentFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, library):
        self.request = request
        self.library_url = library.get_full_url(request)
        return library

    def title(self, library):
        portal = setting_for_request(PortalSettings, self.request)
        return f"{library.title} – {portal.portal_name}"

    def link(self, library):
        return self.library_url

    def description(self, library):
        return library.search_description or library.introduction or library.title

    def items(self, library):
        from kyanh_cms.documents.listing import bound_form, filtered

        form = bound_form(library, clean_params(self.request.GET))
        documents = filtered(library, form, timezone.localdate())
        return list(documents.order_by("-issue_date", "-pk")[:FEED_LENGTH])

    def item_title(self, document):
        return f"{document.number_symbol} – {document.title}"

    def item_description(self, document):
        return document.abstract

    def item_link(self, document):
        return document.get_full_url(self.request)

    def item_pubdate(self, document):
        return timezone.make_aware(datetime.datetime.combine(document.issue_date, datetime.time()))

    def item_updateddate(self, document):
        return document.last_published_at

    def item_categories(self, document):
        return [document.kind.name]
