"""Tracked key-task plans: a year's numbered tasks kept up to date in one place."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, RevisionMixin
from wagtail.search import index

from kyanh_cms.core.streams import Composition
from kyanh_cms.core.years import MAX_YEAR, MIN_YEAR
from kyanh_cms.portal.public import (
    PortalPageMixin,
    VietnameseSlugMixin,
    vietnamese_promote_panels,
)
from kyanh_cms.showcases.public import Organization
from kyanh_cms.tasks.choices import Numbering, TaskListKind, TaskStatus, status_label
from kyanh_cms.tasks.progress import (
    is_overdue,
    plan_annotations,
    plan_figures,
    plan_percentage,
    plan_status,
    task_progress,
)


class TaskPlanQuerySet(models.QuerySet):
    def with_progress(self):
        """Each plan's item, done and started counts and progress total (``progress.py``),
        in the listing's own query; ``average_progress`` and ``overall_status`` follow."""
        return self.annotate(**plan_annotations())

    def years(self):
        return list(self.order_by("-year").values_list("year", flat=True).distinct())

    def for_display(self):
        """Plans with the date of their latest revision and their items with organizations:
        two queries however many plans and items. The revision's stored copy of the
        plan is left in the database (only its date is shown)."""
        return (
            self.select_related("latest_revision")
            .defer("latest_revision__content")
            .prefetch_related(
                models.Prefetch(
                    "items",
                    queryset=TaskItem.objects.select_related("responsible_organization").order_by(
                        "sort_order"
                    ),
                )
            )
        )


class TaskPlan(RevisionMixin, index.Indexed, ClusterableModel):
    """A reusable key-task plan ("Nhiệm vụ trọng tâm năm 2025") with its items.

    Kept in the admin as a snippet; every save records a revision (who, what,
    when). Pages show it through the tracked-plan block, which reads the plan
    when the page is shown, so one update appears on every page at once.
    """

    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("For example “Nhiệm vụ trọng tâm năm 2025”."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("The year the plan is for."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=TaskListKind.choices,
        default=TaskListKind.KEY_TASKS,
        help_text=_("Sets the heading style and icon where the plan is shown."),
    )
    numbering = models.CharField(
        _("numbering"),
        max_length=20,
        choices=Numbering.choices,
        default=Numbering.PARENTHESES,
        help_text=_("How items are numbered."),
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown above the items."),
    )
    objects = TaskPlanQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind"), FieldPanel("numbering")]),
        FieldPanel("introduction"),
        InlinePanel(
            "items",
            heading=pgettext_lazy("key tasks", "Tasks"),
            label=pgettext_lazy("key task", "task"),
        ),
    ]

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("task plan")
        verbose_name_plural = _("task plans")

    def __str__(self):
        return self.title

    def set_progress(self, items):
        """The figures ``with_progress()`` annotates, plus the overdue count, worked out
        from ``items`` already fetched (no query)."""
        for name, value in plan_figures(items).items():
            setattr(self, name, value)

    @property
    def average_progress(self):
        """The plan's progress in whole percent, from ``with_progress()`` or ``set_progress()``."""
        return plan_percentage(self.progress_total, self.item_count)

    @property
    def overall_status(self):
        """Done, not started or in progress, from ``with_progress()`` or ``set_progress()``."""
        return plan_status(self.item_count, self.done_count, self.started_count)

    @property
    def overall_status_label(self):
        return status_label(self.overall_status)

    def items_for_display(self):
        """The items with their responsible organizations: one query, or none if prefetched."""
        if "items" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.items.all())
        return list(self.items.select_related("responsible_organization").order_by("sort_order"))

    @property
    def last_updated(self):
        """When the plan was last saved, from its latest revision (no query if selected)."""
        revision = self.latest_revision
        return revision.created_at if revision else None


class TaskItem(Orderable):
    """One numbered task of a plan, with where it stands."""

    plan = ParentalKey(TaskPlan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(
        pgettext_lazy("key task", "task"),
        max_length=500,
        help_text=_("What is to be done, in one sentence."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TaskStatus.choices,
        default=TaskStatus.NOT_STARTED,
        help_text=_("Setting “done” sets the progress to 100%."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("From 0 to 100."),
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Shown as overdue once passed if the task is not done."),
    )
    responsible_organization = models.ForeignKey(
        Organization,
        verbose_name=_("responsible organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        help_text=_("Who leads the task."),
    )
    update_note = models.CharField(
        _("latest update"),
        max_length=300,
        blank=True,
        help_text=_("A short note on the latest progress, for example what was done this month."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress"), FieldPanel("deadline")]),
        FieldPanel("responsible_organization"),
        FieldPanel("update_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("key task", "task")
        verbose_name_plural = pgettext_lazy("key tasks", "tasks")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.status == TaskStatus.NOT_STARTED and self.progress:
            raise ValidationError({"progress": _("A task that has not started has 0% progress.")})
        self.progress = task_progress(self.status, self.progress)

    def save(self, *args, **kwargs):
        # What is stored is what every figure counts, however the item was saved.
        self.progress = task_progress(self.status, self.progress)
        super().save(*args, **kwargs)

    #: Tracked tasks have no details; the template they share with inline lists asks.
    details = ""

    @property
    def status_label(self):
        return status_label(self.status)

    @property
    def is_overdue(self):
        return is_overdue(self.status, self.deadline)


class TaskPlanIndexPage(PortalPageMixin, VietnameseSlugMixin, Page):
    """The public list of task plans, with progress bars and filters by year and status."""

    body = StreamField(
        Composition("showcase_body"),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Shown above the list of plans."),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = vietnamese_promote_panels()
    subpage_types = []
    template = "kyanh_cms/tasks/task_plan_index_page.html"

    class Meta:
        verbose_name = _("task plan index")
        verbose_name_plural = _("task plan indexes")

    def get_context(self, request, *args, **kwargs):
        """Every plan with its items in two queries; the years, the progress figures and
        the filters are worked out from them in Python (a portal has tens of plans, and
        the unfiltered list shows them all anyway)."""
        from kyanh_cms.caching.fragments import lazy_parts
        from kyanh_cms.tasks.forms import TaskPlanFilterForm

        context = super().get_context(request, *args, **kwargs)

        def listing():
            plans = list(TaskPlan.objects.for_display().order_by("-year", "title"))
            for plan in plans:
                plan.set_progress(plan.items_for_display())
            years = sorted({plan.year for plan in plans}, reverse=True)
            form = TaskPlanFilterForm(request.GET or None, years=years)
            filters = form.cleaned_filters()
            plans = [
                plan
                for plan in plans
                if all(getattr(plan, name) == value for name, value in filters.items())
            ]
            return {"filter_form": form, "plans": plans}

        # Lazy: the list is a cached fragment (per query string and day, since a task
        # becomes overdue with the date), so a warm page computes none of it.
        context.update(lazy_parts(listing, "filter_form", "plans"))
        return context
