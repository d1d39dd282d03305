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

#: The blocks of a news article's body, in the order the admin offers them.
#: Other families append their own ``(name, block)`` pairs to this list.
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
]

__all__ = [
    "ARTICLE_BODY_BLOCKS",
    "DocumentBlock",
    "GalleryBlock",
    "HeadingBlock",
    "HighlightBlock",
    "ImageBlock",
    "MediaEmbedBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TableBlock",
]
