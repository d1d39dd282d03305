"""kyanh-cms: a Vietnamese town portal's news, showcases, task lists and sidebar for Wagtail."""

__version__ = "0.1.0"
