"""What other wings and the faces use of the document library: the page types and the
opinions (a new commune gets a library, its own issuing body and its editors the
opinions' moderation, ``provincial.setup``), the kinds (the sidebar block chooses one)
and the newest documents of a site."""

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
