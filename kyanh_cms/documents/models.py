"""The library of legal and direction documents (Decree 42/2022/NĐ-CP).

A commune's library page (``DocumentLibraryPage``) holds its documents
(``LegalDocumentPage``): pages, so each has an address, revisions,
moderation and scheduled publishing. The kinds, issuing bodies and fields
are snippets shared by the library's filters; issuing bodies may belong to
one commune site or be shared (higher levels). A document's status is never
stored: it follows from its dates and from the documents that replace or
amend it (``status.py``). Drafts take visitors' opinions (``opinions.py``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kyanh_cms.core.richtext import ARTICLE_TEXT_FEATURES
from kyanh_cms.documents.choices import (
    INVERSE_LABELS,
    DocumentStatus,
    IssuerLevel,
    RelationKind,
)
from kyanh_cms.documents.numbers import (
    normalize_number_symbol,
    number_key,
    search_text,
    validate_number_symbol,
)
from kyanh_cms.documents.status import DocumentManager, document_status
from kyanh_cms.portal.public import (
    PortalPageMixin,
    VietnameseSlugMixin,
    vietnamese_promote_panels,
)

#: Where citizens comment on draft legal documents nationally (configurable per library).
DEFAULT_FEEDBACK_URL = "https://vbpl.vn"


class DocumentKind(models.Model):
    """A kind of document ("Quyết định", abbreviated "QĐ"): an editable list."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("“Quyết định”."))
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("As in symbols: “QĐ”.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first in the filter.")
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("abbreviation"), FieldPanel("order")])]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("document kind")
        verbose_name_plural = _("document kinds")

    def __str__(self):
        return self.name


class IssuerQuerySet(models.QuerySet):
    def for_site(self, site_id):
        """A site's own bodies and the shared ones (``site_id`` None: all of them)."""
        if site_id is None:
            return self
        return self.filter(models.Q(site__isnull=True) | models.Q(site_id=site_id))


class IssuingBody(models.Model):
    """Who issued a document: the commune's own bodies ("UBND xã Kỳ Hoa") or a higher
    level ("UBND tỉnh Hà Tĩnh", "Chính phủ"). A body of one commune belongs to that
    commune's site; higher levels are shared by every site."""

    name = models.CharField(_("name"), max_length=200, help_text=_("“Ủy ban nhân dân xã Kỳ Hoa”."))
    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, blank=True, help_text=_("As in symbols: “UBND”.")
    )
    level = models.CharField(
        _("level"), max_length=20, choices=IssuerLevel.choices, default=IssuerLevel.COMMUNE
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The commune site this body belongs to; empty for bodies every site shares."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IssuerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("abbreviation"), FieldPanel("level"), FieldPanel("order")]),
        FieldPanel("site"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self):
        return self.name


class DocumentField(models.Model):
    """A field of state management ("lĩnh vực": land, education, health…)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("order")])]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name


class DocumentLibraryPage(PortalPageMixin, VietnameseSlugMixin, RoutablePageMixin, Page):
    """The public library: the filterable table, its RSS feed and its spreadsheet."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown above the table.")
    )
    feedback_url = models.URLField(
        _("national feedback system"),
        default=DEFAULT_FEEDBACK_URL,
        blank=True,
        help_text=_(
            "The national system where citizens comment on legal documents; linked on every "
            "document and draft of this library. Empty: no link."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("feedback_url")]
    promote_panels = vietnamese_promote_panels()
    subpage_types = ["kyanh_cms.LegalDocumentPage"]
    template = "kyanh_cms/documents/document_library_page.html"

    class Meta:
        verbose_name = _("document library")
        verbose_name_plural = _("document libraries")

    def get_context(self, request, *args, **kwargs):
        from kyanh_cms.documents.listing import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(self, request))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("rss/")
    def rss(self, request):
        from kyanh_cms.documents.feeds import DocumentFeed

        return DocumentFeed()(request, library=self)

    @path("xuat/")
    def export(self, request):
        from kyanh_cms.documents.exporting import export_response

        return export_response(self, request)


class LegalDocumentForm(WagtailAdminPageForm):
    """Refuses a number and symbol the library already has from the same issuer in the
    same year ("unique per issuer and year"), with the other document's title."""

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number_symbol")
        issuer = cleaned.get("issuer")
        issued = cleaned.get("issue_date")
        library = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if number and issuer and issued and library is not None:
            other = LegalDocumentPage.duplicate_in(library, number, issuer, issued.year)
            other = other.exclude(pk=self.instance.pk).first()
            if other is not None:
                self.add_error(
                    "number_symbol",
                    _("“%(number)s” of this issuer in %(year)s is already “%(title)s”.")
                    % {"number": number, "year": issued.year, "title": other.title},
                )
        opens, closes = cleaned.get("consultation_opens"), cleaned.get("consultation_closes")
        if cleaned.get("is_draft") and not (opens and closes):
            self.add_error(
                "consultation_closes",
                _("A draft for comment needs the start and end of its consultation."),
            )
        if opens and closes and closes <= opens:
            self.add_error("consultation_closes", _("The consultation must end after it starts."))
        return cleaned


class LegalDocumentPage(PortalPageMixin, VietnameseSlugMixin, Page):
    """One document of the library, or a draft open for citizens' opinions.

    ``search_text`` holds the folded number, symbol, kind, issuer, signer, title
    and abstract (rebuilt on every save) for the accent-insensitive search;
    ``number_key`` is the folded number that must be unique per issuer and year.
    """

    kind = models.ForeignKey(
        DocumentKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="documents"
    )
    number_symbol = models.CharField(
        _("number and symbol"),
        max_length=60,
        validators=[validate_number_symbol],
        help_text=_("As on the document: “125/QĐ-UBND”."),
    )
    issuer = models.ForeignKey(
        IssuingBody,
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    field = models.ForeignKey(
        DocumentField,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    signer = models.CharField(_("signed by"), max_length=100, blank=True)
    signer_position = models.CharField(
        _("signer's position"), max_length=100, blank=True, help_text=_("“Chủ tịch”.")
    )
    issue_date = models.DateField(_("issue date"), default=datetime.date.today)
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("Empty: in force from the issue date."),
    )
    expiry_date = models.DateField(
        _("expiry date"),
        null=True,
        blank=True,
        help_text=_("The last day it is in force, if it has one."),
    )
    abstract = models.TextField(_("abstract"), help_text=_("The “trích yếu”: what it is about."))
    full_text = RichTextField(
        _("full text"), blank=True, features=ARTICLE_TEXT_FEATURES, help_text=_("Optional.")
    )
    is_draft = models.BooleanField(
        _("draft for comment"),
        default=False,
        help_text=_("A draft published for citizens' opinions during its consultation."),
    )
    consultation_opens = models.DateTimeField(_("consultation opens"), null=True, blank=True)
    consultation_closes = models.DateTimeField(_("consultation closes"), null=True, blank=True)
    consultation_summary = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("summary of the opinions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("How the opinions were taken up, once the consultation is over."),
    )
    issue_year = models.PositiveSmallIntegerField(editable=False, db_index=True, default=0)
    number_key = models.CharField(max_length=80, editable=False, default="", db_index=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = DocumentManager()

    base_form_class = LegalDocumentForm
    parent_page_types = ["kyanh_cms.DocumentLibraryPage"]
    subpage_types = []
    template = "kyanh_cms/documents/legal_document_page.html"
    listed_by_ancestors = True

    search_fields = Page.search_fields + [
        index.SearchField("number_symbol"),
        index.SearchField("abstract"),
        index.FilterField("issue_date"),
    ]

    content_panels = [
        FieldPanel("title", help_text=_("Shown as the page heading; often the kind and number.")),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number_symbol")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("field")]),
        FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_position")]),
        FieldRowPanel(
            [FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]
        ),
        FieldPanel("abstract"),
        InlinePanel("attachments", heading=_("Files"), label=_("file")),
        InlinePanel("relations", heading=_("Related documents"), label=_("relation")),
        FieldPanel("full_text"),
        MultiFieldPanel(
            [
                FieldPanel("is_draft"),
                FieldRowPanel(
                    [FieldPanel("consultation_opens"), FieldPanel("consultation_closes")]
                ),
                FieldPanel("consultation_summary"),
            ],
            heading=_("Draft for comment"),
        ),
    ]
    promote_panels = vietnamese_promote_panels()

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        indexes = [models.Index(fields=["issue_date", "page_ptr"], name="kyanh_doc_issue_idx")]

    def clean(self):
        super().clean()
        if self.number_symbol:
            self.number_symbol = normalize_number_symbol(self.number_symbol)
        start = self.effective_date or self.issue_date
        if self.expiry_date and start and self.expiry_date < start:
            raise ValidationError(
                {"expiry_date": _("The expiry date cannot come before the document is in force.")}
            )

    def save(self, *args, **kwargs):
        self.number_symbol = normalize_number_symbol(self.number_symbol)
        self.number_key = number_key(self.number_symbol)
        self.issue_year = self.issue_date.year if self.issue_date else 0
        self.search_text = self.build_search_text()
        return super().save(*args, **kwargs)

    def build_search_text(self):
        kind = DocumentKind.objects.filter(pk=self.kind_id).first() if self.kind_id else None
        issuer = IssuingBody.objects.filter(pk=self.issuer_id).first() if self.issuer_id else None
        return search_text(
            self.number_symbol,
            kind and kind.name,
            issuer and issuer.name,
            self.signer,
            self.title,
            self.abstract,
        )

    @classmethod
    def duplicate_in(cls, library, number, issuer, year):
        """Documents of ``library`` with the same number, issuer and year."""
        return cls.objects.descendant_of(library).filter(
            number_key=number_key(normalize_number_symbol(number)), issuer=issuer, issue_year=year
        )

    # --- what the page shows -------------------------------------------------------

    @cached_property
    def library(self):
        return self.get_parent().specific

    @cached_property
    def related(self):
        """``[(label, document)]``: what this one replaces, amends or guides, and the live
        documents that do so to it, each said from this document's side."""
        rows = []
        for relation in self.relations.select_related("target").filter(target__live=True):
            rows.append((RelationKind(relation.kind).label, relation.target))
        incoming = DocumentRelation.objects.filter(target=self, document__live=True)
        for relation in incoming.select_related("document"):
            rows.append((INVERSE_LABELS[RelationKind(relation.kind)], relation.document))
        return rows

    @cached_property
    def status(self):
        incoming = set(
            DocumentRelation.objects.filter(target=self, document__live=True).values_list(
                "kind", flat=True
            )
        )
        return document_status(
            self,
            replaced=RelationKind.REPLACES in incoming,
            amended=RelationKind.AMENDS in incoming,
        )

    @property
    def status_label(self):
        return DocumentStatus(self.status).label

    def consultation_state(self, now=None):
        """``"open"``, ``"upcoming"``, ``"closed"`` or ``None`` (not a draft)."""
        if not self.is_draft or not self.consultation_opens or not self.consultation_closes:
            return None
        now = now or timezone.now()
        if now < self.consultation_opens:
            return "upcoming"
        if now >= self.consultation_closes:
            return "closed"
        return "open"

    def public_opinions(self):
        """Approved opinions, with names only (contacts never leave the admin)."""
        return list(
            self.opinions.filter(status=OpinionStatus.APPROVED)
            .only("name", "content", "submitted_at")
            .order_by("submitted_at")
        )

    def get_context(self, request, *args, **kwargs):
        from kyanh_cms.caching.fragments import lazy_context
        from kyanh_cms.documents.seo import document_json_ld

        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        context["json_ld"] = lazy_context(lambda: document_json_ld(self, request))
        return context


class DocumentAttachment(Orderable):
    """A file of a document (the signed scan, annexes), from the site's collection."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(
        _("caption"), max_length=200, blank=True, help_text=_("Empty: the file's title.")
    )

    panels = [FieldPanel("file"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def label(self):
        return self.caption or self.file.title

    @property
    def is_pdf(self):
        return self.file.file_extension.lower() == "pdf"


class DocumentRelation(Orderable):
    """This document replaces, amends or guides ``target``; both pages show it."""

    document = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("target")])]

    class Meta(Orderable.Meta):
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        indexes = [models.Index(fields=["target", "kind"], name="kyanh_doc_relation_idx")]

    def clean(self):
        super().clean()
        if self.target_id and self.target_id == self.document_id:
            raise ValidationError({"target": _("A document cannot relate to itself.")})


class OpinionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    APPROVED = "approved", _("shown on the draft")
    REJECTED = "rejected", _("not shown")


def _opinion_changes_public_content(opinion, created):
    # A new opinion waits for moderation: no page changes until an editor shows it.
    return not created


class DocumentOpinion(models.Model):
    """A visitor's opinion on a draft, sent during its consultation.

    Moderated: only approved opinions are shown on the draft, and only with the
    name; the contact is for the drafting body (and the export) alone.
    """

    document = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("draft"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    name = models.CharField(_("name"), max_length=100)
    contact = models.CharField(_("contact"), max_length=150)
    content = models.TextField(_("opinion"))
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("moderation"),
        max_length=20,
        choices=OpinionStatus.choices,
        default=OpinionStatus.PENDING,
    )

    changes_public_content = _opinion_changes_public_content

    panels = [
        FieldPanel("document", read_only=True),
        FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("contact", read_only=True)]),
        FieldPanel("content", read_only=True),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("opinion on a draft")
        verbose_name_plural = _("opinions on drafts")

    def __str__(self):
        return f"{self.name} – {self.document.title}"

    @property
    def content_page(self):
        return self.document
