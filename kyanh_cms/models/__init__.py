"""Models of the extension, split by kind; import them from here."""

from .pages import PortalHomePage, PortalPageMixin
from .sidebar import SidebarSettings
from .site_settings import PortalSettings
from .visits import DailyPageViews, DailySiteVisits, OnlineVisitor, VisitorSalt

__all__ = [
    "DailyPageViews",
    "DailySiteVisits",
    "OnlineVisitor",
    "PortalHomePage",
    "PortalPageMixin",
    "PortalSettings",
    "SidebarSettings",
    "VisitorSalt",
]
