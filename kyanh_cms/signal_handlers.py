"""Keeping what is cached in step with the database: the content generation
(``site_cache``: settings, menu, sidebar, fragments, related articles, whole pages), the
restricted paths, the beacon's page and site checks and front-end caches."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import site_cache
from .frontend_cache import purge_listings
from .models.pages import forget_restricted_paths


def _forget_now_and_after_commit(function, *args):
    # Now, and again once the transaction commits, so a request that rendered the old
    # rows between the two cannot leave them in the cache.
    function(*args)
    transaction.on_commit(lambda: function(*args))


def content_changed_now_and_after_commit(**kwargs):
    """Move the content generation on (``site_cache.content_changed``); usable as a
    signal receiver."""
    _forget_now_and_after_commit(site_cache.content_changed)


#: Models of the extension whose rows change often and never change what a page shows
#: before the caches of live numbers expire anyway (counters and votes).
NOT_CONTENT = {
    "dailysitevisits",
    "dailypageviews",
    "onlinevisitor",
    "visitorsalt",
    "rating",
    "ratingsummary",
}


#: What Wagtail stores about an image or document file the first time it is used
#: (while a page is drawn): no change anyone sees.
FILE_FACTS = {"file_size", "file_hash"}


def content_saved(sender, instance, **kwargs):
    """A snippet, setting or other model of the extension, an image or a document
    changed. Pages are left out: they change what visitors see when they are
    published, unpublished, moved or deleted, not on every draft."""
    meta = sender._meta
    if issubclass(sender, Page):
        return
    if meta.app_label != "kyanh_cms":
        if sender not in (get_image_model(), get_document_model()):
            return
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= FILE_FACTS:
            return
    elif meta.model_name in NOT_CONTENT:
        return
    elif issubclass(sender, BaseSiteSetting) and kwargs.get("created"):
        # ``for_site()`` creates a site's settings with their defaults the first time
        # a page reads them: what the page showed already.
        return
    elif meta.model_name == "readercomment" and kwargs.get("created") and not instance.is_public:
        # A reader's new comment waits for moderation: no page shows it yet.
        return
    content_changed_now_and_after_commit()


#: What moves the content generation on besides ``content_saved``: a page published,
#: unpublished, moved or deleted (menus, listings, sidebars' links, fragments, routing),
#: a Site saved or deleted, and a view restriction (a restricted article leaves
#: listings and related lists, and comes back).
CONTENT_SIGNALS = [
    (page_published, None),
    (page_unpublished, None),
    (post_page_move, None),
    (post_delete, Page),
    (post_save, Site),
    (post_delete, Site),
    (post_save, PageViewRestriction),
    (post_delete, PageViewRestriction),
]


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            forget_restricted_paths,
            sender=PageViewRestriction,
            dispatch_uid=f"kyanh_restricted_paths_{signal is post_save}",
        )
        signal.connect(content_saved, dispatch_uid=f"kyanh_content_{signal is post_save}")
    post_page_move.connect(forget_restricted_paths, dispatch_uid="kyanh_restricted_paths_moved")
    for number, (signal, sender) in enumerate(CONTENT_SIGNALS):
        signal.connect(
            content_changed_now_and_after_commit,
            sender=sender,
            dispatch_uid=f"kyanh_content_changed_{number}",
        )
    page_published.connect(purge_listings, dispatch_uid="kyanh_purge_listings_published")
    page_unpublished.connect(purge_listings, dispatch_uid="kyanh_purge_listings_unpublished")
