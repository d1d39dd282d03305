"""News: categories ("chuyên mục") and the articles listed in them.

A ``NewsIndexPage`` is a category. Categories nest (Tin tức › Tin hoạt
động), and a category lists every article below it, newest first by
``published_at``. A ``NewsArticlePage`` lives under a category; its tags go
through ``NewsArticleTag``, its editor-chosen related articles through
``NewsArticleRelatedLink``. Queries that listings, feeds, search and the home
page share live on ``NewsArticleQuerySet``.
"""

from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import (
    Count,
    F,
    Max,
    Prefetch,
    Q,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Mod, RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from kyanh_cms.caching.fragments import lazy_context
from kyanh_cms.caching.generation import INSTALLATION
from kyanh_cms.caching.sites import scope_of_page, site_root_path
from kyanh_cms.caching.store import cached
from kyanh_cms.core.alt_text import AltTextPageForm, alt_text_field, decorative_field, image_alt
from kyanh_cms.core.input import clean_params
from kyanh_cms.core.streams import Composition
from kyanh_cms.core.text import fold_vietnamese
from kyanh_cms.news import search_index
from kyanh_cms.news.archive import article_archive_response
from kyanh_cms.news.feeds import NewsCategoryFeed
from kyanh_cms.news.renditions import FEATURE_IMAGE_SPECS, LISTING_IMAGE_SPECS
from kyanh_cms.news.seo import article_seo, page_seo
from kyanh_cms.portal.public import (
    PortalPageMixin,
    VietnameseSlugMixin,
    page_ancestors,
    restricted_paths,
    vietnamese_promote_panels,
)

#: Articles per listing page.
LISTING_PAGE_SIZE = 10
#: Related articles shown under an article.
RELATED_COUNT = 4
#: Longest search query taken into account (longer input is cut, not refused).
SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 8
#: Search results counted and paged through at most (100 pages of 10); a query
#: matching more says "more than 1.000 articles" and pages through the newest.
SEARCH_MAX_RESULTS = 1000


class NewsArticleQuerySet(PageQuerySet):
    """Reusable queries over news articles (listings, feeds, search, home page)."""

    def visible(self):
        """Live and not behind a view restriction: what an anonymous visitor may see.

        The restricted paths come from ``restricted_paths()`` (cached, almost
        always empty), so the test costs no join: a correlated subquery over
        the restrictions made SQLite scan the page table once per candidate
        article, which took seconds at 10,000 articles.
        """
        queryset = self.live()
        for restricted in restricted_paths():
            queryset = queryset.exclude(path__startswith=restricted)
        return queryset

    def child_of_path(self, parent_path):
        """Articles right below the page at tree ``parent_path`` (its category)."""
        return self.filter(path__startswith=parent_path, depth=len(parent_path) // Page.steplen + 1)

    def in_category(self, category):
        """Articles anywhere below ``category`` (a ``NewsIndexPage`` or any page)."""
        return self.descendant_of(category)

    def tagged(self, tag):
        """Articles carrying ``tag`` (a taggit ``Tag`` or its slug)."""
        slug = tag.slug if isinstance(tag, Tag) else tag
        return self.filter(tagged_items__tag__slug=slug)

    def published_in(self, year, month=None):
        """Articles whose ``published_at`` falls in a year, or a month of it (local time)."""
        zone = timezone.get_current_timezone()
        if month is None:
            start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        else:
            start = datetime(year, month, 1)
            end = datetime(year + (month == 12), month % 12 + 1, 1)
        if settings.USE_TZ:
            start, end = timezone.make_aware(start, zone), timezone.make_aware(end, zone)
        return self.filter(published_at__gte=start, published_at__lt=end)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def page_starts(self, page_size):
        """``(count, [(published_at, pk), …])``: the first article of every page, newest first.

        One query: window functions number and count the articles, and only
        every ``page_size``-th row leaves the database (1,000 of 10,000).
        """
        rows = list(
            self.order_by()
            .annotate(
                position=Window(RowNumber(), order_by=[F("published_at").desc(), F("pk").desc()]),
                total=Window(Count("pk")),
            )
            .annotate(place_on_page=Mod(F("position") - 1, page_size))
            .filter(place_on_page=0)
            .order_by("position")
            .values_list("published_at", "pk", "total")
        )
        count = rows[0][2] if rows else 0
        return count, [(published_at, pk) for published_at, pk, _total in rows]

    def starting_at(self, published_at, pk):
        """The article published at ``published_at`` with ``pk`` and those after it, newest first.

        The plain ``published_at <=`` bound, implied by the rest, is what lets
        both databases start reading the ``published_at`` index right there.
        """
        return self.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lte=pk),
            published_at__lte=published_at,
        )

    def for_listing(self, image_specs=LISTING_IMAGE_SPECS):
        """Fetch what a list item draws (main image and its thumbnails) with the list.

        Templates must only ask for renditions in ``image_specs``: Wagtail
        trusts prefetched renditions and would create any other one anew.
        The body and the search text, the widest columns, are left in the
        database: a list item never shows them, and a deep page of a long
        listing would otherwise read them for every row it skips.
        """
        return (
            self.defer("body", "search_text")
            .select_related("main_image")
            .prefetch_related(Prefetch("main_image__renditions", queryset=_renditions(image_specs)))
        )

    def search(self, query):
        """Accent-insensitive search: every word of ``query`` must occur in the article.

        Both sides are folded by ``fold_vietnamese`` ("Kỳ Anh", "KỲ ANH",
        NFD input and "ky anh" all become "ky anh"), so a plain ``contains``
        on the stored ``search_text`` behaves the same on SQLite and PostgreSQL.
        """
        terms = search_terms(query)
        if not terms:
            return self.none()
        condition = Q()
        for term in terms:
            condition &= Q(search_text__contains=term)
        return self.filter(condition)


def _renditions(specs):
    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)


def _home_sections(home):
    """``[(category id, [article ids])]`` of the home page's category sections.

    One query per category: the result is kept per home page in the cache
    (``caching.store``) under the site's content generation, so a portal with
    twenty categories does not pay twenty queries on every view of its home page.
    """
    visible = NewsArticlePage.objects.visible().in_category(home)
    categories = (
        NewsIndexPage.objects.live().public().descendant_of(home).filter(home_page_articles__gt=0)
    )
    sections = []
    for category in categories:
        ids = list(
            visible.in_category(category)
            .newest_first()
            .values_list("pk", flat=True)[: category.home_page_articles]
        )
        if ids:
            sections.append((category.pk, ids))
    return sections


def _featured_articles(visible, chosen_ids, count):
    """The editors' choice in their order, topped up with the newest: two small queries
    (ordering every article by a CASE over the chosen ids read the whole table)."""
    specs = LISTING_IMAGE_SPECS + FEATURE_IMAGE_SPECS
    chosen = visible.filter(pk__in=chosen_ids).for_listing(specs).in_bulk() if chosen_ids else {}
    featured = [chosen[pk] for pk in chosen_ids if pk in chosen][:count]
    if len(featured) < count:
        featured += (
            visible.exclude(pk__in=chosen_ids)
            .newest_first()
            .for_listing(specs)[: count - len(featured)]
        )
    return featured


def home_page_news(home, featured_count):
    """What the home page shows of the news: featured articles and each category's latest.

    Two small queries for the featured list, and — with the sections' ids cached —
    one for the categories and one for all their articles, whatever their
    number, plus one for the thumbnails.
    """
    visible = NewsArticlePage.objects.visible().in_category(home)
    chosen_ids = [link.article_id for link in home.featured_articles.all() if link.article_id]
    featured = _featured_articles(visible, chosen_ids, featured_count)
    section_ids = cached(
        "home-news-sections", (home.pk,), lambda: _home_sections(home), scope=scope_of_page(home)
    )
    wanted = {pk for _, ids in section_ids for pk in ids}
    articles = (
        visible.filter(pk__in=wanted).select_related("main_image").in_bulk() if wanted else {}
    )
    categories = NewsIndexPage.objects.in_bulk([pk for pk, _ in section_ids]) if wanted else {}
    sections = []
    for category_id, ids in section_ids:
        latest = [articles[pk] for pk in ids if pk in articles]
        if latest and category_id in categories:
            sections.append((categories[category_id], latest))
    images = {
        article.main_image for _, latest in sections for article in latest if article.main_image
    }
    prefetch_related_objects(
        list(images), Prefetch("renditions", queryset=_renditions(LISTING_IMAGE_SPECS))
    )
    return {"featured_articles": featured, "news_sections": sections}


def route_to_news_page(parent, request, path_components):
    """Route to a news article or category below ``parent`` by its URL path.

    Wagtail's ``Page.route`` spends two queries per level (the child, then
    its specific object); an article two categories down costs six. Looking
    the page up by ``url_path`` costs one query for an article and two for a
    category, and the page found is kept in the cache under the content
    generation (``caching.store``): publishing, moving or deleting any page
    replaces it, so a warm view routes without a query. The last path
    component may be a sub-route of the page found (``rss/``, ``tai-ve/``).
    Returns ``None`` when nothing matches, and the caller falls back to
    Wagtail's routing (a miss is cached too, until the site's content changes).
    """
    found = cached(
        "news-route",
        (parent.pk, *path_components),
        lambda: _find_news_page(parent, path_components),
        scope=scope_of_page(parent),
        request=request,
    )
    if not found:
        return None
    page, consumed = found
    return page.route(request, path_components[consumed:])


def _find_news_page(parent, path_components):
    """``(page, how many path components it takes)`` or ``None``."""
    candidates, slugs = {}, set()
    for cut in (0, 1):
        prefix = path_components[: len(path_components) - cut]
        if prefix:
            candidates[parent.url_path + "/".join(prefix) + "/"] = len(prefix)
            slugs.add(prefix[-1])
    lookups = (
        NewsArticlePage.objects.select_related("main_image"),
        NewsIndexPage.objects.all(),
    )
    for queryset in lookups:
        # ``url_path`` has no index in Wagtail; ``slug`` has: the slug narrows the
        # search to a handful of rows, the URL path picks the page among them.
        page = (
            queryset.filter(slug__in=slugs, url_path__in=candidates, path__startswith=parent.path)
            .order_by("-depth")
            .first()
        )
        if page is not None:
            return page, candidates[page.url_path]
    return None


def news_section_slugs(home):
    """Slugs of the news categories right under ``home``, kept under the content
    generation (``caching.store``).

    Lets the home page send ``/tin-tuc/…`` to ``route_to_news_page`` without
    slowing down the routing of other pages. A stale entry costs one wasted
    query, never a wrong page: routing falls back to Wagtail's.
    """
    return cached(
        "news-section-slugs",
        (home.pk,),
        lambda: list(NewsIndexPage.objects.child_of(home).values_list("slug", flat=True)),
        scope=scope_of_page(home),
    )


def search_terms(query):
    """The folded, de-duplicated words of a visitor's query, within sane limits."""
    folded = fold_vietnamese((query or "")[:SEARCH_QUERY_MAX_LENGTH])
    terms = []
    for word in folded.split():
        if word not in terms:
            terms.append(word)
    return terms[:SEARCH_MAX_TERMS]


def search_result_ids(query, root_page_id=None, scope=INSTALLATION):
    """Ids of the visible articles matching ``query``, newest first.

    Below the page ``root_page_id`` (a site's root) when given. At most
    ``SEARCH_MAX_RESULTS + 1`` ids, so a caller can tell "more than
    ``SEARCH_MAX_RESULTS``" from exactly that many. The search, one scan that
    gives both the count and every page, runs once per query until the content
    changes (a publish, unpublish, move or delete moves the content generation
    on); each results page then costs one query by primary key for its ten
    articles (``articles_by_ids``).
    """
    terms = search_terms(query)
    if not terms:
        return []

    def build():
        articles = NewsArticlePage.objects.visible()
        if root_page_id is not None:
            articles = articles.in_category(Page.objects.get(pk=root_page_id))
        matching = search_index.narrow(articles.search(query), terms)
        ids = matching.newest_first().values_list("pk", flat=True)
        return list(ids[: SEARCH_MAX_RESULTS + 1])

    # A new view restriction changes what an anonymous visitor may find: it moves the
    # installation's generation, which every site's includes.
    return cached("news-search", (root_page_id, *terms), build, scope=scope)


def articles_by_ids(ids):
    """The visible articles ``ids`` in that order, ready for a listing, in one query."""
    if not ids:
        return []
    found = NewsArticlePage.objects.visible().filter(pk__in=ids).for_listing().in_bulk()
    return attach_categories([found[pk] for pk in ids if pk in found])


def attach_categories(articles, categories=None):
    """Set ``article.category`` (the parent page) on each article with at most one query.

    ``categories`` (tree path → page) are known parents; only those missing
    from it are read from the database.
    """
    articles = list(articles)
    steplen = Page.steplen
    parents = dict(categories or {})
    missing = {article.path[:-steplen] for article in articles} - parents.keys()
    if missing:
        parents.update((page.path, page) for page in Page.objects.filter(path__in=missing))
    for article in articles:
        article.category = parents.get(article.path[:-steplen])
    return articles


def parse_archive_filter(params):
    """``(year, month)`` from ``?year=2026`` or ``?month=2026-11``; ``None`` where absent.

    Raises ``Http404`` for values no archive can have (``year=abc``, ``month=2026-13``).
    """
    year = month = None
    try:
        if params.get("month"):
            year_text, month_text = params["month"].split("-", 1)
            year, month = int(year_text), int(month_text)
        elif params.get("year"):
            year = int(params["year"])
    except ValueError as error:
        raise Http404("Unknown archive") from error
    if year is not None and not 1900 <= year <= 9999:
        raise Http404("Unknown archive")
    if month is not None and not 1 <= month <= 12:
        raise Http404("Unknown archive")
    return year, month


class NewestFirstPages:
    """A listing's articles as ``Paginator`` sees them, each page read from its first article.

    ``OFFSET 9990`` makes the database read, join and sort every article
    before the page it skips to. Here the first article of every page
    (``NewsArticleQuerySet.page_starts``) is found with one query and kept
    until pages change (``caching.store``); a page then walks the
    ``published_at`` index from its first article, so the last page costs
    what the first does. The first page needs no starts: right after a
    publish it costs a count and its ten rows (numbering 50,000 articles to
    find the starts took 250 ms on PostgreSQL), and the starts are worked out
    when a later page is asked for. Any other slice falls back to
    ``articles[slice]``.
    """

    def __init__(self, articles, step, params, scope):
        self.articles = articles
        self.step = step
        self.params, self.scope = params, scope
        self.total = cached("news-listing-count", params, articles.count, scope=scope)

    @cached_property
    def starts(self):
        return cached("news-listing-starts", self.params, self._page_starts, scope=self.scope)

    def _page_starts(self):
        _count, starts = self.articles.page_starts(self.step)
        # Dates kept as text: unpickling a thousand datetimes on every view took 2 ms.
        return [(published_at.isoformat(), pk) for published_at, pk in starts]

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        listed = self.articles.for_listing()
        if not isinstance(index, slice):
            return listed[index]
        first = index.start or 0
        number, offset = divmod(first, self.step)
        if number == 0 or offset or index.stop is None or number >= len(self.starts):
            return listed[index]
        published_at, pk = self.starts[number]
        return listed.starting_at(datetime.fromisoformat(published_at), pk)[: index.stop - first]


class NewsIndexPage(PortalPageMixin, VietnameseSlugMixin, RoutablePageMixin, Page):
    """A category ("chuyên mục"): lists the articles below it, newest first.

    Categories nest: the listing of "Tin tức" includes the articles of its
    sub-categories. The listing filters by tag (``?tag=``) and by month
    (``?year=&month=``); its RSS 2.0 feed is at ``rss/`` under the category.
    """

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown above the list of articles."),
    )
    home_page_articles = models.PositiveSmallIntegerField(
        _("articles on the home page"),
        default=4,
        validators=[MaxValueValidator(12)],
        help_text=_(
            "How many of this category's latest articles the home page shows (0 hides the "
            "category there)."
        ),
    )

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("home_page_articles"),
    ]
    promote_panels = vietnamese_promote_panels()

    # Any parent: a host portal puts its news under its own home page type.
    subpage_types = ["kyanh_cms.NewsIndexPage", "kyanh_cms.NewsArticlePage"]
    template = "kyanh_cms/news/news_index_page.html"

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def route(self, request, path_components):
        if self.live and path_components:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                result = route_to_news_page(self, request, path_components)
                if result is not None:
                    return result
        return super().route(request, path_components)

    def articles(self):
        """Every visible article below this category, newest first."""
        return NewsArticlePage.objects.visible().in_category(self).newest_first()

    def categories_below(self):
        """This category and every category below it, in tree order; kept until pages change.

        Gives the listing its sub-categories and each listed article's
        category without a query.
        """
        return cached(
            "news-categories",
            (self.path,),
            lambda: list(
                NewsIndexPage.objects.descendant_of(self, inclusive=True).order_by("path")
            ),
            scope=scope_of_page(self),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_articles = articles = self.articles()
        tag = None
        params = clean_params(request.GET)  # a NUL in ?tag= is a DataError on PostgreSQL
        tag_slug = params.get("tag")
        if tag_slug:
            tag = Tag.objects.filter(slug=tag_slug[:100]).first()
            if tag is None:
                raise Http404("Unknown tag")
            articles = articles.tagged(tag)
        year, month = parse_archive_filter(params)
        if year is not None:
            articles = articles.published_in(year, month)
        # Keyed by tree path, which a new category being previewed has too; the archive's
        # months and the year and month filters depend on the time zone.
        zone = timezone.get_current_timezone_name()

        def listing():
            pages = NewestFirstPages(
                articles,
                LISTING_PAGE_SIZE,
                (self.path, tag.pk if tag else "", year or "", month or "", zone),
                scope_of_page(self),
            )
            paginator = Paginator(pages, LISTING_PAGE_SIZE)
            listing_page = paginator.get_page(request.GET.get("page"))
            listing_page.object_list = attach_categories(
                listing_page.object_list, categories_by_path()
            )
            return listing_page

        def categories_by_path():
            by_path = {category.path: category for category in self.categories_below()}
            by_path[self.path] = self  # a preview shows its own title
            return by_path

        def subcategories():
            return [
                child
                for child in self.categories_below()
                if child.live and child.depth == self.depth + 1
            ]

        def months():
            return cached(
                "news-archive-months",
                (self.path, zone),
                lambda: list(
                    all_articles.order_by().datetimes("published_at", "month", order="DESC")
                ),
                scope=scope_of_page(self),
            )

        # Lazy: the list, its pages and the archive are drawn inside a cached fragment
        # (per query string), so a warm listing computes none of them.
        articles_page = lazy_context(listing)
        context.update(
            {
                "articles": articles_page,
                "paginator": lazy_context(lambda: articles_page.paginator),
                "tag": tag,
                "archive_year": year,
                "archive_month": month,
                "archive_months": lazy_context(months),
                "subcategories": lazy_context(subcategories),
                "seo": lazy_context(lambda: page_seo(self, request, description=self.introduction)),
            }
        )
        return context

    def latest_articles(self, count, image_specs):
        """The ``count`` newest visible articles of this category and its sub-categories,
        with their main images' ``image_specs`` renditions (the RSS feed's items)."""
        return list(
            NewsArticlePage.objects.visible()
            .in_category(self)
            .newest_first()
            .for_listing(image_specs)[:count]
        )

    @path("rss/", name="rss")
    def rss(self, request):
        return NewsCategoryFeed()(request, category=self)


class NewsArticleTag(TaggedItemBase):
    """Links a news article to a taggit ``Tag``."""

    content_object = ParentalKey(
        "kyanh_cms.NewsArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("news article tag")
        verbose_name_plural = _("news article tags")


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class NewsArticlePage(PortalPageMixin, VietnameseSlugMixin, RoutablePageMixin, Page):
    """A dated news article: lead, main image, a body of blocks, tags and related articles.

    ``search_text`` holds the folded title, lead, body and tags, rebuilt on
    every save, so the visitor search is a plain ``contains`` (see
    ``NewsArticleQuerySet.search``). ``ratings_enabled`` and
    ``comments_enabled`` are read by the reader engagement features.
    """

    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("The summary (sapo) in bold under the title; also used in listings and feeds."),
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_(
            "Shown as the article's date and used to order listings. To publish later, set "
            "the go-live time in the Settings tab."
        ),
    )
    main_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the article, in listings and when the article is shared."),
    )
    main_image_alt_text = alt_text_field()
    main_image_decorative = decorative_field()
    main_image_caption = models.CharField(
        _("main image caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the main image."),
    )
    byline = models.CharField(
        _("author"),
        max_length=200,
        blank=True,
        help_text=_("Who wrote the article, for example “Minh Anh – Văn phòng HĐND-UBND”."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the article was first published, if elsewhere."),
    )
    body = StreamField(
        Composition("article_body"),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The article: paragraphs, headings, images, tables, quotes, documents."),
    )
    tags = ClusterTaggableManager(
        verbose_name=_("tags"),
        through=NewsArticleTag,
        blank=True,
        help_text=_("Topics of the article; readers can list all articles of a topic."),
    )
    ratings_enabled = models.BooleanField(
        _("allow ratings"),
        default=True,
        help_text=_("Readers may rate this article with 1 to 5 stars."),
    )
    comments_enabled = models.BooleanField(
        _("allow comments"),
        default=True,
        help_text=_("Readers may comment on this article (comments are moderated)."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = NewsArticleManager()

    base_form_class = AltTextPageForm
    image_alt_fields = [("main_image", "main_image_alt_text", "main_image_decorative")]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("byline"), FieldPanel("source")]),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("main_image_alt_text"),
                FieldPanel("main_image_decorative"),
                FieldPanel("main_image_caption"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
    ]
    related_panels = [
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            label=_("Related articles"),
            heading=_("Related articles"),
            help_text=_(
                "Chosen articles come first; the rest is filled with articles sharing tags or "
                "the category."
            ),
        ),
    ]
    promote_panels = vietnamese_promote_panels()
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("ratings_enabled"), FieldPanel("comments_enabled")],
            heading=_("Reader engagement"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(related_panels, heading=_("Tags and related")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["kyanh_cms.NewsIndexPage"]
    subpage_types = []
    template = "kyanh_cms/news/news_article_page.html"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def save(self, *args, **kwargs):
        # Partial saves (a draft revision of a live article) leave the live row's
        # date and search text alone: they describe what visitors can read.
        if kwargs.get("update_fields") is None:
            # A scheduled article carries the moment it goes live as its date.
            if self.go_live_at and self.published_at and self.published_at < self.go_live_at:
                self.published_at = self.go_live_at
            self.search_text = self.build_search_text()
        return super().save(*args, **kwargs)

    def build_search_text(self):
        """Title, lead, body text and tag names, folded for accent-insensitive search."""
        body_field = self._meta.get_field("body")
        parts = [self.title, self.lead, self.byline]
        parts += [str(text) for text in body_field.get_searchable_content(self.body)]
        parts += [tag.name for tag in self.tags.all()]
        return fold_vietnamese(" ".join(part for part in parts if part))

    @cached_property
    def category(self):
        ancestors = page_ancestors(self)
        return ancestors[-1] if ancestors else None

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @property
    def main_image_alt(self):
        return image_alt(self.main_image, self.main_image_alt_text, self.main_image_decorative)

    @property
    def download_path(self):
        """Where the self-contained copy is, relative to the article's URL."""
        return self.reverse_subpage("download")

    def related_articles(self, limit=RELATED_COUNT, saved_links=True):
        """Editor-chosen articles first (in their order), then ones sharing the most tags,
        then the category's newest — all from this article's own site.

        Three small queries an index serves (the links; the tagged items of this
        article's tags; the category's newest), each bounded, then one for the
        chosen few: at 50,000 articles an OR over every article and every tag
        took a quarter of a second. A preview passes ``saved_links=False`` to use
        the links being edited instead.
        """
        if saved_links:
            chosen_ids = list(
                NewsArticleRelatedLink.objects.filter(page_id=self.pk)
                .order_by("sort_order", "pk")
                .values_list("article_id", flat=True)
            )
        else:
            chosen_ids = [link.article_id for link in self.related_links.all() if link.article_id]
        site_root = site_root_path(self.path)
        visible = NewsArticlePage.objects.visible().filter(path__startswith=site_root)
        tag_ids = [tag.pk for tag in self.tag_list]
        by_tags = []
        if tag_ids:
            by_tags = list(
                NewsArticleTag.objects.filter(
                    tag_id__in=tag_ids,
                    content_object__in=visible.exclude(pk=self.pk).values("pk"),
                )
                .values("content_object_id")
                .annotate(shared=Count("tag_id"), newest=Max("content_object__published_at"))
                .order_by("-shared", "-newest", "-content_object_id")
                .values_list("content_object_id", flat=True)[:limit]
            )
        same_category = list(
            visible.child_of_path(self.path[: -self.steplen])
            .exclude(pk=self.pk)
            .newest_first()
            .values_list("pk", flat=True)[:limit]
        )
        wanted = list(dict.fromkeys([*chosen_ids, *by_tags, *same_category]))
        found = visible.exclude(pk=self.pk).filter(pk__in=wanted).for_listing().in_bulk()
        return [found[pk] for pk in wanted if pk in found][:limit]

    def cached_related_articles(self):
        """``related_articles()``, whose ranking query (a scan of the visible articles
        sharing a tag or the category) runs once until pages change; each view
        then costs one query by primary key."""
        ids = cached(
            "related-articles",
            (self.pk,),
            lambda: [a.pk for a in self.related_articles()],
            scope=scope_of_page(self),
        )
        if not ids:
            return []
        found = NewsArticlePage.objects.visible().filter(pk__in=ids).for_listing().in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: only drawn inside cached fragments, so a warm page computes neither.
        if getattr(request, "is_preview", False):
            context["related_articles"] = lazy_context(
                lambda: self.related_articles(saved_links=False)
            )
        else:
            context["related_articles"] = lazy_context(self.cached_related_articles)
        context["seo"] = lazy_context(lambda: article_seo(self, request))
        return context

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for entry in urls:
            entry["lastmod"] = self.last_published_at or self.published_at
        return urls

    @path("tai-ve/", name="download")
    def download(self, request):
        """The article as one self-contained HTML file, for readers to keep (archive)."""
        return article_archive_response(self, request)


class NewsArticleRelatedLink(Orderable):
    """An article the editor chose to show under another one."""

    page = ParentalKey(NewsArticlePage, related_name="related_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        NewsArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("An article readers of this one will want next."),
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
