"""Admin screen of the key-task plans."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from kyanh_cms.tasks.models import TaskPlan


class TaskPlanViewSet(SnippetViewSet):
    """Key-task plans: edited with their items; every save keeps a revision (History)."""

    model = TaskPlan
    icon = "clipboard-list"
    menu_label = _("Task plans")
    menu_name = "kyanh_task_plans"
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "title",
        "year",
        "kind",
        Column(
            "average_progress",
            label=_("Progress"),
            accessor=lambda plan: f"{plan.average_progress}%",
        ),
        Column(
            "done",
            label=_("Done"),
            accessor=lambda plan: f"{plan.done_count}/{plan.item_count}",
        ),
    ]
    list_filter = ["year", "kind"]
    search_fields = ["title"]
    ordering = ["-year", "title"]

    def get_queryset(self, request):
        return TaskPlan.objects.with_progress()
