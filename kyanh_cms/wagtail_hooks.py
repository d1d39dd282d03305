from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting
from wagtail.permissions import register_permission_policy

from .engagement.moderation import BULK_ACTIONS, PendingCommentsPanel
from .models import EngagementSettings, PortalSettings, ReaderComment
from .viewsets import (
    MODERATE_PERMISSION,
    ModerationPermissionPolicy,
    ReaderCommentViewSet,
    ShowcaseGroup,
    TaskPlanViewSet,
)

register_setting(PortalSettings, icon="site")
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
