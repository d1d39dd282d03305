"""Model showcases: collective models and individual exemplars that organizations register."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from kyanh_cms.caching.fragments import lazy_parts
from kyanh_cms.caching.sites import scope_of_page, site_root_path
from kyanh_cms.core.alt_text import AltTextPageForm, alt_text_field, decorative_field, image_alt
from kyanh_cms.core.streams import Composition
from kyanh_cms.core.years import MAX_YEAR, MIN_YEAR
from kyanh_cms.portal.public import (
    PortalPageMixin,
    VietnameseSlugMixin,
    vietnamese_promote_panels,
)
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus
from kyanh_cms.showcases.forms import ShowcaseFilterForm
from kyanh_cms.showcases.organizations import Organization


@dataclass
class RegistrationStatistics:
    """A year's registrations: who registered, how many showcases, of which kind and status."""

    year: int
    showcase_count: int = 0
    by_kind: dict = field(default_factory=dict)
    by_status: dict = field(default_factory=dict)
    registered_organizations: list = field(default_factory=list)
    organizations_without: list = field(default_factory=list)

    @classmethod
    def from_counts(cls, year, counts, organizations=None):
        """Figures of ``year`` from ``ShowcaseQuerySet.registration_counts()`` rows.

        Organizations counted are the active ones plus any inactive one that
        registered in that year, so a year's figure does not change when an
        organization is later merged or dissolved. Pass ``organizations``
        (all of them, already fetched) to spare the query.
        """
        stats = cls(year=year)
        per_organization = {}
        for row in counts:
            if row["year"] != year:
                continue
            n = row["n"]
            stats.showcase_count += n
            stats.by_kind[row["kind"]] = stats.by_kind.get(row["kind"], 0) + n
            stats.by_status[row["status"]] = stats.by_status.get(row["status"], 0) + n
            organization_id = row["organization"]
            per_organization[organization_id] = per_organization.get(organization_id, 0) + n
        if organizations is None:
            organizations = Organization.objects.filter(
                Q(active=True) | Q(pk__in=list(per_organization))
            )
        for organization in organizations:
            if not (organization.active or organization.pk in per_organization):
                continue
            organization.showcase_count = per_organization.get(organization.pk, 0)
            if organization.showcase_count:
                stats.registered_organizations.append(organization)
            else:
                stats.organizations_without.append(organization)
        return stats

    @property
    def registered_count(self):
        return len(self.registered_organizations)

    @property
    def organization_count(self):
        return len(self.registered_organizations) + len(self.organizations_without)

    @property
    def kind_rows(self):
        """``(label, count)`` for every kind, in the order of ``ShowcaseKind``."""
        return [(kind.label, self.by_kind.get(kind.value, 0)) for kind in ShowcaseKind]

    @property
    def status_rows(self):
        return [(status.label, self.by_status.get(status.value, 0)) for status in ShowcaseStatus]


#: The rendition a showcase card draws (``kyanh_cms/showcases/showcase_card.html``): the only one
#: lists prefetch, as Wagtail trusts prefetched renditions and would create any other anew.
CARD_IMAGE_SPEC = "fill-480x300"


class ShowcaseQuerySet(PageQuerySet):
    def for_listing(self):
        """What a card needs (organization, picture, its rendition) in two queries at most;
        the story (``body``), which a card never shows, stays in the database."""
        renditions = (
            get_image_model()
            .get_rendition_model()
            .objects.filter(filter_spec__in=[CARD_IMAGE_SPEC])
        )
        return (
            self.defer("body")
            .select_related("organization", "main_image")
            .prefetch_related(Prefetch("main_image__renditions", queryset=renditions))
        )

    def registration_counts(self):
        """Showcase counts per year, organization, kind and status, in one query."""
        return list(
            self.order_by().values("year", "organization", "kind", "status").annotate(n=Count("pk"))
        )

    def registration_statistics(self, year, organizations=None) -> RegistrationStatistics:
        """The registration figures of ``year`` for the showcases in this queryset (two queries)."""
        counts = self.filter(year=year).registration_counts()
        return RegistrationStatistics.from_counts(year, counts, organizations)


ShowcaseManager = PageManager.from_queryset(ShowcaseQuerySet)


#: ``ShowcaseFilterForm.cleaned_filters()`` lookups and their ``registration_counts()`` keys.
_COUNT_KEYS = {"organization_id": "organization"}


def matching_count(counts, filters):
    """How many showcases ``filters`` (year, organization_id, kind, status) select, from
    ``ShowcaseQuerySet.registration_counts()`` rows of the same showcases."""
    return sum(
        row["n"]
        for row in counts
        if all(row[_COUNT_KEYS.get(lookup, lookup)] == value for lookup, value in filters.items())
    )


def site_id_of(page):
    """The id of the site ``page`` belongs to, or ``None`` outside every site."""
    scope = scope_of_page(page)
    return scope if isinstance(scope, int) else None


def site_statistics(page, year):
    """The registration figures of ``year`` on the site of ``page`` (every site's when
    there is no page, as in the block's admin preview): its showcases and organizations."""
    showcases = ShowcasePage.objects.live()
    organizations = None
    if page is not None and page.path:
        showcases = showcases.filter(path__startswith=site_root_path(page.path))
        organizations = list(Organization.objects.for_site(site_id_of(page)))
    return showcases.registration_statistics(year, organizations)


class ShowcaseIndexPage(PortalPageMixin, VietnameseSlugMixin, Page):
    """Lists showcase pages, with filters and the year's registration figures."""

    intro = StreamField(
        Composition("showcase_body"),
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("Shown above the list: the movement, this year's figures, related plans."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("showcases per page"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How many showcases one page of the list shows."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    promote_panels = vietnamese_promote_panels()
    subpage_types = ["kyanh_cms.ShowcasePage"]
    template = "kyanh_cms/showcases/showcase_index_page.html"

    class Meta:
        verbose_name = _("showcase index")
        verbose_name_plural = _("showcase indexes")

    def showcases(self):
        return ShowcasePage.objects.live().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def index():
            showcases = self.showcases()
            counts = showcases.registration_counts()
            years = sorted({row["year"] for row in counts}, reverse=True)
            organizations = list(Organization.objects.for_site(site_id_of(self)))
            form = ShowcaseFilterForm(request.GET or None, years=years, organizations=organizations)
            filters = form.cleaned_filters()
            stats_year = filters.get("year") or (years[0] if years else None)
            listing = (
                showcases.filter(**filters).for_listing().order_by("organization__order", "title")
            )
            paginator = Paginator(listing, self.per_page)
            # The counts above already say how many showcases match: no COUNT(*) query.
            paginator.count = matching_count(counts, filters)
            return {
                "filter_form": form,
                "showcase_page": paginator.get_page(request.GET.get("page")),
                "statistics": (
                    RegistrationStatistics.from_counts(stats_year, counts, organizations)
                    if stats_year
                    else None
                ),
            }

        # Lazy: the index is a cached fragment per query string (registrations change
        # when an organization or showcase is saved or published), so a warm page
        # computes none of it.
        context.update(lazy_parts(index, "filter_form", "showcase_page", "statistics"))
        return context


class ShowcasePage(PortalPageMixin, VietnameseSlugMixin, Page):
    """A collective model or individual exemplar registered by an organization for a year."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ShowcaseKind.choices,
        default=ShowcaseKind.COLLECTIVE,
        help_text=_("A collective model (mô hình) or an individual exemplar (điển hình)."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="showcases",
        help_text=_("The party base organization or unit that registered it."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("The year it was registered for."),
    )
    person_name = models.CharField(
        _("person's name"),
        max_length=150,
        blank=True,
        help_text=_("For an individual exemplar: who carries it."),
    )
    person_position = models.CharField(
        _("person's position"),
        max_length=200,
        blank=True,
        help_text=_("For an individual exemplar: their position or job."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ShowcaseStatus.choices,
        default=ShowcaseStatus.REGISTERED,
        help_text=_("Where it stands this year."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three sentences shown on cards and in lists."),
    )
    main_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and at the top of the page."),
    )
    main_image_alt_text = alt_text_field()
    main_image_decorative = decorative_field()
    body = StreamField(
        Composition("showcase_body"),
        verbose_name=_("story"),
        blank=True,
        help_text=_("How it is carried out and what it achieved."),
    )

    objects = ShowcaseManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("year"), FieldPanel("status")]),
                FieldPanel("organization"),
                FieldRowPanel([FieldPanel("person_name"), FieldPanel("person_position")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("main_image_alt_text"),
                FieldPanel("main_image_decorative"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading=_("Images"), label=_("image")),
        InlinePanel("evidence_documents", heading=_("Evidence documents"), label=_("document")),
    ]
    promote_panels = vietnamese_promote_panels()

    base_form_class = AltTextPageForm
    image_alt_fields = [("main_image", "main_image_alt_text", "main_image_decorative")]
    image_alt_formsets = {"gallery_images": ("image", "alt_text", "decorative")}

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("person_name"),
        index.SearchField("body"),
        index.FilterField("year"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]

    parent_page_types = ["kyanh_cms.ShowcaseIndexPage"]
    subpage_types = []
    template = "kyanh_cms/showcases/showcase_page.html"

    class Meta:
        verbose_name = _("showcase")
        verbose_name_plural = _("showcases")

    def clean(self):
        super().clean()
        if self.kind == ShowcaseKind.INDIVIDUAL and not self.person_name.strip():
            raise ValidationError(
                {"person_name": _("An individual exemplar needs the person's name.")}
            )

    @cached_property
    def gallery(self):
        return list(self.gallery_images.select_related("image"))

    @property
    def main_image_alt(self):
        return image_alt(self.main_image, self.main_image_alt_text, self.main_image_decorative)

    @cached_property
    def evidence(self):
        return list(self.evidence_documents.select_related("document"))


class ShowcaseGalleryImage(Orderable):
    page = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A photo of the model or exemplar at work."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=250,
        blank=True,
        help_text=_("Shown under the photo."),
    )
    alt_text = alt_text_field()
    decorative = decorative_field()

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("decorative"),
        FieldPanel("caption"),
    ]

    @property
    def image_alt(self):
        return image_alt(self.image, self.alt_text, self.decorative)


class ShowcaseEvidenceDocument(Orderable):
    page = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="evidence_documents")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A registration form, report or decision of commendation."),
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("Shown as the link text; the document's title is used when empty."),
    )

    panels = [FieldPanel("document"), FieldPanel("description")]
