"""Reader engagement: star ratings and reader comments under any Wagtail page.

Both hang off ``wagtailcore.Page`` rather than one page type, so any page
that says it accepts them (``ratings_enabled`` / ``comments_enabled``, see
``kyanh_cms.engagement.policy``) gets them.

Ratings are stored twice on purpose: one ``Rating`` row per (page, voter),
whose unique constraint makes "one vote per visitor" a database fact, and one
``RatingSummary`` row per page holding the count and the sum of stars,
updated with ``F()`` in the same transaction as the vote. Pages read the
summary (one row) instead of aggregating every vote on each view.

Reader comments are held for moderation: only ``approved`` ones are ever
shown to visitors. Wagtail already has a ``Comment`` model (editors' notes
in the admin), hence the name ``ReaderComment``.
"""

from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page

from kyanh_cms.caching.signals import content_changed_now_and_after_commit, sites_of_pages
from kyanh_cms.engagement.audit import log_status_change

MIN_STARS = 1
MAX_STARS = 5


class RatingSummary(models.Model):
    """The running count and sum of a page's star ratings."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
    )
    count = models.PositiveIntegerField(_("number of ratings"), default=0)
    total = models.PositiveIntegerField(_("sum of stars"), default=0)

    #: A vote changes no cached page: the rating summary is read live (``caching.signals``).
    changes_public_content = False

    class Meta:
        verbose_name = _("rating summary")
        verbose_name_plural = _("rating summaries")

    def __str__(self):
        return f"{self.page_id}: {self.count}"

    @property
    def average(self) -> float:
        return self.total / self.count if self.count else 0.0


class Rating(models.Model):
    """One visitor's vote on one page; the visitor is known by a hashed cookie."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    voter = models.CharField(
        _("voter"),
        max_length=64,
        help_text=_("A hash of the visitor's rating cookie; never the address."),
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"),
        validators=[MinValueValidator(MIN_STARS), MaxValueValidator(MAX_STARS)],
    )
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    #: A vote changes no cached page: the rating summary is read live (``caching.signals``).
    changes_public_content = False

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["page", "voter"], name="kyanh_rating_one_per_voter"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS),
                name="kyanh_rating_stars_range",
            ),
        ]

    def __str__(self):
        return f"{self.page_id}: {self.stars}"


class ReaderCommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReaderComment.Status.APPROVED)

    def pending(self):
        return self.filter(status=ReaderComment.Status.PENDING)

    def public_for_page(self, page):
        """What visitors may read under a page: approved comments, oldest first, with only
        the columns the list draws (not the address, email, agent or moderation)."""
        return (
            self.approved()
            .filter(page=page)
            .order_by("created_at", "pk")
            .only("pk", "name", "content", "reply", "created_at")
        )

    def moderate(self, status, user):
        """Give every comment in the queryset a moderation status; returns how many changed.

        An update sends no signal, so this is where pages showing the comments are
        told (the content generation moves on, now and after the commit), and where
        each decision goes to the audit log, on the comment's page.
        """
        with transaction.atomic():
            changing = list(
                self.exclude(status=status)
                .select_for_update()
                .only("pk", "page_id", "name", "content")
            )
            pages = list(Page.objects.filter(pk__in={c.page_id for c in changing}).only("path"))
            changed = ReaderComment.objects.filter(pk__in=[c.pk for c in changing]).update(
                status=status, moderated_at=timezone.now(), moderated_by=user
            )
            log_status_change(changing, status, user)
        if changed:
            content_changed_now_and_after_commit(sites_of_pages(pages))
        return changed


class ReaderComment(models.Model):
    """A visitor's comment on a page, shown only once a moderator approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SPAM = "spam", _("spam")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    name = models.CharField(
        pgettext_lazy("person", "name"), max_length=80, help_text=_("Shown with the comment.")
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Given by the reader so the editors can answer; never shown on the site."),
    )
    content = models.TextField(
        _("comment"), help_text=_("Plain text, shown exactly as the reader wrote it.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text=_("Only approved comments are shown to readers."),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(
        _("client address"),
        null=True,
        blank=True,
        help_text=_("Where the comment came from, as seen through the trusted proxies."),
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField(
        _("editorial reply"),
        blank=True,
        help_text=_(
            'Shown under the comment as "Ban biên tập trả lời" once the comment is approved.'
        ),
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    objects = ReaderCommentQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("page", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("content", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("ip_address", read_only=True),
            ],
            heading=_("Reader's comment"),
        ),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]

    #: A reader's new comment waits for moderation: no page shows it yet; a
    #: moderator's decision or edit shows at once on the sites that show its page
    #: (``content_page``, ``caching.signals``).
    changes_public_content = staticmethod(lambda comment, created: comment.is_public or not created)

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["page", "status", "created_at"], name="kyanh_comment_page_status"),
        ]
        permissions = [("can_moderate", _("Can moderate reader comments"))]

    def __str__(self):
        return f"{self.name}: {Truncator(self.content).chars(60)}"

    @property
    def content_page(self):
        return self.page

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @admin.display(description=_("comment"))
    def excerpt(self):
        return Truncator(self.content).chars(90)


class EngagementSettings(BaseSiteSetting):
    """Per-site switches for reader engagement, changed by editors under Settings."""

    comments_enabled = models.BooleanField(
        _("accept reader comments"),
        default=True,
        help_text=_(
            "Untick to hide reader comments and close the comment form on every page of this site."
        ),
    )
    notification_email = models.EmailField(
        _("notify this address of new comments"),
        blank=True,
        help_text=_(
            "An email goes here when a reader sends a comment that waits for moderation. "
            "Leave empty for no emails."
        ),
    )

    panels = [FieldPanel("comments_enabled"), FieldPanel("notification_email")]

    class Meta:
        verbose_name = _("reader engagement")
        verbose_name_plural = _("reader engagement")
