"""``{% load kyanh_engagement_tags %}``: ratings and reader comments under a page
(``kyanh_cms.engagement.templatetags``)."""

from kyanh_cms.engagement.templatetags import register

__all__ = ["register"]
