"""The visitors' article search (``/tim-kiem/?q=``), accent-insensitive for Vietnamese.

"ky anh", "Kỳ Anh", "KỲ ANH" and the same words in decomposed Unicode all
find the same articles: the query is folded like the articles'
``search_text`` (see ``kyanh_cms.core.text.fold_vietnamese``).

The matching ids, newest first, come from ``search_result_ids`` (one scan
per query until the content changes, at most ``SEARCH_MAX_RESULTS``); the
paginator pages through that list and only the ten articles shown are read.

With ``wagtail.contrib.search_promotions`` installed, each search is recorded
and the editors' promoted results come first (``promotions.py``); they stay
outside the cached results, as editing a promotion moves no content generation.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from kyanh_cms.caching.fragments import lazy_parts
from kyanh_cms.caching.middleware import uses_site
from kyanh_cms.caching.sites import request_scope
from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.input import clean_params
from kyanh_cms.documents.public import matching_documents
from kyanh_cms.news.models import (
    LISTING_PAGE_SIZE,
    SEARCH_MAX_RESULTS,
    SEARCH_QUERY_MAX_LENGTH,
    articles_by_ids,
    search_result_ids,
    search_terms,
)
from kyanh_cms.news.promotions import promoted_results, promotions_installed, record_search


@uses_site
@require_safe
def news_search(request):
    params = clean_params(request.GET)
    query = " ".join(params.get("q", "")[:SEARCH_QUERY_MAX_LENGTH].split())
    site = Site.find_for_request(request)
    searched = bool(search_terms(query))

    def search():
        ids = search_result_ids(
            query, site.root_page_id if site is not None else None, request_scope(request)
        )
        paginator = Paginator(ids[:SEARCH_MAX_RESULTS], LISTING_PAGE_SIZE)
        results = paginator.get_page(params.get("page"))
        results.object_list = articles_by_ids(results.object_list)
        return {
            "results": results,
            "paginator": paginator,
            "more_results": len(ids) > SEARCH_MAX_RESULTS,
            # The site's legal documents that match, above the articles' first page.
            "documents": matching_documents(query, site) if results.number == 1 else {},
        }

    # Lazy: the results are a cached fragment per query string (until the content
    # changes), so a repeated search reads nothing.
    context = {
        "kyanh_cms_layout": get_setting("BASE_TEMPLATE"),
        "query": query,
        "searched": searched,
        "max_results": SEARCH_MAX_RESULTS,
        "max_length": SEARCH_QUERY_MAX_LENGTH,
    }
    if searched:
        context.update(lazy_parts(search, "results", "paginator", "more_results", "documents"))
        first_page = params.get("page", "1") in ("", "1")
        if promotions_installed() and first_page:
            # A visitor's search, not their paging through it: one hit, and the
            # promotions above the first page of results.
            record_search(query)
            context["promotions"] = promoted_results(query, site)
    return render(request, "kyanh_cms/news/news_search.html", context)
