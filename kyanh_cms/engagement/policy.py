"""Which pages accept ratings and comments.

The extension does not know the page types that carry reader engagement: a
page opts in with boolean fields (or attributes) ``ratings_enabled`` and
``comments_enabled``. On top of that, a page must be live and open to the
public (no view restriction on it or its ancestors); comments must also be
allowed by ``KYANH_CMS["COMMENTS_ENABLED"]`` and by the site's engagement
settings, ratings by ``KYANH_CMS["RATINGS_ENABLED"]``. A page is only
engaged with through its own site's host: asking another site's host about
it would get round that site's settings.
"""

from dataclasses import dataclass

from django.http import Http404
from wagtail.models import Page, Site

from kyanh_cms.caching.sites import setting_for_request
from kyanh_cms.core.conf import get_setting
from kyanh_cms.engagement.models import EngagementSettings
from kyanh_cms.portal.public import restricted_paths


@dataclass(frozen=True)
class Engagement:
    page: Page
    ratings: bool
    comments: bool

    @property
    def any(self) -> bool:
        return self.ratings or self.comments


def is_public(page: Page) -> bool:
    """No view restriction on the page or any ancestor (whose paths are prefixes of
    the page's own)."""
    return not any(page.path.startswith(path) for path in restricted_paths())


def engagement_for(page: Page, request) -> Engagement:
    """What readers may do on ``page`` (a specific page instance) for this request's site."""
    wants_ratings = get_setting("RATINGS_ENABLED") and bool(getattr(page, "ratings_enabled", False))
    wants_comments = get_setting("COMMENTS_ENABLED") and bool(
        getattr(page, "comments_enabled", False)
    )
    if not (wants_ratings or wants_comments) or not page.live:
        return Engagement(page, False, False)
    if not is_public(page):
        return Engagement(page, False, False)
    if request is not None and not _is_on_request_site(page, request):
        return Engagement(page, False, False)
    if wants_comments and request is not None:
        wants_comments = setting_for_request(EngagementSettings, request).comments_enabled
    return Engagement(page, wants_ratings, wants_comments)


def _is_on_request_site(page, request):
    """Whether ``page`` is under the root of the site ``request`` came to (the site is
    cached on the request with its root page)."""
    site = Site.find_for_request(request)
    return site is None or page.path.startswith(site.root_page.path)


def get_engagement_or_404(request, page_id: int, *, ratings=False, comments=False) -> Engagement:
    """The engagement of a live page by id; 404 unless it accepts what is asked for."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    engagement = engagement_for(page.specific, request)
    if (ratings and not engagement.ratings) or (comments and not engagement.comments):
        raise Http404
    if not engagement.any:
        raise Http404
    return engagement
