"""Models of the extension, split by kind; import them from here."""

from .pages import PortalHomePage, PortalPageMixin
from .site_settings import PortalSettings

__all__ = [
    "PortalHomePage",
    "PortalPageMixin",
    "PortalSettings",
]
