"""What other wings use of the portal wing: the page mixins every page type of the
extension shares, the portal's identity settings, the restricted paths and an admin
user's commune scope, the Vietnamese name of Wagtail's default workflow."""

from kyanh_cms.portal.models import PortalSettings
from kyanh_cms.portal.pages import (
    PortalPageMixin,
    VietnameseSlugMixin,
    page_ancestors,
    restricted_paths,
    vietnamese_promote_panels,
)
from kyanh_cms.portal.permissions import commune_scope, in_scope
from kyanh_cms.portal.workflows import name_default_workflow_in_vietnamese

__all__ = [
    "commune_scope",
    "in_scope",
    "name_default_workflow_in_vietnamese",
    "PortalPageMixin",
    "PortalSettings",
    "VietnameseSlugMixin",
    "page_ancestors",
    "restricted_paths",
    "vietnamese_promote_panels",
]
