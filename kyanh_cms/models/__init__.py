"""Models of the extension, split by kind; import them from here."""

from .engagement import (
    EngagementSettings,
    Rating,
    RatingSummary,
    ReaderComment,
    ReaderCommentQuerySet,
)
from .organizations import Organization
from .pages import PortalHomePage, PortalPageMixin
from .showcases import (
    ShowcaseEvidenceDocument,
    ShowcaseGalleryImage,
    ShowcaseIndexPage,
    ShowcasePage,
)
from .site_settings import PortalSettings
from .tasks import TaskItem, TaskPlan, TaskPlanIndexPage

__all__ = [
    "EngagementSettings",
    "Organization",
    "PortalHomePage",
    "PortalPageMixin",
    "PortalSettings",
    "Rating",
    "RatingSummary",
    "ReaderComment",
    "ReaderCommentQuerySet",
    "ShowcaseEvidenceDocument",
    "ShowcaseGalleryImage",
    "ShowcaseIndexPage",
    "ShowcasePage",
    "TaskItem",
    "TaskPlan",
    "TaskPlanIndexPage",
]
