"""Models of the extension, split by kind; import them from here."""

from .engagement import (
    EngagementSettings,
    Rating,
    RatingSummary,
    ReaderComment,
    ReaderCommentQuerySet,
)
from .legacy import LegacyArticle
from .news import (
    NewsArticlePage,
    NewsArticleRelatedLink,
    NewsArticleTag,
    NewsIndexPage,
    PortalHomeFeaturedArticle,
)
from .organizations import Organization
from .pages import PortalHomePage, PortalPageMixin, VietnameseSlugMixin
from .showcases import (
    ShowcaseEvidenceDocument,
    ShowcaseGalleryImage,
    ShowcaseIndexPage,
    ShowcasePage,
)
from .sidebar import SidebarSettings
from .site_settings import PortalSettings
from .tasks import TaskItem, TaskPlan, TaskPlanIndexPage
from .visits import DailyPageViews, DailySiteVisits, OnlineVisitor, VisitorSalt

__all__ = [
    "DailyPageViews",
    "DailySiteVisits",
    "EngagementSettings",
    "LegacyArticle",
    "NewsArticlePage",
    "NewsArticleRelatedLink",
    "NewsArticleTag",
    "NewsIndexPage",
    "OnlineVisitor",
    "Organization",
    "PortalHomeFeaturedArticle",
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
    "SidebarSettings",
    "TaskItem",
    "TaskPlan",
    "TaskPlanIndexPage",
    "VietnameseSlugMixin",
    "VisitorSalt",
]
