"""The editors' forms: an entry (with the reason a change after publication needs),
copying a week, publishing a week."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kyanh_cms.core.input import ControlCharacterFreeFormMixin
from kyanh_cms.schedules import changes
from kyanh_cms.schedules.choices import VISIBLE_STATES, ChangeKind, EntryState
from kyanh_cms.schedules.models import ScheduleChange, ScheduleEntry, WorkSchedulePage
from kyanh_cms.schedules.scope import schedules_for
from kyanh_cms.schedules.weeks import Week

REASON_HELP = _(
    "Required when a published entry is changed or postponed, or an entry is added to a "
    "week already published: visitors see it as “Điều chỉnh” or “Hoãn” with this reason."
)


class ScheduleEntryForm(ControlCharacterFreeFormMixin, WagtailAdminModelForm):
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.was_published = bool(instance.pk and instance.published_at)
        self.before = changes.snapshot(instance) if instance.pk else {}
        if "schedule" in self.fields and self.for_user is not None:
            self.fields["schedule"].queryset = schedules_for(self.for_user)
        if "state" in self.fields:
            # "Changed" is what an edit after publication becomes, never chosen by hand.
            self.fields["state"].choices = [
                (value, label)
                for value, label in EntryState.choices
                if value != EntryState.CHANGED or instance.state == EntryState.CHANGED
            ]

    def clean(self):
        cleaned = super().clean()
        state = cleaned.get("state") or EntryState.DRAFT
        visible_changed = [name for name in self.changed_data if name in changes.VISIBLE_FIELDS]
        if state == EntryState.CANCELLED and self.instance.state == EntryState.CANCELLED:
            kind = ChangeKind.CHANGED if visible_changed else None
        else:
            kind = changes.change_kind(
                self.was_published,
                state,
                bool(visible_changed),
                week_published=not self.was_published and self._week_published(cleaned),
            )
        if kind is not None and not (cleaned.get("change_reason") or "").strip():
            self.add_error(
                "change_reason",
                _("This entry is already public: give the reason for the change."),
            )
        self.change = kind
        return cleaned

    def _week_published(self, cleaned):
        schedule, date = cleaned.get("schedule"), cleaned.get("date")
        if schedule is None or date is None:
            return False
        others = ScheduleEntry.objects.filter(schedule=schedule, state__in=VISIBLE_STATES)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        return others.in_week(Week.of(date)).exists()

    def save(self, commit=True):
        entry = super().save(commit=False)
        kind = self.change
        entry.state = changes.state_after(kind, entry.state)
        if commit:
            entry.save()
            self.save_m2m()
            if kind is not None:
                if kind == ChangeKind.ADDED:
                    what = changes.added_summary(entry)
                else:
                    what = changes.summary(self.before, entry)
                ScheduleChange.objects.create(
                    entry=entry,
                    kind=kind,
                    reason=self.cleaned_data["change_reason"].strip(),
                    summary=what,
                    user=self.for_user,
                )
        return entry


class WeekActionForm(forms.Form):
    """A schedule page of the editor's commune and a week."""

    schedule = forms.ModelChoiceField(label=_("Schedule"), queryset=WorkSchedulePage.objects.none())
    week = forms.CharField(
        label=_("Week"),
        max_length=10,
        help_text=_("As year and week number, for example 2026-W49."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        pages = schedules_for(user)
        self.fields["schedule"].queryset = pages
        if len(pages) == 1:
            self.fields["schedule"].initial = pages[0].pk

    def clean_week(self):
        week = Week.parse(self.cleaned_data["week"])
        if week is None:
            raise forms.ValidationError(_("Enter a week such as 2026-W49."))
        return week


class CopyWeekForm(WeekActionForm):
    """Copy the week before ``week`` into ``week``, as drafts to edit and publish."""

    def clean(self):
        cleaned = super().clean()
        schedule, week = cleaned.get("schedule"), cleaned.get("week")
        if schedule is None or week is None:
            return cleaned
        if schedule.entries.in_week(week).exists():
            raise forms.ValidationError(
                _("Week %(week)s already has entries: copying would double them.") % {"week": week}
            )
        if not schedule.entries.in_week(week.previous).exclude(state=EntryState.CANCELLED).exists():
            raise forms.ValidationError(
                _("Week %(week)s has no entries to copy.") % {"week": week.previous}
            )
        return cleaned
