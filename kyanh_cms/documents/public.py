"""What other wings and the faces use of the document library: the page types and the
opinions (a new commune gets a library, its own issuing body and its editors the
opinions' moderation, ``provincial.setup``), the kinds (the sidebar block chooses one)
and the newest documents of a site."""

from urllib.parse import urlencode

from kyanh_cms.documents.models import (
    DocumentKind,
    DocumentLibraryPage,
    DocumentOpinion,
    IssuingBody,
    LegalDocumentPage,
)

__all__ = [
    "DocumentKind",
    "DocumentLibraryPage",
    "DocumentOpinion",
    "IssuingBody",
    "LegalDocumentPage",
    "matching_documents",
    "newest_documents",
]


def newest_documents(root_page, count, kind=None):
    """The ``count`` newest live documents below ``root_page`` (a site's root),
    optionally of one ``kind``: one query."""
    documents = LegalDocumentPage.objects.live().descendant_of(root_page)
    if kind is not None:
        documents = documents.filter(kind=kind)
    documents = documents.filter(is_draft=False).order_by("-issue_date", "-pk")
    return list(documents.only("title", "url_path", "path", "number_symbol", "issue_date")[:count])


def matching_documents(query, site, limit=5):
    """For the portal's site search: ``{"documents": [(number, title, url, issue date)],
    "more_url": the library's own search or ""}`` — at most ``limit`` live documents of
    ``site`` whose number or text matches ``query`` (folded like the library's keyword),
    newest first. Kept in the cache under the site's content generation."""
    from kyanh_cms.caching.generation import INSTALLATION
    from kyanh_cms.caching.store import cached
    from kyanh_cms.documents.numbers import query_terms
    from kyanh_cms.portal.public import restricted_paths

    terms = query_terms(query)
    if not terms or site is None:
        return {"documents": [], "more_url": ""}

    def build():
        documents = LegalDocumentPage.objects.live().descendant_of(site.root_page).matching(terms)
        for path in restricted_paths():
            documents = documents.exclude(path__startswith=path)
        found = list(
            documents.order_by("-issue_date", "-pk").only(
                "title", "url_path", "path", "number_symbol", "issue_date"
            )[: limit + 1]
        )
        rows = [(d.number_symbol, d.title, d.get_url(), d.issue_date) for d in found[:limit]]
        more_url = ""
        if len(found) > limit:
            library = found[0].get_parent()
            more_url = f"{library.get_url()}?{urlencode({'q': query})}"
        return {"documents": rows, "more_url": more_url}

    return cached(
        "site-search-documents", (site.root_page_id, *terms), build, scope=site.pk or INSTALLATION
    )
