"""Where a task and a plan stand: one definition for every place that shows it.

The plan pages, the tracked-plan block and the inline task lists compute the
figures in Python from items already fetched; the admin listing reads them
from the database. Both take their rules from here, so the progress bar on a
page and the percentage in the admin can never disagree
(``tests/tasks/test_progress.py`` checks the two on the same data).

- A task's progress: 100% once done, 0% before it starts, otherwise the
  percentage the editor recorded.
- A plan's progress: the mean of its tasks' progress, rounded half up to a
  whole percent (12.5% shows as 13%, as a reader rounds); 0% without tasks.
  Worked out on whole numbers, so Python and SQL give the same figure.
- A plan's status: done when every task is, not started when none has
  started (or it has no task), in progress otherwise.
- Overdue: past its deadline and neither done nor without a status. Inline
  lists of shortcomings or solutions leave the status empty: such an item is
  never overdue.
"""

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from kyanh_cms.tasks.choices import TaskStatus

#: The statuses of a task that can fall behind its deadline.
OPEN_STATUSES = frozenset({TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS})


def task_progress(status, recorded) -> int:
    """A task's progress in percent, whatever was recorded against its status."""
    if status == TaskStatus.DONE:
        return 100
    if status == TaskStatus.NOT_STARTED:
        return 0
    return recorded or 0


def is_overdue(status, deadline, today=None) -> bool:
    """Past ``deadline`` and still open; a task without a status is never overdue."""
    if not deadline or status not in OPEN_STATUSES:
        return False
    return deadline < (today or timezone.localdate())


def plan_percentage(progress_total, item_count) -> int:
    """The mean of ``item_count`` progress figures adding up to ``progress_total``,
    rounded half up to a whole percent, in integer arithmetic (no binary-float or
    banker's rounding to make a page and the database differ)."""
    if not item_count:
        return 0
    return (2 * progress_total + item_count) // (2 * item_count)


def plan_status(item_count, done_count, started_count) -> str:
    """``"done"``, ``"not_started"`` or ``"in_progress"`` (the values of ``TaskStatus``,
    so the status filter of the plan list offers the same words as a task's status)."""
    if item_count and done_count == item_count:
        return TaskStatus.DONE.value
    if not started_count:
        return TaskStatus.NOT_STARTED.value
    return TaskStatus.IN_PROGRESS.value


def plan_figures(items, today=None) -> dict:
    """Counts of ``items`` (already fetched): what ``plan_annotations()`` reads from the
    database, plus the overdue count, which depends on the day and is shown only on pages."""
    return {
        "item_count": len(items),
        "done_count": sum(1 for item in items if item.status == TaskStatus.DONE),
        "started_count": sum(1 for item in items if item.status != TaskStatus.NOT_STARTED),
        "progress_total": sum(task_progress(item.status, item.progress) for item in items),
        "overdue_count": sum(
            1 for item in items if is_overdue(item.status, item.deadline, today=today)
        ),
    }


def plan_annotations():
    """``plan_figures()`` but the overdue count, as aggregates over a plan's items: one
    query for a whole listing of plans.

    The counts are distinct, and the sum has one row per item as long as the query
    joins no other many-valued relation.
    """
    progress = Case(
        When(items__status=TaskStatus.DONE, then=Value(100)),
        When(items__status=TaskStatus.NOT_STARTED, then=Value(0)),
        default=Coalesce(F("items__progress"), Value(0)),
        output_field=IntegerField(),
    )
    return {
        "item_count": Count("items", distinct=True),
        "done_count": Count("items", filter=Q(items__status=TaskStatus.DONE), distinct=True),
        "started_count": Count(
            "items", filter=~Q(items__status=TaskStatus.NOT_STARTED), distinct=True
        ),
        "progress_total": Coalesce(Sum(progress), Value(0)),
    }
