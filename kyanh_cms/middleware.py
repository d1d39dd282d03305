"""The middleware host settings name, in one place:

* ``kyanh_cms.middleware.CachedSiteMiddleware`` — the site and its home page
  without queries;
* ``kyanh_cms.middleware.PageCacheMiddleware`` — the optional full-page cache
  for anonymous visitors.

Both live with the rest of the caching in ``kyanh_cms.caching``.
"""

from kyanh_cms.caching.middleware import CachedSiteMiddleware
from kyanh_cms.caching.page_cache import PageCacheMiddleware

__all__ = ["CachedSiteMiddleware", "PageCacheMiddleware"]
