"""The visitors' article search (``/tim-kiem/?q=``), accent-insensitive for Vietnamese.

"ky anh", "Kỳ Anh", "KỲ ANH" and the same words in decomposed Unicode all
find the same articles: the query is folded like the articles'
``search_text`` (see ``kyanh_cms.text.fold_vietnamese``).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from .conf import get_setting
from .models.news import (
    LISTING_PAGE_SIZE,
    SEARCH_QUERY_MAX_LENGTH,
    NewsArticlePage,
    attach_categories,
    search_terms,
)


@require_safe
def news_search(request):
    query = " ".join(request.GET.get("q", "")[:SEARCH_QUERY_MAX_LENGTH].split())
    site = Site.find_for_request(request)
    results = None
    paginator = None
    if search_terms(query):
        articles = NewsArticlePage.objects.visible()
        if site is not None:
            articles = articles.in_category(site.root_page)
        paginator = Paginator(
            articles.search(query).newest_first().for_listing(), LISTING_PAGE_SIZE
        )
        results = paginator.get_page(request.GET.get("page"))
        attach_categories(results.object_list)
    return render(
        request,
        "kyanh_cms/pages/news_search.html",
        {
            "kyanh_cms_layout": get_setting("BASE_TEMPLATE"),
            "query": query,
            "results": results,
            "paginator": paginator,
            "max_length": SEARCH_QUERY_MAX_LENGTH,
        },
    )
