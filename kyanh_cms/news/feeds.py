"""RSS 2.0 feed of a news category (``<category URL>rss/``)."""

import logging
import mimetypes
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.caching.store import cached
from kyanh_cms.news.renditions import SHARE_IMAGE_SPEC
from kyanh_cms.portal.public import PortalSettings

logger = logging.getLogger(__name__)

FEED_LENGTH = 20


def enclosure_length(rendition):
    """The size in bytes of a rendition's file, which RSS asks of every enclosure.

    Only the storage knows it (Wagtail keeps no size for renditions): a HEAD request
    per picture on object storage, so it is kept in the cache by file name. A rendition
    file never changes under its name (``file_overwrite`` off, docs/production.md).
    """
    name = rendition.file.name
    return cached("rss-enclosure-length", (name,), lambda: rendition.file.size, scope=None)


class NewsCategoryFeed(Feed):
    """The latest articles of a category and its sub-categories, with absolute URLs.

    Each item carries its main image as an ``<enclosure>`` (the same
    rendition OpenGraph uses), so feed readers and aggregators show it.
    """

    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, category):
        self.request = request
        self.category_url = category.get_full_url(request)
        return category

    def title(self, category):
        portal = setting_for_request(PortalSettings, self.request)
        return f"{category.title} – {portal.portal_name}"

    def link(self, category):
        return self.category_url

    def description(self, category):
        return category.search_description or category.introduction or category.title

    def items(self, category):
        return category.latest_articles(FEED_LENGTH, (SHARE_IMAGE_SPEC,))

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead or article.search_description

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return article.byline or None

    def item_enclosures(self, article):
        if article.main_image is None:
            return []
        try:
            rendition = article.main_image.get_rendition(SHARE_IMAGE_SPEC)
            length = enclosure_length(rendition)
        except (OSError, ValueError):
            # The image file is gone from storage: the item goes out without it.
            return []
        except Exception:
            # Object storage raises its client's own errors (unreachable, refused): the
            # feed still goes out, this item without its picture.
            logger.warning(
                "No enclosure for %s: its picture's storage failed.", article.pk, exc_info=True
            )
            return []
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(urljoin(self.category_url, rendition.url), str(length), mime_type)]
