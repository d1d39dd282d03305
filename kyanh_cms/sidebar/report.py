"""Visit statistics in the Wagtail admin: a dashboard panel and a report page with a
server-rendered SVG chart of daily visits and a CSV export.

Both need the ``kyanh_cms.view_dailysitevisits`` permission (superusers have it).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from kyanh_cms.caching.sites import site_or_default
from kyanh_cms.core import formats
from kyanh_cms.core.spreadsheets import SafeCsvWriter
from kyanh_cms.sidebar.counters import DailySiteVisits
from kyanh_cms.sidebar.visits import site_figures

PERMISSION = "kyanh_cms.view_dailysitevisits"
PERIODS = (30, 365)
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_BOTTOM, TOP_MARGIN = 720, 240, 56, 24, 8


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


def site_for(request):
    """The site chosen in ``?site=``, else the one the admin is served from, else the
    default site."""
    site_id = request.GET.get("site", "")
    if site_id.isdigit():
        site = Site.objects.filter(pk=int(site_id)).first()
        if site is not None:
            return site
    return site_or_default(request)


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


class VisitReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "kyanh_cms/sidebar/admin/visit_report.html"
    page_title = _("Visit statistics")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        self.site = site_for(request)
        days = request.GET.get("days", "")
        self.days = int(days) if days.isdigit() and int(days) in PERIODS else PERIODS[0]
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        if self.site is None:
            return super().get(request, *args, **kwargs)
        if request.GET.get("format") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def series(self):
        return DailySiteVisits.objects.daily_series(self.site, self.days)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"site": self.site, "days": self.days, "periods": PERIODS})
        if self.site is not None:
            series = self.series()
            context.update(
                {
                    "sites": Site.objects.order_by("hostname", "port"),
                    "figures": site_figures(self.site),
                    "chart": chart(series),
                    "rows": list(reversed(series)),
                    "period_total": sum(views for _day, views in series),
                    "csv_url": f"{reverse('kyanh_cms_visits:report')}?site={self.site.pk}"
                    f"&days={self.days}&format=csv",
                }
            )
        return context

    def csv_response(self):
        filename = f"luot-truy-cap-{self.site.pk}-{timezone.localdate():%Y%m%d}-{self.days}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = SafeCsvWriter(response)
        writer.writerow([_("Site"), str(self.site)])
        writer.writerow([_("Day"), _("Visits")])
        for day, views in self.series():
            writer.writerow([day.isoformat(), views])
        return response


class VisitsDashboardPanel(Component):
    """Today, this month and online now for the admin's site, on the dashboard."""

    name = "kyanh_cms_visits"
    template_name = "kyanh_cms/sidebar/admin/visits_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        site = site_for(self.request)
        context["site"] = site
        context["figures"] = site_figures(site) if site is not None else None
        context["report_url"] = reverse_lazy("kyanh_cms_visits:report")
        return context
