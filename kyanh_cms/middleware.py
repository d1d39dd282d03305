"""The middleware host settings name, in one place:

* ``kyanh_cms.middleware.CachedSiteMiddleware`` — the site and its home page
  without queries;
* ``kyanh_cms.middleware.PageCacheMiddleware`` — the optional full-page cache
  for anonymous visitors;
* ``kyanh_cms.middleware.SharedCacheHeadersMiddleware`` — anonymous pages without
  ``Vary: Cookie``, so that a reverse proxy may keep them.

All live with the rest of the caching in ``kyanh_cms.caching``.
"""

from kyanh_cms.caching.middleware import CachedSiteMiddleware
from kyanh_cms.caching.page_cache import PageCacheMiddleware
from kyanh_cms.caching.proxy_headers import SharedCacheHeadersMiddleware

__all__ = ["CachedSiteMiddleware", "PageCacheMiddleware", "SharedCacheHeadersMiddleware"]
