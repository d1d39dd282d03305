"""Models of the extension, split by kind; import them from here."""

from .engagement import (
    EngagementSettings,
    Rating,
    RatingSummary,
    ReaderComment,
    ReaderCommentQuerySet,
)
from .pages import PortalHomePage, PortalPageMixin
from .site_settings import PortalSettings

__all__ = [
    "EngagementSettings",
    "PortalHomePage",
    "PortalPageMixin",
    "PortalSettings",
    "Rating",
    "RatingSummary",
    "ReaderComment",
    "ReaderCommentQuerySet",
]
