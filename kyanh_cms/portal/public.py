"""What other wings use of the portal wing: the page mixins every page type of the
extension shares, the portal's identity settings and the restricted paths."""

from kyanh_cms.portal.models import PortalSettings
from kyanh_cms.portal.pages import (
    PortalPageMixin,
    VietnameseSlugMixin,
    page_ancestors,
    restricted_paths,
    vietnamese_promote_panels,
)

__all__ = [
    "PortalPageMixin",
    "PortalSettings",
    "VietnameseSlugMixin",
    "page_ancestors",
    "restricted_paths",
    "vietnamese_promote_panels",
]
