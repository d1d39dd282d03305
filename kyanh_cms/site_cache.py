"""Per-site values kept in Django's cache, and dropped when what they show changes.

Every public page draws the same per-site things: the portal's identity, the
engagement settings, the main menu. Reading them from the database on each
request costs a query apiece; here each is built once per site, kept in the
cache (shared by all workers when the cache is Redis or Memcached), and
remembered on the request. Signal handlers (``signal_handlers.py``) call
``forget`` when a setting is saved or a page is published, moved or removed.
"""

import uuid

from django.core.cache import cache
from wagtail.models import Site

PREFIX = "kyanh_cms:site"
TIMEOUT = 3600


def _key(name, site_id):
    return f"{PREFIX}:{name}:{site_id}"


def cached_for_site(name, site, build, request=None):
    """``build(site)``, cached per site under ``name`` (and on ``request`` if given)."""
    memo = f"_kyanh_site_cache_{name}"
    if request is not None and hasattr(request, memo):
        return getattr(request, memo)
    key = _key(name, site.pk)
    value = cache.get(key)
    if value is None:
        value = build(site)
        cache.set(key, value, TIMEOUT)
    if request is not None:
        setattr(request, memo, value)
    return value


def cached_for_page(name, page, build):
    """``build(page)``, cached under ``name`` for that page."""
    key = f"{PREFIX}:{name}:page-{page.pk}"
    value = cache.get(key)
    if value is None:
        value = build(page)
        cache.set(key, value, TIMEOUT)
    return value


def forget_for_pages(name, page_ids):
    cache.delete_many([f"{PREFIX}:{name}:page-{pk}" for pk in page_ids])


GENERATION_KEY = f"{PREFIX}:pages-generation"


def _pages_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.set(GENERATION_KEY, generation, None)
    return generation


def pages_changed():
    """Every value kept by ``cached_while_pages_unchanged`` is out of date from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def cached_while_pages_unchanged(name, key, build):
    """``build()``, kept until any page is published, unpublished, moved or deleted.

    For values that depend on many pages (an article's related articles): one
    generation key moves on instead of finding every value to drop.
    """
    full_key = f"{PREFIX}:{name}:{_pages_generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, TIMEOUT)
    return value


def forget(name, site_id):
    cache.delete(_key(name, site_id))


def forget_everywhere(name):
    cache.delete_many(
        [_key(name, site_id) for site_id in Site.objects.values_list("pk", flat=True)]
    )


def setting_for_request(model, request):
    """The ``BaseSiteSetting`` ``model`` of the request's site, without a query when warm."""
    site = Site.find_for_request(request)
    if site is None:
        return model()
    return cached_for_site(model._meta.label_lower, site, model.for_site, request)


def forget_setting(sender, instance, **kwargs):
    """``post_save`` receiver for site settings models."""
    forget(sender._meta.label_lower, instance.site_id)
