"""System checks of the caches: the full-page cache's middleware and where it keeps pages,
and (with ``check --deploy``) whether the content generations are shared by every process."""

from django.conf import settings
from django.core import checks
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.module_loading import import_string

from kyanh_cms.caching.page_cache import MIDDLEWARE_PATH
from kyanh_cms.core.conf import OPTIONS, get_setting


@checks.register(checks.Tags.caches)
def check_page_cache(app_configs, **kwargs):
    """The full-page cache: on only with its middleware, in a cache that exists and is shared."""
    configured = getattr(settings, "KYANH_CMS", {})
    seconds = configured.get("PAGE_CACHE_SECONDS", 0) if isinstance(configured, dict) else 0
    if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds <= 0:
        return []
    errors = []
    middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
    if not {MIDDLEWARE_PATH, "kyanh_cms.caching.page_cache.PageCacheMiddleware"} & set(middleware):
        errors.append(
            checks.Error(
                "KYANH_CMS['PAGE_CACHE_SECONDS'] turns the full-page cache on, but its "
                "middleware is not in MIDDLEWARE.",
                hint=f"Add {MIDDLEWARE_PATH!r} to MIDDLEWARE right after "
                "'django.middleware.security.SecurityMiddleware'.",
                id="kyanh_cms.E020",
            )
        )
    alias = get_setting("PAGE_CACHE_ALIAS")
    if not isinstance(alias, str) or alias not in settings.CACHES:
        errors.append(
            checks.Error(
                f"KYANH_CMS['PAGE_CACHE_ALIAS'] names a cache missing from CACHES: {alias!r}.",
                hint=OPTIONS["PAGE_CACHE_ALIAS"].help,
                id="kyanh_cms.E021",
            )
        )
    else:
        # The pages live in ``alias``, the content generation that purges them in "default".
        local = [
            name
            for name in dict.fromkeys((alias, "default"))
            if settings.CACHES.get(name, {}).get("BACKEND", "").endswith("LocMemCache")
        ]
        if local:
            errors.append(
                checks.Warning(
                    f"The full-page cache relies on the local-memory cache {local[0]!r}: with "
                    "several app processes, publishing or moderating purges the pages of one "
                    "process only.",
                    hint=OPTIONS["PAGE_CACHE_ALIAS"].help
                    + "; the content generation that purges pages lives in the default cache",
                    id="kyanh_cms.W020",
                )
            )
    return errors


#: The production set-up that keeps every app process's caches in step.
SHARED_CACHE_HINT = (
    "Give every app process one shared default cache, Redis through "
    "'kyanh_cms.caching.backends.RedisCache' (pip install redis); see "
    'docs/production.md, "Shared cache: Redis".'
)


def _raises_when_redis_is_down(backend_class):
    # Imported here: both need the redis package, which only Redis users install.
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    if not issubclass(backend_class, DjangoRedisCache):
        return False
    from kyanh_cms.caching.backends import RedisCache as FaultTolerantRedisCache

    return not issubclass(backend_class, FaultTolerantRedisCache)


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_generations(app_configs, **kwargs):
    """In production the default cache, which holds the content generations, must be one
    every app process reads: a publish moves the generation in that cache only."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    try:
        backend_class = import_string(backend)
    except ImportError:
        return []  # Django's own checks and the first cache access report it
    if not isinstance(backend_class, type):
        return []
    if issubclass(backend_class, LocMemCache):
        return [
            checks.Warning(
                "The default cache, which holds the content generations, is a local-memory "
                "cache that each process keeps for itself: with several app processes a "
                "publish reaches one process only, and the others show the old pages until "
                "their copies expire (an hour with the default lifetimes).",
                hint=SHARED_CACHE_HINT,
                id="kyanh_cms.W021",
            )
        ]
    if issubclass(backend_class, DummyCache):
        return [
            checks.Warning(
                "The default cache, which holds the content generations, is a DummyCache, "
                "which keeps nothing: there is no generation for the app processes to share, "
                "and every page is drawn from the database on every request.",
                hint=SHARED_CACHE_HINT,
                id="kyanh_cms.W021",
            )
        ]
    if _raises_when_redis_is_down(backend_class):
        return [
            checks.Warning(
                "The default cache is Django's own RedisCache, which raises when Redis "
                "cannot be reached: then every page answers 500 (Wagtail reads the default "
                "cache on every request) and an editor's publish fails.",
                hint="Use 'kyanh_cms.caching.backends.RedisCache' (the same settings): pages "
                'are built from the database while Redis is away; docs/production.md, "When '
                'the shared cache is down".',
                id="kyanh_cms.W022",
            )
        ]
    return []
