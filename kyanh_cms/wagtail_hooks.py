from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting

from .models import PortalSettings
from .viewsets import ShowcaseGroup, TaskPlanViewSet

register_setting(PortalSettings, icon="site")


@hooks.register("register_admin_viewset")
def register_showcase_admin():
    return ShowcaseGroup()


@hooks.register("register_admin_viewset")
def register_task_plan_admin():
    return TaskPlanViewSet()
