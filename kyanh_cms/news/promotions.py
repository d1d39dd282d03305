"""The article search and Wagtail's search promotions (``wagtail.contrib.search_promotions``).

When a host installs that app, each visitor search is recorded the way
Wagtail's documentation shows (``Query.get(q).add_hit()``), so editors see
what the town searches for under Reports → "Promoted search results", and the
results editors promote for a query are shown first. Without the app nothing
here runs and nothing is imported.

- **Vietnamese queries.** Wagtail keys a query by its lower-case text, so
  "Kỳ Anh" and "ky anh" are two queries. Hits are recorded as the visitor typed
  (editors see real Vietnamese), while promotions are matched with accents
  folded on both sides: a promotion for "kỳ anh" is shown to a visitor who typed
  "KY ANH".
- **Sites.** Promotions belong to the whole installation, but a promoted page
  is shown only on the site whose tree holds it, and only while it is live and
  public, so one commune's pages never appear in another's search. External
  links show on every site: the permission to edit promotions is
  installation-wide and belongs to the province's editors.
- A failure to record a hit is logged and the search goes on.
"""

import logging

from django.apps import apps
from django.db import DatabaseError

from kyanh_cms.caching.sites import site_roots
from kyanh_cms.core.text import fold_vietnamese

logger = logging.getLogger(__name__)

APP = "wagtail.contrib.search_promotions"


def promotions_installed() -> bool:
    return apps.is_installed(APP)


def record_search(query: str) -> None:
    """One hit for ``query`` today, in Wagtail's daily counter.

    A query searched before today costs one ``F() + 1`` update; the first search
    of the day goes through Wagtail's own ``Query.get(q).add_hit()``.
    """
    from django.db.models import F
    from django.utils import timezone
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
    from wagtail.search.utils import normalise_query_string

    try:
        counted = QueryDailyHits.objects.filter(
            query__query_string=normalise_query_string(query), date=timezone.now().date()
        ).update(hits=F("hits") + 1)
        if not counted:
            Query.get(query).add_hit()
    except DatabaseError:
        logger.warning("The search %r could not be recorded.", query, exc_info=True)


def promoted_results(query: str, site) -> list:
    """The editors' promotions for ``query`` that may show on ``site``, in their order.

    One query when nothing is promoted for it; two more to keep to the site's live,
    public pages when something is.
    """
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page

    folded = fold_vietnamese(query)
    if not folded:
        return []
    # An installation has a few dozen promotions: folding them here matches accents
    # either way, which SQL could not.
    matching = [
        promotion
        for promotion in SearchPromotion.objects.select_related("query", "page").order_by(
            "sort_order", "pk"
        )
        if fold_vietnamese(promotion.query.query_string) == folded
    ]
    page_ids = {promotion.page_id for promotion in matching if promotion.page_id}
    if page_ids:
        root = dict(site_roots()).get(site.pk) if site is not None else None
        pages = Page.objects.filter(pk__in=page_ids, live=True)
        if root:
            pages = pages.filter(path__startswith=root)
        page_ids = set(pages.public().values_list("pk", flat=True))
    return [
        promotion
        for promotion in matching
        if promotion.page_id in page_ids
        or (promotion.page_id is None and promotion.external_link_url)
    ]
