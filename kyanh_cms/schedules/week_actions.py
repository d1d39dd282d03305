"""The editors' week actions: copy last week into this one (as drafts to edit), and
publish a week's drafts at once."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kyanh_cms.schedules.admin_forms import CopyWeekForm, WeekActionForm
from kyanh_cms.schedules.choices import EntryState
from kyanh_cms.schedules.models import ScheduleEntry
from kyanh_cms.schedules.weeks import Week

#: Fields a copy keeps: what the entry is, not its state or history.
COPIED_FIELDS = (
    "schedule_id",
    "session",
    "start_time",
    "end_time",
    "content",
    "chair",
    "participants",
    "place",
    "preparing_unit",
    "bloc",
)


def copy_week(schedule, week):
    """Last week's entries (not the postponed ones) again, a week later, as drafts.
    Attachments are left behind: an invitation is for one meeting."""
    source = schedule.entries.in_week(week.previous).exclude(state=EntryState.CANCELLED)
    copies = []
    for entry in source.order_by("date", "sort_time", "pk"):
        copy = ScheduleEntry(**{name: getattr(entry, name) for name in COPIED_FIELDS})
        copy.date = entry.date + datetime.timedelta(weeks=1)
        copy.state = EntryState.DRAFT
        copy.save()
        copies.append(copy)
    return copies


def publish_week(schedule, week):
    """Every draft of ``week`` published; returns how many."""
    drafts = list(schedule.entries.in_week(week).filter(state=EntryState.DRAFT))
    now = timezone.now()
    for entry in drafts:
        # One save each: the search text and the caches follow, as for a single edit.
        entry.state = EntryState.PUBLISHED
        entry.published_at = now
        entry.save()
    return len(drafts)


class WeekActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "kyanh_cms/schedules/admin/week_action.html"
    header_icon = "date"
    form_class = WeekActionForm
    permission = "kyanh_cms.change_scheduleentry"
    listing_url_name = None  # set by the viewset
    submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        return {"week": self.request.GET.get("week") or str(self.default_week())}

    def default_week(self):
        return Week.current()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.listing_url_name), "label": _("Work schedule")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = self.submit_label
        context["intro"] = self.intro
        return context

    def listing_url(self, schedule, week):
        return f"{reverse(self.listing_url_name)}?week={week}&schedule={schedule.pk}"


class CopyWeekView(WeekActionView):
    page_title = gettext_lazy("Copy last week")
    form_class = CopyWeekForm
    permission = "kyanh_cms.add_scheduleentry"
    submit_label = gettext_lazy("Copy as drafts")
    intro = gettext_lazy(
        "The entries of the week before are copied into this week as drafts, one week "
        "later, without their attachments. Edit them, then publish the week."
    )

    def default_week(self):
        return Week.current().next

    def form_valid(self, form):
        schedule, week = form.cleaned_data["schedule"], form.cleaned_data["week"]
        with transaction.atomic():
            copies = copy_week(schedule, week)
        messages.success(
            self.request,
            _("%(count)s entries copied into week %(week)s as drafts.")
            % {"count": len(copies), "week": week},
        )
        return redirect(self.listing_url(schedule, week))


class PublishWeekView(WeekActionView):
    page_title = gettext_lazy("Publish a week")
    permission = "kyanh_cms.change_scheduleentry"
    submit_label = gettext_lazy("Publish the drafts")
    intro = gettext_lazy(
        "Every draft of the week becomes public at once. Entries already published "
        "are left as they are."
    )

    def form_valid(self, form):
        schedule, week = form.cleaned_data["schedule"], form.cleaned_data["week"]
        with transaction.atomic():
            count = publish_week(schedule, week)
        if count:
            messages.success(
                self.request,
                _("%(count)s entries of week %(week)s published.") % {"count": count, "week": week},
            )
        else:
            messages.warning(self.request, _("Week %(week)s has no drafts.") % {"week": week})
        return redirect(self.listing_url(schedule, week))
