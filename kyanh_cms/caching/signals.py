"""Keeping what is cached in step with the database: what moves which content
generation (``generation``: settings, menu, sidebar, fragments, routing, listings,
related articles, the beacon's checks, whole pages).

* A page published, unpublished, moved or deleted moves the generation of the sites
  it belongs to (before and after a move); publishing or unpublishing it also purges
  its listings from a front-end cache (``frontend_cache``).
* A model of the extension saved or deleted moves a generation unless it says
  otherwise with a ``changes_public_content`` attribute (``False``, or a function
  of the instance and ``created``): counters and votes, whose numbers are live
  anyway, or a reader's comment waiting for moderation. Which generation: a site
  setting's site; the sites of the page an instance names in ``content_page`` (a
  reader comment's page); otherwise the whole installation's (snippets such as
  organizations and task plans can show on every site).
* Wagtail's images and documents, Sites and view restrictions move the
  installation's generation; so do a host portal's own models once registered
  with ``track_model``.

Caching knows no wing: wings say what their models mean through these attributes.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from kyanh_cms.caching import generation
from kyanh_cms.caching.frontend_cache import purge_listings
from kyanh_cms.caching.sites import site_ids_for_path

logger = logging.getLogger(__name__)

#: Models of other apps whose saves and deletions move the installation's generation.
_TRACKED = set()
#: Functions ``(site ids) -> site ids`` naming the sites whose pages show those sites'
#: content (a province's listing of its communes' news).
_DEPENDENTS = []


def track_model(model):
    """Saving or deleting a ``model`` row changes what public pages show.

    For a host portal's own snippets or settings that its templates draw inside
    kyanh-cms pages; the extension's own models are tracked already.
    """
    _TRACKED.add(model)


def add_dependent_sites(find):
    """Register ``find(site_ids)``: the sites whose pages show content of ``site_ids`` and
    whose generations must move with theirs."""
    if find not in _DEPENDENTS:
        _DEPENDENTS.append(find)


def _with_dependents(site_ids):
    if site_ids is None:
        return None
    site_ids = set(site_ids)
    for find in _DEPENDENTS:
        site_ids |= set(find(site_ids))
    return site_ids


def content_changed_now_and_after_commit(site_ids=None):
    """Move the generation of ``site_ids`` (every site's when ``None``) on now, and again
    once the transaction commits, so a request that rendered the old rows between the
    two cannot leave them in the cache. A cache that cannot be reached is logged, never
    raised: the editor's change is saved all the same."""

    def move():
        try:
            generation.content_changed(_with_dependents(site_ids))
        except Exception:
            logger.exception("The content generation could not be moved on.")

    move()
    transaction.on_commit(move)


def sites_of_pages(pages):
    """The ids of the sites that show any of ``pages``; ``None`` (all) when one is
    outside every site (it may become a site's root)."""
    found = set()
    for page in pages:
        ids = site_ids_for_path(page.path)
        if not ids:
            return None
        found.update(ids)
    return found


#: What Wagtail stores about an image or document file the first time it is used
#: (while a page is drawn): no change anyone sees.
FILE_FACTS = {"file_size", "file_hash"}


def _moves_content(sender, instance, created):
    if _belongs_to_a_page(sender):
        return False
    says = getattr(sender, "changes_public_content", True)
    return says(instance, created) if callable(says) else bool(says)


def _belongs_to_a_page(model):
    """Rows a page holds through a ``ParentalKey`` (an article's tags, related links,
    gallery pictures) are saved with every draft; visitors see them when the page is
    published, which moves its sites' generations. Moving the whole installation's on
    each of those saves made every commune's pages cold on any commune's publish."""
    return any(
        isinstance(field, ParentalKey)
        and isinstance(field.related_model, type)
        and issubclass(field.related_model, Page)
        for field in model._meta.concrete_fields
    )


def _scope_of_instance(instance):
    if isinstance(instance, BaseSiteSetting):
        return {instance.site_id}
    page = getattr(instance, "content_page", None)
    if isinstance(page, Page):
        return sites_of_pages([page])
    return None


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
        content_changed_now_and_after_commit()
        return
    if not _moves_content(sender, instance, created):
        return
    if issubclass(sender, BaseSiteSetting) and created:
        # ``for_site()`` creates a site's settings with their defaults the first time
        # a page reads them: what the page showed already.
        return
    content_changed_now_and_after_commit(_scope_of_instance(instance))


def page_changed(sender, instance, **kwargs):
    """Published, unpublished or deleted: the sites that show the page."""
    content_changed_now_and_after_commit(sites_of_pages([instance]))


def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Moved: the sites it left and the sites it joined — every site's when a view
    restriction moved with it (restricted paths are kept for the whole installation)."""
    before = sites_of_pages([parent_page_before])
    after = sites_of_pages([instance, parent_page_after])
    moved_restriction = PageViewRestriction.objects.filter(
        page__path__startswith=instance.path
    ).exists()
    if moved_restriction or None in (before, after):
        content_changed_now_and_after_commit()
    else:
        content_changed_now_and_after_commit(before | after)


def installation_changed(sender, **kwargs):
    """A Site or a view restriction: which site answers a host, which pages are
    public — every site's generation."""
    content_changed_now_and_after_commit()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(content_saved, dispatch_uid=f"kyanh_content_{signal is post_save}")
        for model in (Site, PageViewRestriction):
            signal.connect(
                installation_changed,
                sender=model,
                dispatch_uid=f"kyanh_installation_{model.__name__}_{signal is post_save}",
            )
    page_published.connect(page_changed, dispatch_uid="kyanh_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="kyanh_page_unpublished")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="kyanh_page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="kyanh_page_moved")
    page_published.connect(purge_listings, dispatch_uid="kyanh_purge_listings_published")
    page_unpublished.connect(purge_listings, dispatch_uid="kyanh_purge_listings_unpublished")
