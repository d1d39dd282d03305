"""What other wings use of the engagement wing: the per-site engagement settings, the
moderation permission and the dashboard panel of the moderation queue (a new commune
site's groups are given their permissions; commune editors are kept to their commune)."""

from kyanh_cms.engagement.models import EngagementSettings
from kyanh_cms.engagement.moderation import PendingCommentsPanel
from kyanh_cms.engagement.viewsets import MODERATE_PERMISSION

__all__ = ["MODERATE_PERMISSION", "EngagementSettings", "PendingCommentsPanel"]
