"""Purging the listings that show a page from a front-end cache when it is published.

Wagtail's ``wagtail.contrib.frontend_cache`` purges the published page's own
URLs. An article also appears in its categories' listings and on the home
page, and a showcase in its index; in a proxy or CDN those would stay stale
until they expire. When purging is configured (``WAGTAILFRONTENDCACHE``),
publishing or unpublishing one of the extension's pages also purges
its live ancestors below the tree root, once the transaction commits. A page
type says it is listed by its ancestors with ``listed_by_ancestors = True``
(``PortalPageMixin`` does).
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch


def listing_pages(page):
    """The live pages above ``page`` that list it (its categories, index, home page)."""
    return list(page.get_ancestors().live().filter(depth__gt=1).specific())


def purge_listings(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if not getattr(instance, "listed_by_ancestors", False):
        return

    def purge():
        batch = PurgeBatch()
        batch.add_pages(listing_pages(instance))
        batch.purge()

    transaction.on_commit(purge)
