"""System checks of the caches: the full-page cache's middleware and where it keeps pages."""

from django.conf import settings
from django.core import checks

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
