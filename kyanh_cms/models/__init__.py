"""Models of the extension, split by kind; import them from here."""

from .news import (
    NewsArticlePage,
    NewsArticleRelatedLink,
    NewsArticleTag,
    NewsIndexPage,
    PortalHomeFeaturedArticle,
)
from .pages import PortalHomePage, PortalPageMixin, VietnameseSlugMixin
from .site_settings import PortalSettings

__all__ = [
    "NewsArticlePage",
    "NewsArticleRelatedLink",
    "NewsArticleTag",
    "NewsIndexPage",
    "PortalHomeFeaturedArticle",
    "PortalHomePage",
    "PortalPageMixin",
    "PortalSettings",
    "VietnameseSlugMixin",
]
