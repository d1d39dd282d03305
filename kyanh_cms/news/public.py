"""What other wings use of the news wing: the article model and its queries, and the
home page's news (its featured articles and category sections, and the routing of
``/tin-tuc/…`` below it)."""

from kyanh_cms.news.models import (
    NewsArticlePage,
    NewsIndexPage,
    home_page_news,
    news_section_slugs,
    route_to_news_page,
)

__all__ = [
    "NewsArticlePage",
    "NewsIndexPage",
    "home_page_news",
    "news_section_slugs",
    "route_to_news_page",
]
