"""What other wings use of the sidebar wing: the daily page views and their race-free
``increment`` (the news import carries over the old portal's view counts), the sidebar
setting and the widgets a new
site starts with (a new commune site gets its own)."""

from kyanh_cms.sidebar.counters import DailyPageViews
from kyanh_cms.sidebar.defaults import default_sidebar
from kyanh_cms.sidebar.models import SidebarSettings
from kyanh_cms.sidebar.visits import increment

__all__ = ["DailyPageViews", "SidebarSettings", "default_sidebar", "increment"]
