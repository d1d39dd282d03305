"""StreamField blocks of kyanh-cms, importable as ``kyanh_cms.blocks``.

One module per wing (``content`` holds the general body blocks every wing may
use; ``showcases``, ``tasks`` and ``sidebar`` the blocks of those wings); this
package names the stream compositions and registers them
(``kyanh_cms.core.streams``) for the page models that ask for them by name.
``kyanh_cms.models`` imports it; Wagtail reads a composition only when it first
needs the field's block.
"""

from kyanh_cms.blocks.content import (
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
from kyanh_cms.blocks.documents import NewestDocumentsBlock
from kyanh_cms.blocks.schedules import TodayScheduleBlock
from kyanh_cms.blocks.showcases import ShowcaseCardsBlock, ShowcaseStatisticsBlock
from kyanh_cms.blocks.sidebar import SIDEBAR_BLOCK_LIST
from kyanh_cms.blocks.tasks import TaskListBlock, TrackedPlanBlock
from kyanh_cms.core.streams import compose

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
# banner and text, and the newest documents of the library.
SIDEBAR_BLOCKS = [
    *SIDEBAR_BLOCK_LIST,
    ("newest_documents", NewestDocumentsBlock()),
    ("today_schedule", TodayScheduleBlock()),
]

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

compose("article_body", ARTICLE_BODY_BLOCKS)
compose("showcase_body", SHOWCASE_BODY_BLOCKS)
compose("sidebar", SIDEBAR_BLOCKS)


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
