"""Numbered task lists: written inline in a page, or a tracked plan embedded from the admin."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from kyanh_cms.tasks.choices import Numbering, TaskListKind, TaskStatus, status_label
from kyanh_cms.tasks.progress import is_overdue


class TaskListItemValue(blocks.StructValue):
    @property
    def status_label(self):
        return status_label(self.get("status"))

    @property
    def is_overdue(self):
        return is_overdue(self.get("status"), self.get("deadline"))


class TaskListItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=pgettext_lazy("key task", "task"), max_length=500)
    details = blocks.RichTextBlock(
        label=_("details"),
        required=False,
        features=["bold", "italic", "link", "ul"],
    )
    responsible_organization = SnippetChooserBlock(
        "kyanh_cms.Organization",
        label=_("responsible organization"),
        required=False,
    )
    deadline = blocks.DateBlock(label=_("deadline"), required=False)
    status = blocks.ChoiceBlock(
        label=_("status"),
        choices=TaskStatus.choices,
        required=False,
        help_text=_("Leave empty for a shortcoming or a solution that has no status."),
    )

    class Meta:
        icon = "tick"
        label = pgettext_lazy("key task", "task")
        value_class = TaskListItemValue


class TaskListValue(blocks.StructValue):
    @property
    def list_items(self):
        return self["items"]


class TaskListBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"),
        help_text=_("For example “Ba nhiệm vụ đột phá” or “Hạn chế, tồn tại”."),
    )
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=TaskListKind.choices,
        default=TaskListKind.KEY_TASKS,
        help_text=_("Sets the heading style and icon."),
    )
    numbering = blocks.ChoiceBlock(
        label=_("numbering"),
        choices=Numbering.choices,
        default=Numbering.PARENTHESES,
    )
    items = blocks.ListBlock(TaskListItemBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Task list")
        description = _(
            "A numbered list written here: key tasks, breakthrough tasks, solutions "
            "or shortcomings."
        )
        template = "kyanh_cms/tasks/blocks/task_list_block.html"
        value_class = TaskListValue
        preview_value = {
            "title": "Ba nhiệm vụ đột phá",
            "kind": TaskListKind.BREAKTHROUGH,
            "numbering": Numbering.PARENTHESES,
            "items": [
                {"title": "Hoàn thiện hạ tầng giao thông kết nối khu kinh tế", "status": "done"},
                {"title": "Cải cách hành chính, chuyển đổi số", "status": "in_progress"},
                {"title": "Phát triển nguồn nhân lực chất lượng cao", "status": "not_started"},
            ],
        }


class TrackedPlanValue(blocks.StructValue):
    @cached_property
    def plan(self):
        return self["task_plan"]

    @cached_property
    def plan_items(self):
        """The plan's items as they are now, with organizations, in one query."""
        return self.plan.items_for_display() if self.plan else []

    @cached_property
    def summary(self):
        """The plan with its headline figures (``TaskPlan.set_progress``) worked out from
        the items shown, so the figures and the list below them agree."""
        if not self.plan:
            return None
        self.plan.set_progress(self.plan_items)
        return self.plan

    @property
    def title(self):
        return self.get("heading") or (self.plan.title if self.plan else "")

    @property
    def introduction(self):
        return self.plan.introduction if self.plan and self.get("show_introduction") else ""


class TaskPlanChooserBlock(SnippetChooserBlock):
    """Chooses a plan; when a page renders, loads the plans it embeds with their latest
    revision and items in two queries, however many plans and items there are."""

    def bulk_to_python(self, values):
        plans = self.model_class.objects.for_display().in_bulk(values)
        return [plans.get(value) for value in values]


class TrackedPlanBlock(blocks.StructBlock):
    task_plan = TaskPlanChooserBlock(
        "kyanh_cms.TaskPlan",
        label=_("task plan"),
        help_text=_("The plan is kept under Task plans; updates there show here at once."),
    )
    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        help_text=_("Leave empty to use the plan's title."),
    )
    show_introduction = blocks.BooleanBlock(
        label=_("show introduction"), required=False, default=True
    )

    class Meta:
        icon = "clipboard-list"
        label = _("Tracked task plan")
        description = _(
            "A key-task plan kept in the admin, shown with each task's status and progress."
        )
        template = "kyanh_cms/tasks/blocks/tracked_plan_block.html"
        value_class = TrackedPlanValue
