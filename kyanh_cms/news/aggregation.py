"""News from the communes ("Tin từ xã, phường"): a listing on the province's site that
gathers the articles of one category of every other site of the installation.

Each article links to its commune's own address (Wagtail gives the full URL of a
page of another site) and names its commune. What the listing shows depends on
every commune's content, so the province's site is a *dependent* of the others:
a publish in a commune also moves the content generation of every site holding
such a listing (``aggregating_sites``, registered with ``caching.signals``), and
the province's cached fragments and pages are current again on the next view.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Site

from kyanh_cms.caching.fragments import lazy_context
from kyanh_cms.caching.generation import INSTALLATION
from kyanh_cms.caching.sites import scope_of_page, site_ids_for_path, site_root_path
from kyanh_cms.caching.store import cached
from kyanh_cms.core.text import slugify_vietnamese
from kyanh_cms.news.models import (
    LISTING_PAGE_SIZE,
    NewestFirstPages,
    NewsArticlePage,
    NewsIndexPage,
    attach_categories,
)
from kyanh_cms.news.seo import page_seo
from kyanh_cms.portal.public import (
    PortalPageMixin,
    VietnameseSlugMixin,
    vietnamese_promote_panels,
)


def site_names():
    """``{site id: name}`` of every site, kept under the installation's generation."""
    return cached(
        "site-names",
        (),
        lambda: {site.pk: site.site_name or site.hostname for site in Site.objects.all()},
        scope=INSTALLATION,
    )


class CommuneNewsPage(PortalPageMixin, VietnameseSlugMixin, Page):
    """The province portal's listing of its communes' news, newest first."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown above the list of articles."),
    )
    category_slug = models.SlugField(
        _("category address"),
        max_length=255,
        default="tin-tuc",
        help_text=_(
            "The last part of the address of the category to gather from every other site, "
            "for example tin-tuc: the articles of each commune's “Tin tức” and its "
            "sub-categories are listed."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("category_slug"),
    ]
    promote_panels = vietnamese_promote_panels()
    subpage_types = []
    template = "kyanh_cms/news/commune_news_page.html"

    class Meta:
        verbose_name = _("news from the communes")
        verbose_name_plural = _("news from the communes")

    def clean(self):
        super().clean()
        self.category_slug = slugify_vietnamese(self.category_slug) or "tin-tuc"

    def source_categories(self):
        """``[(tree path, site id)]`` of the gathered categories: the live, public ones
        with the chosen slug on every site but this page's own."""
        own_root = site_root_path(self.path)

        def build():
            found = []
            categories = (
                NewsIndexPage.objects.live()
                .public()
                .filter(slug=self.category_slug)
                .exclude(path__startswith=own_root)
                .order_by("path")
                .values_list("path", flat=True)
            )
            for path in categories:
                sites = site_ids_for_path(path)
                if sites:
                    found.append((path, sites[0]))
            return found

        return cached(
            "commune-news-categories",
            (self.pk, self.category_slug),
            build,
            scope=scope_of_page(self),
        )

    def articles(self):
        sources = self.source_categories()
        if not sources:
            return NewsArticlePage.objects.none()
        below_any = Q()
        for path, _site in sources:
            below_any |= Q(path__startswith=path)
        return NewsArticlePage.objects.visible().filter(below_any).newest_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def listing():
            sources = self.source_categories()
            pages = NewestFirstPages(
                self.articles(),
                LISTING_PAGE_SIZE,
                (self.pk, self.category_slug),
                scope_of_page(self),
            )
            listing_page = Paginator(pages, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
            articles = attach_categories(listing_page.object_list)
            names = site_names()
            for article in articles:
                site = next((site for path, site in sources if article.path.startswith(path)), None)
                article.commune_name = names.get(site, "")
            listing_page.object_list = articles
            return listing_page

        context["articles"] = lazy_context(listing)
        context["seo"] = lazy_context(lambda: page_seo(self, request, self.introduction))
        return context


def aggregating_sites(site_ids):
    """The sites that hold a live ``CommuneNewsPage`` gathering from ``site_ids``: their
    pages show the communes' news, so their generations move with the communes'."""
    paths = CommuneNewsPage.objects.live().values_list("path", flat=True)
    found = set()
    for path in paths:
        found.update(site_ids_for_path(path)[:1])
    return found - set(site_ids)
