from django import template
from wagtail.models import Page

from kyanh_cms.caching.fragments import lazy_context
from kyanh_cms.engagement.models import ReaderComment
from kyanh_cms.engagement.policy import engagement_for
from kyanh_cms.engagement.ratings import summary_for

register = template.Library()


@register.inclusion_tag("kyanh_cms/engagement/engagement_section.html", takes_context=True)
def page_engagement(context, page=None):
    """Rating summary and approved comments of ``page``, with slots for the uncached forms.

    The output is the same for every visitor, so the page around it may be
    cached; a constant number of queries, however many comments there are.
    """
    page = page if page is not None else context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return {"engagement": None}
    engagement = engagement_for(page.specific, request)
    return {
        "page": page,
        "request": request,
        "engagement": engagement,
        "rating_summary": summary_for(page) if engagement.ratings else None,
        # Drawn inside a cached fragment (approved comments change on moderation only).
        "comments": lazy_context(
            lambda: list(ReaderComment.objects.public_for_page(page)) if engagement.comments else []
        ),
    }
