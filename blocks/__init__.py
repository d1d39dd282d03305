"""StreamField blocks of kyanh-cms, importable as ``kyanh_cms.blocks``.

One module per family (content, showcases, tasks, sidebar); this package
names the stream compositions that page models and settings use.
"""

from .content import (
    DocumentBlock,
    GalleryBlock,
    HeadingBlock,
    HighlightBlock,
    ImageBlock,
    MediaEmbedBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
)
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


# The site sidebar (``SidebarSettings.widgets``): map, links, statistics, most read,
# banner and text.
SIDEBAR_BLOCKS = SIDEBAR_BLOCK_LIST

#: The blocks of a news article's body, in the order the admin offers them.
#: Articles can also carry the live showcase figures, showcase cards and task lists.
ARTICLE_BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ParagraphBlock()),
    ("image", ImageBlock()),
    ("gallery", GalleryBlock()),
    ("quote", QuoteBlock()),
    ("table", TableBlock()),
    ("highlight", HighlightBlock()),
    ("document", DocumentBlock()),
    ("embed", MediaEmbedBlock()),
    *SHOWCASE_BLOCKS,
    *TASK_BLOCKS,
]

#: Showcase pages, the showcase index and the task-plan index use the same body.
SHOWCASE_BODY_BLOCKS = ARTICLE_BODY_BLOCKS


__all__ = [
    "ARTICLE_BODY_BLOCKS",
    "SHOWCASE_BLOCKS",
    "SHOWCASE_BODY_BLOCKS",
    "SIDEBAR_BLOCKS",
    "TASK_BLOCKS",
    "DocumentBlock",
    "GalleryBlock",
    "HeadingBlock",
    "HighlightBlock",
    "ImageBlock",
    "MediaEmbedBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "ShowcaseCardsBlock",
    "ShowcaseStatisticsBlock",
    "TableBlock",
    "TaskListBlock",
    "TrackedPlanBlock",
]
