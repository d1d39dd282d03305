"""Every model of the extension, gathered from its wings: what Django, migrations and
host projects import (``from kyanh_cms.models import NewsArticlePage``)."""

# Registers the stream compositions (``kyanh_cms.core.streams``) the models above name;
# Wagtail reads them only when it first needs a field's block, so the order of these
# imports does not matter.
import kyanh_cms.blocks  # noqa: E402, F401, I001
from kyanh_cms.caching.models import CacheEpoch
from kyanh_cms.documents.models import (
    DocumentAttachment,
    DocumentField,
    DocumentKind,
    DocumentLibraryPage,
    DocumentOpinion,
    DocumentRelation,
    IssuingBody,
    LegalDocumentPage,
)
from kyanh_cms.engagement.models import (
    EngagementSettings,
    Rating,
    RatingSummary,
    ReaderComment,
    ReaderCommentQuerySet,
)
from kyanh_cms.home.models import PortalHomeFeaturedArticle, PortalHomePage
from kyanh_cms.news.aggregation import CommuneNewsPage
from kyanh_cms.news.legacy import LegacyArticle
from kyanh_cms.news.models import (
    NewsArticlePage,
    NewsArticleRelatedLink,
    NewsArticleTag,
    NewsIndexPage,
)
from kyanh_cms.portal.models import PortalSettings
from kyanh_cms.portal.pages import PortalPageMixin, VietnameseSlugMixin
from kyanh_cms.schedules.models import ScheduleChange, ScheduleEntry, WorkSchedulePage
from kyanh_cms.showcases.models import (
    ShowcaseEvidenceDocument,
    ShowcaseGalleryImage,
    ShowcaseIndexPage,
    ShowcasePage,
)
from kyanh_cms.showcases.organizations import Organization
from kyanh_cms.sidebar.counters import DailyPageViews, DailySiteVisits, OnlineVisitor, VisitorSalt
from kyanh_cms.sidebar.models import SidebarSettings
from kyanh_cms.tasks.models import TaskItem, TaskPlan, TaskPlanIndexPage

__all__ = [
    "CacheEpoch",
    "CommuneNewsPage",
    "DailyPageViews",
    "DailySiteVisits",
    "DocumentAttachment",
    "DocumentField",
    "DocumentKind",
    "DocumentLibraryPage",
    "DocumentOpinion",
    "DocumentRelation",
    "EngagementSettings",
    "IssuingBody",
    "LegacyArticle",
    "LegalDocumentPage",
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
    "ScheduleChange",
    "ScheduleEntry",
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
    "WorkSchedulePage",
]
