"""Kinds of task lists, their numbering and a task's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskListKind(models.TextChoices):
    KEY_TASKS = "key_tasks", _("key tasks")
    BREAKTHROUGH = "breakthrough", _("breakthrough tasks")
    SOLUTIONS = "solutions", _("solutions")
    SHORTCOMINGS = "shortcomings", _("shortcomings")


class Numbering(models.TextChoices):
    PARENTHESES = "parentheses", "(1), (2), (3)"
    DECIMAL = "decimal", "1., 2., 3."
    LETTERS = "letters", "a), b), c)"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


def status_label(status):
    """The label of a task status ("đang thực hiện"), or "" for none or an unknown one.

    Not ``get_status_display()``, which builds a dict of every choice on each call.
    """
    return TaskStatus(status).label if status in TaskStatus.values else ""
