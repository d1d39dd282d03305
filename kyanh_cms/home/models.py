"""The portal's front page: the town's welcome and, below it, the news."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from kyanh_cms.caching.fragments import lazy_parts
from kyanh_cms.caching.sites import scope_of_page
from kyanh_cms.caching.store import cached
from kyanh_cms.news.public import home_page_news, news_section_slugs, route_to_news_page
from kyanh_cms.portal.public import (
    PortalPageMixin,
    VietnameseSlugMixin,
    vietnamese_promote_panels,
)


class PortalHomePage(PortalPageMixin, VietnameseSlugMixin, Page):
    """The portal's front page: the town's welcome and, below it, the news.

    The news part: the featured articles editors pick (``featured_articles``,
    topped up with the latest ones) and the latest articles of every news
    category that asks to appear here (``NewsIndexPage.home_page_articles``).
    """

    #: How many featured articles the top of the home page shows.
    featured_count = 5

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short welcome shown at the top of the home page."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "featured_articles",
            label=_("Featured articles"),
            heading=_("Featured articles"),
            max_num=5,
            help_text=_(
                "Shown first on the home page, in this order; the latest articles fill the "
                "remaining places."
            ),
        ),
    ]
    promote_panels = vietnamese_promote_panels()

    template = "kyanh_cms/home/portal_home_page.html"

    def route(self, request, path_components):
        if self.live and path_components and path_components[0] in news_section_slugs(self):
            result = route_to_news_page(self, request, path_components)
            if result is not None:
                return result
        if path_components:
            # Wagtail spends two queries on the child (the row, then its specific
            # object) on every view; the child is kept under the content generation.
            slug = path_components[0]
            child = cached(
                "child-route",
                (self.pk, slug),
                lambda: self._child_by_slug(slug),
                scope=scope_of_page(self),
                request=request,
            )
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _child_by_slug(self, slug):
        child = self.get_children().filter(slug=slug).first()
        return child.specific if child is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the news is drawn inside a cached fragment, so a warm page reads none.
        context.update(
            lazy_parts(
                lambda: home_page_news(self, self.featured_count),
                "featured_articles",
                "news_sections",
            )
        )
        return context

    class Meta:
        verbose_name = _("portal home page")
        verbose_name_plural = _("portal home pages")


class PortalHomeFeaturedArticle(Orderable):
    """An article the editors put at the top of the home page."""

    page = ParentalKey(
        "kyanh_cms.PortalHomePage", related_name="featured_articles", on_delete=models.CASCADE
    )
    article = models.ForeignKey(
        "kyanh_cms.NewsArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown among the featured articles at the top of the home page."),
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured article")
        verbose_name_plural = _("featured articles")
