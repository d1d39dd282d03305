"""What other wings use of the task wing: the kinds and numbering of a task list (the
news import turns old articles' numbered lists into task-list blocks)."""

from kyanh_cms.tasks.choices import Numbering, TaskListKind

__all__ = ["Numbering", "TaskListKind"]
