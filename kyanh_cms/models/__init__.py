"""Models of the extension, split by kind; import them from here."""

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
    "Organization",
    "PortalHomePage",
    "PortalPageMixin",
    "PortalSettings",
    "ShowcaseEvidenceDocument",
    "ShowcaseGalleryImage",
    "ShowcaseIndexPage",
    "ShowcasePage",
    "TaskItem",
    "TaskPlan",
    "TaskPlanIndexPage",
]
