"""The leaders' weekly work schedule ("Lịch công tác tuần").

A commune's schedule is one page (``WorkSchedulePage``) under its home page; the
entries (``ScheduleEntry``) point at it, so an entry belongs to the site of its page:
visitors of one commune never see another's, and a commune's editors reach only the
entries of schedule pages inside their commune scope (``viewsets.py``).

Entries are not part of the page's revisions: they are many, edited a week at a
time, and each has a state of its own (draft, published, changed, postponed). Once
an entry has been published, every later change is recorded in a ``ScheduleChange``
with the reason the editor gave; visitors see the latest one as "Điều chỉnh" or
"Hoãn" beside the entry.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.documents import get_document_model_string
from wagtail.models import Page

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.core.text import fold_vietnamese, nfc
from kyanh_cms.portal.public import (
    PortalPageMixin,
    PortalSettings,
    VietnameseSlugMixin,
    vietnamese_promote_panels,
)
from kyanh_cms.schedules.choices import (
    VISIBLE_STATES,
    Bloc,
    ChangeKind,
    EntryState,
    Session,
)
from kyanh_cms.schedules.feeds import ScheduleChangesFeed
from kyanh_cms.schedules.views import docx_week, ical_feed, print_week, week_context

#: Where an entry given only a session sorts among entries with a start time.
SESSION_STARTS = {
    Session.MORNING: datetime.time(7, 30),
    Session.AFTERNOON: datetime.time(13, 30),
    Session.EVENING: datetime.time(19, 0),
}


def session_of(time):
    if time < datetime.time(12, 0):
        return Session.MORNING
    if time < datetime.time(18, 0):
        return Session.AFTERNOON
    return Session.EVENING


class ScheduleEntryQuerySet(models.QuerySet):
    def visible(self):
        """What visitors see: published, changed and postponed entries (not drafts)."""
        return self.filter(state__in=VISIBLE_STATES)

    def in_week(self, week):
        return self.filter(date__range=(week.monday, week.sunday))

    def matching(self, words):
        """Entries whose content, chair, participants, place or preparing unit hold
        ``words``, with or without accents, in any case."""
        folded = fold_vietnamese(words)
        return self.filter(search_text__contains=folded) if folded else self

    def for_display(self):
        """With attachments and their change history: three queries for a whole week."""
        return (
            self.select_related("attachment")
            .prefetch_related(
                models.Prefetch("changes", queryset=ScheduleChange.objects.order_by("-created_at"))
            )
            .order_by("date", "sort_time", "pk")
        )


class ScheduleEntry(models.Model):
    """One item of the week: when, what, who chairs, who attends, where, for which bloc."""

    schedule = models.ForeignKey(
        "kyanh_cms.WorkSchedulePage",
        verbose_name=_("schedule"),
        on_delete=models.CASCADE,
        related_name="entries",
        help_text=_("The schedule page of the commune this entry belongs to."),
    )
    date = models.DateField(_("date"))
    session = models.CharField(
        _("session"),
        max_length=10,
        choices=Session.choices,
        blank=True,
        help_text=_("Morning, afternoon or evening; may be left empty when a start time is given."),
    )
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("For example 07:30.")
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Optional; after the start time.")
    )
    content = models.TextField(
        _("content"), help_text=_("What the meeting or work is, as it should appear in the table.")
    )
    chair = models.CharField(
        _("chaired by"),
        max_length=255,
        blank=True,
        help_text=_("The leader who chairs, for example “Đ/c Nguyễn Văn A – Bí thư Đảng ủy”."),
    )
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Who attends or is invited.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    preparing_unit = models.CharField(
        _("preparing unit"),
        max_length=255,
        blank=True,
        help_text=_("The office that prepares the content and the documents."),
    )
    bloc = models.CharField(_("bloc"), max_length=10, choices=Bloc.choices, default=Bloc.COMMITTEE)
    attachment = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("invitation or attachment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The invitation or the meeting documents, offered for download."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=EntryState.choices,
        default=EntryState.DRAFT,
        help_text=_(
            "Drafts are not shown. Once published, any change asks for a reason and is "
            "shown to visitors as a change."
        ),
    )
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    #: Start time, or the usual start of the session: what the day is sorted by.
    sort_time = models.TimeField(editable=False, default=datetime.time(7, 30))
    #: Content, chair, participants, place and unit folded (``fold_vietnamese``): the
    #: accent-insensitive search matches against it on SQLite and PostgreSQL alike.
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ScheduleEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "sort_time", "pk"]
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")
        indexes = [
            models.Index(fields=["schedule", "date"], name="kyanh_sched_page_date"),
            models.Index(fields=["schedule", "state"], name="kyanh_sched_page_state"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.content[:60]}"

    def save(self, *args, **kwargs):
        for name in ("content", "chair", "participants", "place", "preparing_unit"):
            setattr(self, name, nfc(getattr(self, name) or "").strip())
        if self.start_time is not None and not self.session:
            self.session = session_of(self.start_time)
        self.sort_time = self.start_time or SESSION_STARTS.get(self.session, datetime.time(7, 30))
        self.search_text = fold_vietnamese(
            " ".join([self.content, self.chair, self.participants, self.place, self.preparing_unit])
        )
        if self.state != EntryState.DRAFT and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if not self.session and self.start_time is None:
            errors["session"] = _("Choose the session or give a start time.")
        if self.end_time is not None:
            if self.start_time is None:
                errors["end_time"] = _("An end time needs a start time.")
            elif self.end_time <= self.start_time:
                errors["end_time"] = _("The end time must be after the start time.")
        if errors:
            raise ValidationError(errors)

    @property
    def content_page(self):
        """The caching wing moves the generation of this page's sites on a save."""
        return self.schedule if self.schedule_id else None

    @staticmethod
    def changes_public_content(instance, created):
        # A draft nobody has seen changes nothing public.
        return instance.state != EntryState.DRAFT or instance.published_at is not None

    @property
    def time_label(self):
        """``"07:30 – 11:00"``, ``"14:00"`` or ``"Sáng"``."""
        if self.start_time is not None:
            start = self.start_time.strftime("%H:%M")
            return f"{start} – {self.end_time:%H:%M}" if self.end_time else start
        return self.get_session_display().capitalize()

    @property
    def is_changed(self):
        return self.state == EntryState.CHANGED

    @property
    def is_cancelled(self):
        return self.state == EntryState.CANCELLED

    @property
    def latest_change(self):
        """The newest recorded change (prefetched by ``for_display``), or ``None``."""
        changes = list(self.changes.all())
        return changes[0] if changes else None


class ScheduleChange(models.Model):
    """A change to an entry after it was published: what changed, when, why, by whom."""

    entry = models.ForeignKey(
        ScheduleEntry, on_delete=models.CASCADE, related_name="changes", verbose_name=_("entry")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ChangeKind.choices)
    reason = models.TextField(_("reason"))
    summary = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    #: Recorded together with its entry, whose save moves the generation.
    changes_public_content = False

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.reason[:60]}"


class WorkSchedulePage(PortalPageMixin, VietnameseSlugMixin, RoutablePageMixin, Page):
    """The commune's "Lịch công tác tuần": the week's table, its print view, the Word
    export, calendar feeds and the RSS of changes (``views.py``)."""

    issuing_body = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown at the top left of the printed and Word schedule, for example "
            "“ĐẢNG ỦY – HĐND – UBND XÃ KỲ HOA”. Empty: the portal's name."
        ),
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "A sentence shown above the table, for example that the schedule replaces invitations."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("issuing_body"),
        FieldPanel("introduction"),
        HelpPanel(
            content=_("The entries are kept under “Work schedule” in the menu, a week at a time.")
        ),
    ]
    promote_panels = vietnamese_promote_panels()
    subpage_types = []
    template = "kyanh_cms/schedules/work_schedule_page.html"

    class Meta:
        verbose_name = _("work schedule")
        verbose_name_plural = _("work schedules")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(week_context(self, request))
        return context

    @path("in/", name="print")
    def print_view(self, request):
        return print_week(self, request)

    @path("word/", name="docx")
    def docx_view(self, request):
        return docx_week(self, request)

    @path("ical/", name="ical")
    @re_path(r"^ical/(?P<bloc>[a-z-]+)/$", name="ical_bloc")
    def ical_view(self, request, bloc=None):
        return ical_feed(self, request, bloc)

    @path("thay-doi/rss/", name="changes_rss")
    def changes_rss(self, request):
        return ScheduleChangesFeed()(request, schedule=self)

    def entries_for_display(self, week, bloc=None, leader=None):
        """The visible entries of ``week`` (optionally one bloc's, one leader's)."""
        entries = self.entries.visible().in_week(week)
        if bloc:
            entries = entries.filter(bloc=bloc)
        if leader:
            entries = entries.filter(chair=leader)
        return list(entries.for_display())

    def entries_between(self, start, end, bloc=None):
        """Visible entries from ``start`` to ``end`` (dates), for the calendar feed."""
        entries = self.entries.visible().filter(date__range=(start, end))
        if bloc:
            entries = entries.filter(bloc=bloc)
        return list(entries.for_display())

    def entries_on(self, day, limit=None):
        """The visible entries of ``day`` (the "today" block)."""
        entries = self.entries.visible().filter(date=day).for_display()
        return list(entries[:limit] if limit else entries)

    def recent_changes(self, count):
        """The newest recorded changes of visible entries, with their entries."""
        return list(
            ScheduleChange.objects.filter(entry__schedule=self, entry__state__in=VISIBLE_STATES)
            .select_related("entry")
            .order_by("-created_at", "-pk")[:count]
        )

    def issuing_body_for(self, request):
        """The heading of the printed schedule: the page's own, else the portal's name."""
        if self.issuing_body:
            return self.issuing_body
        return setting_for_request(PortalSettings, request).portal_name or self.title

    def leaders(self, around=None):
        """The names of those who chair visible entries, for the leader filter: of the
        year before ``around`` (a date) and after it — who leads now, read on the
        (schedule, date) index however many years are kept."""
        entries = self.entries.visible().exclude(chair="")
        if around is not None:
            entries = entries.filter(date__gte=around - datetime.timedelta(days=365))
        return list(entries.order_by("chair").values_list("chair", flat=True).distinct())
