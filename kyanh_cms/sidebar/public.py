"""What other wings use of the sidebar wing: the daily page views (the news import
carries over the old portal's view counts)."""

from kyanh_cms.sidebar.counters import DailyPageViews

__all__ = ["DailyPageViews"]
