"""The admin of every wing, mounted in one place: settings, viewsets, reports,
dashboard panels, bulk actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting
from wagtail.permissions import register_permission_policy

from kyanh_cms.documents.viewsets import DocumentGroup
from kyanh_cms.engagement import audit
from kyanh_cms.engagement.models import EngagementSettings, ReaderComment
from kyanh_cms.engagement.moderation import BULK_ACTIONS, PendingCommentsPanel
from kyanh_cms.engagement.viewsets import (
    MODERATE_PERMISSION,
    ModerationPermissionPolicy,
    ReaderCommentViewSet,
)
from kyanh_cms.portal.models import PortalSettings
from kyanh_cms.provincial import admin_scope
from kyanh_cms.provincial.admin_views import AddCommuneView, add_commune_menu_item
from kyanh_cms.schedules.viewsets import ScheduleEntryViewSet
from kyanh_cms.showcases.viewsets import ShowcaseGroup
from kyanh_cms.sidebar.models import SidebarSettings
from kyanh_cms.sidebar.report import VisitReportView, VisitsDashboardPanel, can_view
from kyanh_cms.tasks.viewsets import TaskPlanViewSet

register_setting(PortalSettings, icon="site")
register_setting(SidebarSettings, icon="list-ul")
register_setting(EngagementSettings, icon="comment")

register_permission_policy(ReaderComment, ModerationPermissionPolicy())


@hooks.register("register_admin_viewset")
def register_reader_comment_viewset():
    return ReaderCommentViewSet()


@hooks.register("register_admin_viewset")
def register_showcase_admin():
    return ShowcaseGroup()


@hooks.register("register_admin_viewset")
def register_task_plan_admin():
    return TaskPlanViewSet()


@hooks.register("register_admin_viewset")
def register_schedule_admin():
    return ScheduleEntryViewSet()


@hooks.register("register_admin_viewset")
def register_document_admin():
    return DocumentGroup()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)

hooks.register("register_log_actions", audit.register_log_actions)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.append(PendingCommentsPanel())


@hooks.register("register_admin_urls")
def register_visit_report_urls():
    urls = [
        path("", VisitReportView.as_view(), name="report"),
        path("results/", VisitReportView.as_view(results_only=True), name="report_results"),
    ]
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


# One installation, many commune sites: adding one, and keeping commune editors to theirs.
@hooks.register("register_admin_urls")
def register_add_commune_urls():
    urls = [path("", AddCommuneView.as_view(), name="add")]
    return [path("kyanh/communes/add/", include((urls, "kyanh_cms_communes")))]


hooks.register("register_settings_menu_item", add_commune_menu_item)
hooks.register("construct_page_chooser_queryset", admin_scope.restrict_page_chooser)
hooks.register("construct_explorer_page_queryset", admin_scope.restrict_explorer)
hooks.register("construct_reports_menu", admin_scope.hide_site_blind_reports)
# After the panels above are added.
