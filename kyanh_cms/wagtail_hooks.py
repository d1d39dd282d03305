from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting
from wagtail.permissions import register_permission_policy

from .engagement.moderation import BULK_ACTIONS, PendingCommentsPanel
from .models import EngagementSettings, PortalSettings, ReaderComment, SidebarSettings
from .viewsets import (
    MODERATE_PERMISSION,
    ModerationPermissionPolicy,
    ReaderCommentViewSet,
    ShowcaseGroup,
    TaskPlanViewSet,
)
from .visit_report import VisitReportView, VisitsDashboardPanel, can_view

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


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.append(PendingCommentsPanel())


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
