"""Visit statistics in the Wagtail admin: a dashboard panel and a Wagtail report
(``ReportView``): visits per day of one site over a period, optionally only the views of
one page type, drawn as a server-rendered SVG chart and listed day by day, with the XLSX
and CSV exports of Wagtail's own reports (Vietnamese headings, cells kept as text).

Both need the ``kyanh_cms.view_dailysitevisits`` permission (superusers have it). A
commune's staff (``portal.public.commune_scope``) choose among their own sites only.
"""

from dataclasses import dataclass
from datetime import timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site, get_page_content_types

from kyanh_cms.caching.sites import site_or_default
from kyanh_cms.core import formats
from kyanh_cms.core.spreadsheets import FormulaSafeExportMixin
from kyanh_cms.portal.public import commune_scope
from kyanh_cms.sidebar.counters import DailyPageViews, DailySiteVisits
from kyanh_cms.sidebar.visits import site_figures

PERMISSION = "kyanh_cms.view_dailysitevisits"
#: The periods an editor may choose (days up to today); bounded, so a report's rows and
#: chart are too.
PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_BOTTOM, TOP_MARGIN = 720, 240, 56, 24, 8


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


def visible_sites(user):
    """The sites whose statistics ``user`` may see: all of them for province staff and
    superusers, else the sites that hold (or lie inside) the user's commune scope.

    Memoised on the user object, which lives as long as the request."""
    if not hasattr(user, "_kyanh_visible_sites"):
        sites = list(Site.objects.select_related("root_page").order_by("hostname", "port"))
        scope = commune_scope(user)
        if scope is not None:
            sites = [
                site
                for site in sites
                if any(
                    path.startswith(site.root_page.path) or site.root_page.path.startswith(path)
                    for path in scope
                )
            ]
        user._kyanh_visible_sites = sites
    return user._kyanh_visible_sites


def default_site(request, sites):
    """The site the admin is served from when the user may see it, else their first."""
    current = site_or_default(request)
    if current is not None and any(site.pk == current.pk for site in sites):
        return current
    return sites[0] if sites else None


def nice_ceiling(value):
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 5): the chart's top."""
    value = max(value, 5)
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= value:
                return step * magnitude
        magnitude *= 10


def svg_number(value):
    """A coordinate as SVG wants it (``12.5``), whatever the admin's language would make
    of a float in a template (``12,5``)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def chart(series):
    """Bars, grid lines and labels of a daily-visits chart, in SVG coordinates (strings)."""
    plot_width = CHART_WIDTH - CHART_LEFT
    plot_height = CHART_HEIGHT - CHART_BOTTOM
    top = nice_ceiling(max((views for _day, views in series), default=0))
    slot = plot_width / max(len(series), 1)
    bars = []
    for index, (day, views) in enumerate(series):
        height = (plot_height - TOP_MARGIN) * views / top
        bars.append(
            {
                "x": svg_number(CHART_LEFT + index * slot + slot * 0.1),
                "y": svg_number(plot_height - height),
                "width": svg_number(max(slot * 0.8, 0.5)),
                "height": svg_number(height),
                "label": f"{formats.format_date(day)}: {formats.format_number(views)}",
            }
        )
    grid = [
        {
            "y": svg_number(TOP_MARGIN + (plot_height - TOP_MARGIN) * (1 - fraction)),
            "label": formats.format_number(top * fraction),
        }
        for fraction in (0, 0.2, 0.4, 0.6, 0.8, 1)
    ]
    every = max(1, len(series) // 6)
    ticks = [
        {"x": svg_number(CHART_LEFT + index * slot + slot / 2), "label": day.strftime("%d/%m")}
        for index, (day, _views) in enumerate(series)
        if index % every == 0
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "label_x": CHART_LEFT - 6,
        "tick_y": CHART_HEIGHT - 6,
        "bars": bars,
        "grid": grid,
        "ticks": ticks,
    }


@dataclass(frozen=True)
class VisitDay:
    """One row of the report (and of its spreadsheets)."""

    site_name: str
    day: object
    views: int

    @property
    def day_label(self):
        return formats.format_date(self.day)

    @property
    def views_label(self):
        return formats.format_number(self.views)


class VisitReportFilterSet(WagtailFilterSet):
    """What the editor chooses. Site and period always have a value (the admin's site,
    the last 30 days) and the view applies them; the page type is optional."""

    site = django_filters.ModelChoiceFilter(
        label=_("Site"),
        queryset=lambda request: Site.objects.filter(
            pk__in=[site.pk for site in visible_sites(request.user)]
        ).order_by("hostname", "port"),
        empty_label=None,
        method="chosen_by_the_view",
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[(str(days), _("last %(days)s days") % {"days": days}) for days in PERIODS],
        empty_label=None,
        method="chosen_by_the_view",
    )
    page_type = ContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False).order_by(
            "model"
        ),
        method="chosen_by_the_view",
    )

    class Meta:
        model = DailySiteVisits
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        site = default_site(request, visible_sites(request.user))
        defaults = {"site": str(site.pk) if site else "", "period": str(DEFAULT_PERIOD)}
        if data is not None:
            data = data.copy()
            for name, value in defaults.items():
                if not data.get(name):
                    data[name] = value
        super().__init__(data, queryset, request=request, prefix=prefix)
        # The defaults are "not filtering" (no filter pills, no "N matches"): Wagtail
        # compares the data with the initial values.
        for name, value in defaults.items():
            self.filters[name].extra["initial"] = value

    def chosen_by_the_view(self, queryset, name, value):
        return queryset


class VisitReportView(FormulaSafeExportMixin, ReportView):
    template_name = "kyanh_cms/sidebar/admin/visit_report.html"
    results_template_name = "kyanh_cms/sidebar/admin/visit_report_results.html"
    page_title = _("Visit statistics")
    header_icon = "table"
    index_url_name = "kyanh_cms_visits:report"
    index_results_url_name = "kyanh_cms_visits:report_results"
    filterset_class = VisitReportFilterSet
    paginate_by = 50
    columns = [
        Column("day_label", label=_("Day")),
        Column("views_label", label=_("Visits")),
    ]
    list_export = ["site_name", "day", "views"]
    export_headings = {"site_name": _("Site"), "day": _("Day"), "views": _("Visits")}

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def choices(self):
        """``(site, days, page type)`` from the filters, defaults for what is not chosen."""
        chosen = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        site = chosen.get("site") or default_site(self.request, visible_sites(self.request.user))
        days = int(chosen.get("period") or DEFAULT_PERIOD)
        return site, days, chosen.get("page_type")

    def series(self):
        """``[(day, views), …]`` oldest first, days without visits included."""
        site, days, page_type = self.choices
        if site is None:
            return []
        if page_type is None:
            return DailySiteVisits.objects.daily_series(site, days)
        today = timezone.localdate()
        start = today - timedelta(days=days - 1)
        counted = dict(
            DailyPageViews.objects.filter(
                site=site, page__content_type=page_type, day__gte=start, day__lte=today
            )
            .values("day")
            .annotate(total=Sum("views"))
            .values_list("day", "total")
        )
        return [
            (start + timedelta(days=n), counted.get(start + timedelta(days=n), 0))
            for n in range(days)
        ]

    @cached_property
    def rows(self):
        site = self.choices[0]
        return [VisitDay(str(site), day, views) for day, views in self.series()]

    def get_queryset(self):
        # Newest first on screen; the spreadsheets run in date order (as_spreadsheet).
        return list(reversed(self.rows))

    def get_filtered_queryset(self):
        return self.get_queryset()

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(self.rows, spreadsheet_format)

    def get_filename(self):
        site, days, page_type = self.choices
        kind = f"-{page_type.model}" if page_type else ""
        return f"luot-truy-cap-{site.pk if site else 0}{kind}-{timezone.localdate():%Y%m%d}-{days}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site, days, page_type = self.choices
        context.update({"site": site, "days": days, "page_type": page_type})
        if site is not None:
            series = self.rows
            context.update(
                {
                    "figures": site_figures(site),
                    "chart": chart([(row.day, row.views) for row in series]),
                    "period_total": sum(row.views for row in series),
                }
            )
        return context


class VisitsDashboardPanel(Component):
    """Today, this month and online now for the admin's site, on the dashboard."""

    name = "kyanh_cms_visits"
    template_name = "kyanh_cms/sidebar/admin/visits_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        site = default_site(self.request, visible_sites(self.request.user))
        context["site"] = site
        context["figures"] = site_figures(site) if site is not None else None
        context["report_url"] = reverse_lazy("kyanh_cms_visits:report")
        return context
