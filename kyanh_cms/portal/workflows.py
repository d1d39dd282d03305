"""Vietnamese names for the workflow Wagtail's migrations create.

Wagtail names its default workflow, and its one task, after the groups it found
with the publish permission: "Moderators approval". That name is data, which no
catalogue translates, so the editor's button read "Gửi vào Moderators approval".
The demo and every new commune site (``provincial.setup``) rename it once; a name an
administrator chose is left alone.
"""

from wagtail.models import Task, Workflow

#: Wagtail's English name → the workflow's and the task's Vietnamese names.
WAGTAIL_DEFAULT = "Moderators approval"
WORKFLOW_NAME = "quy trình duyệt bài"
TASK_NAME = "Duyệt bài"


def name_default_workflow_in_vietnamese():
    """Rename Wagtail's default workflow and task if they still carry the English name."""
    renamed = Workflow.objects.filter(name=WAGTAIL_DEFAULT).update(name=WORKFLOW_NAME)
    renamed += Task.objects.filter(name=WAGTAIL_DEFAULT).update(name=TASK_NAME)
    return renamed
