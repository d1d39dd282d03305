"""What other wings use of the showcase wing: the organizations (task plans name the
one responsible for each item) and the showcase index (a new commune site gets one)."""

from kyanh_cms.showcases.models import ShowcaseIndexPage
from kyanh_cms.showcases.organizations import Organization

__all__ = ["Organization", "ShowcaseIndexPage"]
