"""StreamField blocks of kyanh-cms, importable as ``kyanh_cms.blocks``.

One module per family (content, showcases, tasks, sidebar); this package
names the stream compositions that page models and settings use.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .showcases import ShowcaseCardsBlock, ShowcaseStatisticsBlock
from .sidebar import SIDEBAR_BLOCK_LIST
from .tasks import TaskListBlock, TrackedPlanBlock

#: Showcase blocks for any body: the live registration figures and showcase cards.
SHOWCASE_BLOCKS = [
    ("showcase_statistics", ShowcaseStatisticsBlock()),
    ("showcase_cards", ShowcaseCardsBlock()),
]

#: Task blocks for any body: a list written inline and an embedded tracked plan.
TASK_BLOCKS = [
    ("task_list", TaskListBlock()),
    ("tracked_plan", TrackedPlanBlock()),
]

#: The body of showcase pages, the showcase index and the task-plan index.
#: Its text part is a plain paragraph until the article content blocks exist;
#: they replace ``paragraph`` here (same name, so stored content stays valid).
SHOWCASE_BODY_BLOCKS = [
    ("paragraph", blocks.RichTextBlock(label=_("paragraph"), icon="pilcrow")),
    *SHOWCASE_BLOCKS,
    *TASK_BLOCKS,
]

# The site sidebar (``SidebarSettings.widgets``): map, links, statistics, most read,
# banner and text.
SIDEBAR_BLOCKS = SIDEBAR_BLOCK_LIST

__all__ = [
    "SHOWCASE_BLOCKS",
    "SIDEBAR_BLOCKS",
    "SHOWCASE_BODY_BLOCKS",
    "TASK_BLOCKS",
    "ShowcaseCardsBlock",
    "ShowcaseStatisticsBlock",
    "TaskListBlock",
    "TrackedPlanBlock",
]
