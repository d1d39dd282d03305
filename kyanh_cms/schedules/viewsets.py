"""The editors' screen of the work schedule: entries listed by week, filtered by
schedule, bloc and state, with "copy last week" and "publish a week"."""

import django_filters
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from kyanh_cms.core.spreadsheets import FormulaSafeExportMixin
from kyanh_cms.schedules.admin_forms import ScheduleEntryForm
from kyanh_cms.schedules.choices import Bloc, EntryState
from kyanh_cms.schedules.models import ScheduleEntry
from kyanh_cms.schedules.scope import entries_for, schedules_for
from kyanh_cms.schedules.week_actions import CopyWeekView, PublishWeekView
from kyanh_cms.schedules.weeks import Week


def week_label(entry):
    week = Week.of(entry.date)
    return _("Week %(number)s/%(year)s") % {"number": week.number, "year": week.year}


class ScheduleEntryFilterSet(WagtailFilterSet):
    week = django_filters.CharFilter(
        label=_("Week (2026-W49)"), method="filter_week", help_text=_("For example 2026-W49.")
    )
    schedule = django_filters.ModelChoiceFilter(
        label=_("Schedule"),
        queryset=lambda request: schedules_for(request.user),
        empty_label=_("All schedules"),
    )
    bloc = django_filters.ChoiceFilter(label=_("Bloc"), choices=Bloc.choices, empty_label=_("All"))
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=EntryState.choices, empty_label=_("All")
    )

    class Meta:
        model = ScheduleEntry
        fields = ["week", "schedule", "bloc", "state"]

    def filter_week(self, queryset, name, value):
        week = Week.parse(value)
        return queryset.in_week(week) if week else queryset


class InCommuneScope:
    """Edit and delete open only the entries of the editor's commune."""

    def get_object(self, queryset=None):
        entry = super().get_object(queryset)
        if not entries_for(self.request.user, ScheduleEntry.objects.filter(pk=entry.pk)).exists():
            raise Http404
        return entry


class ScheduleEntryIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return entries_for(self.request.user, super().get_base_queryset()).select_related(
            "schedule"
        )

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.request.user.has_perm("kyanh_cms.add_scheduleentry"):
            buttons.append(
                HeaderButton(
                    _("Copy last week"),
                    url=reverse("kyanh_schedule_entries:copy_week"),
                    icon_name="copy",
                    priority=90,
                )
            )
        if self.request.user.has_perm("kyanh_cms.change_scheduleentry"):
            buttons.append(
                HeaderButton(
                    _("Publish a week"),
                    url=reverse("kyanh_schedule_entries:publish_week"),
                    icon_name="upload",
                    priority=91,
                )
            )
        return buttons


class ScheduleEntryEditView(InCommuneScope, generic.EditView):
    pass


class ScheduleEntryDeleteView(InCommuneScope, generic.DeleteView):
    pass


class ScheduleEntryViewSet(ModelViewSet):
    model = ScheduleEntry
    name = "kyanh_schedule_entries"
    url_prefix = "schedule"
    icon = "date"
    menu_label = _("Work schedule")
    menu_name = "kyanh-schedule"
    menu_order = 270
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = ScheduleEntryIndexView
    edit_view_class = ScheduleEntryEditView
    delete_view_class = ScheduleEntryDeleteView
    filterset_class = ScheduleEntryFilterSet
    ordering = ["-date", "sort_time"]
    list_per_page = 100
    list_display = [
        Column("week", label=_("Week"), accessor=week_label),
        DateColumn("date", label=_("Date"), sort_key="date"),
        Column("time_label", label=_("Time")),
        "content",
        Column("bloc", label=_("Bloc"), accessor="get_bloc_display"),
        "chair",
        StatusTagColumn(
            "state",
            label=_("State"),
            accessor="get_state_display",
            primary=lambda entry: entry.state == EntryState.DRAFT,
        ),
    ]
    search_fields = ["content", "chair", "participants", "place"]
    search_backend_name = None
    list_export = [
        "date",
        "time_label",
        "get_bloc_display",
        "content",
        "chair",
        "participants",
        "place",
        "preparing_unit",
        "get_state_display",
    ]
    export_headings = {
        "time_label": _("Time"),
        "get_bloc_display": _("Bloc"),
        "get_state_display": _("State"),
    }
    export_filename = "lich-cong-tac"
    panels = [
        FieldPanel("schedule"),
        FieldRowPanel(
            [
                FieldPanel("date"),
                FieldPanel("session"),
                FieldPanel("start_time"),
                FieldPanel("end_time"),
            ]
        ),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("chair"), FieldPanel("bloc")]),
        FieldPanel("participants"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("preparing_unit")]),
        FieldPanel("attachment"),
        FieldPanel("state"),
        FieldPanel("change_reason"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ScheduleEntryForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        copy = CopyWeekView.as_view(listing_url_name=self.get_url_name("index"))
        publish = PublishWeekView.as_view(listing_url_name=self.get_url_name("index"))
        return super().get_urlpatterns() + [
            path("copy-week/", copy, name="copy_week"),
            path("publish-week/", publish, name="publish_week"),
        ]
