"""StreamField blocks of kyanh-cms, importable as ``kyanh_cms.blocks``.

One module per family (content, showcases, tasks, sidebar); this package
names the stream compositions that page models and settings use.
"""

from .sidebar import SIDEBAR_BLOCK_LIST

# The site sidebar (``SidebarSettings.widgets``): map, links, statistics, most read,
# banner and text. A "latest news" block joins it where the news family is merged.
SIDEBAR_BLOCKS = SIDEBAR_BLOCK_LIST

__all__ = ["SIDEBAR_BLOCKS"]
