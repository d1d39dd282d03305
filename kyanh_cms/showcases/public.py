"""What other wings use of the showcase wing: the organizations (task plans name the
one responsible for each item)."""

from kyanh_cms.showcases.organizations import Organization

__all__ = ["Organization"]
