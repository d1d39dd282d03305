"""What other wings use of the home wing: the portal's front page (a commune site is set
up with one)."""

from kyanh_cms.home.models import PortalHomePage

__all__ = ["PortalHomePage"]
