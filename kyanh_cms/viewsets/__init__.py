"""Admin screens of the extension, one module per family; wagtail_hooks.py registers them."""

from .comments import (
    MODERATE_PERMISSION,
    ModerationPermissionPolicy,
    ReaderCommentViewSet,
)
from .showcases import ShowcaseGroup, TaskPlanViewSet

__all__ = [
    "MODERATE_PERMISSION",
    "ModerationPermissionPolicy",
    "ReaderCommentViewSet",
    "ShowcaseGroup",
    "TaskPlanViewSet",
]
