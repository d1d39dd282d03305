"""Keeping cached sidebars, the beacon's page check and front-end caches in step with the
database."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import site_cache
from .frontend_cache import purge_listings
from .models import EngagementSettings, PortalSettings, SidebarSettings
from .models.pages import forget_restricted_paths
from .sidebar import forget_sidebar
from .visits import forget_page, forget_sites


def _forget_now_and_after_commit(function, *args):
    # Now, and again once the transaction commits, so a request that rendered the old
    # sidebar between the two cannot leave it in the cache.
    function(*args)
    transaction.on_commit(lambda: function(*args))


def sidebar_saved(sender, instance, **kwargs):
    _forget_now_and_after_commit(forget_sidebar, instance.site_id)


def site_changed(sender, instance, **kwargs):
    _forget_now_and_after_commit(forget_sidebar, instance.pk)
    _forget_now_and_after_commit(site_cache.forget, "main_menu", instance.pk)
    _forget_now_and_after_commit(forget_sites)


def _forget_all_sidebars():
    for site_id in Site.objects.values_list("pk", flat=True):
        forget_sidebar(site_id)


def _forget_home_news():
    from .models import PortalHomePage

    home_ids = PortalHomePage.objects.values_list("pk", flat=True)
    site_cache.forget_for_pages("home_news_sections", home_ids)


def page_changed(sender, instance, **kwargs):
    # Markers and banners link to pages: a page that moves or goes offline changes them.
    _forget_now_and_after_commit(forget_page, instance.pk)
    _forget_now_and_after_commit(site_cache.forget_everywhere, "main_menu")
    _forget_now_and_after_commit(_forget_home_news)
    _forget_now_and_after_commit(site_cache.pages_changed)
    transaction.on_commit(_forget_all_sidebars)


def restriction_changed(sender, instance, **kwargs):
    # What visitors may see changed: counts and lists kept while pages are unchanged are not.
    _forget_now_and_after_commit(site_cache.pages_changed)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            forget_restricted_paths,
            sender=PageViewRestriction,
            dispatch_uid=f"kyanh_restricted_paths_{signal is post_save}",
        )
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"kyanh_restriction_changed_{signal is post_save}",
        )
    post_page_move.connect(forget_restricted_paths, dispatch_uid="kyanh_restricted_paths_moved")
    for model in (PortalSettings, EngagementSettings):
        post_save.connect(
            site_cache.forget_setting, sender=model, dispatch_uid=f"kyanh_forget_{model.__name__}"
        )
    post_save.connect(sidebar_saved, sender=SidebarSettings, dispatch_uid="kyanh_sidebar_saved")
    post_save.connect(site_changed, sender=Site, dispatch_uid="kyanh_sidebar_site_saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="kyanh_sidebar_site_deleted")
    page_published.connect(page_changed, dispatch_uid="kyanh_sidebar_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="kyanh_sidebar_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="kyanh_sidebar_page_moved")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="kyanh_sidebar_page_deleted")
    page_published.connect(purge_listings, dispatch_uid="kyanh_purge_listings_published")
    page_unpublished.connect(purge_listings, dispatch_uid="kyanh_purge_listings_unpublished")
