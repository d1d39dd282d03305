from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting

from .models import PortalSettings, SidebarSettings
from .visit_report import VisitReportView, VisitsDashboardPanel, can_view

register_setting(PortalSettings, icon="site")
register_setting(SidebarSettings, icon="list-ul")


@hooks.register("register_admin_urls")
def register_visit_report_urls():
    urls = [path("", VisitReportView.as_view(), name="report")]
    return [path("kyanh/visits/", include((urls, "kyanh_cms_visits")))]


class VisitReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_visit_report_menu_item():
    return VisitReportMenuItem(
        _("Visit statistics"),
        reverse("kyanh_cms_visits:report"),
        name="kyanh-visits",
        icon_name="table",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_visits_panel(request, panels):
    if can_view(request.user):
        panels.append(VisitsDashboardPanel(request))
