"""Keeping what is cached in step with the database: what moves the content generation
(``generation``: settings, menu, sidebar, fragments, related articles, restricted paths,
the beacon's page and site checks, whole pages).

Caching knows no wing. A model of the extension moves the generation whenever it is
saved or deleted unless it says otherwise with a ``changes_public_content`` attribute
(``False``, or a function of the instance and ``created``): counters and votes, whose
numbers are live anyway, or a reader's comment waiting for moderation. A host
portal's own models, and Wagtail's images and documents, move it once registered with
``track_model``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from kyanh_cms.caching import generation as site_cache
from kyanh_cms.caching.frontend_cache import purge_listings

#: Models of other apps whose saves and deletions move the content generation.
_TRACKED = set()


def track_model(model):
    """Saving or deleting a ``model`` row changes what public pages show.

    For a host portal's own snippets or settings that its templates draw inside
    kyanh-cms pages; the extension's own models are tracked already.
    """
    _TRACKED.add(model)


def _forget_now_and_after_commit(function, *args):
    # Now, and again once the transaction commits, so a request that rendered the old
    # rows between the two cannot leave them in the cache.
    function(*args)
    transaction.on_commit(lambda: function(*args))


def content_changed_now_and_after_commit(**kwargs):
    """Move the content generation on (``site_cache.content_changed``); usable as a
    signal receiver."""
    _forget_now_and_after_commit(site_cache.content_changed)


#: What Wagtail stores about an image or document file the first time it is used
#: (while a page is drawn): no change anyone sees.
FILE_FACTS = {"file_size", "file_hash"}


def _moves_content(sender, instance, created):
    says = getattr(sender, "changes_public_content", True)
    return says(instance, created) if callable(says) else bool(says)


def content_saved(sender, instance, **kwargs):
    """A snippet, setting or other model of the extension, an image, a document or a
    tracked model changed. Pages are left out: they change what visitors see when they
    are published, unpublished, moved or deleted, not on every draft."""
    if issubclass(sender, Page):
        return
    created = kwargs.get("created", False)
    if sender._meta.app_label != "kyanh_cms":
        if sender in (get_image_model(), get_document_model()):
            update_fields = kwargs.get("update_fields")
            if update_fields and set(update_fields) <= FILE_FACTS:
                return
        elif sender not in _TRACKED:
            return
    elif not _moves_content(sender, instance, created):
        return
    elif issubclass(sender, BaseSiteSetting) and created:
        # ``for_site()`` creates a site's settings with their defaults the first time
        # a page reads them: what the page showed already.
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
        signal.connect(content_saved, dispatch_uid=f"kyanh_content_{signal is post_save}")
    for number, (signal, sender) in enumerate(CONTENT_SIGNALS):
        signal.connect(
            content_changed_now_and_after_commit,
            sender=sender,
            dispatch_uid=f"kyanh_content_changed_{number}",
        )
    page_published.connect(purge_listings, dispatch_uid="kyanh_purge_listings_published")
    page_unpublished.connect(purge_listings, dispatch_uid="kyanh_purge_listings_unpublished")
