"""Structured data of a document for search engines: schema.org ``Legislation``
(with its number, dates, issuer and status) for documents in force or past,
``DigitalDocument`` for drafts, which are not yet law."""

import json

from django.utils.safestring import mark_safe

from kyanh_cms.documents.choices import DocumentStatus

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

#: schema.org's words for a document's legal force.
LEGAL_FORCE = {
    DocumentStatus.IN_FORCE: "https://schema.org/InForce",
    DocumentStatus.AMENDED: "https://schema.org/PartiallyInForce",
    DocumentStatus.NOT_YET: "https://schema.org/NotInForce",
    DocumentStatus.EXPIRED: "https://schema.org/NotInForce",
    DocumentStatus.REPLACED: "https://schema.org/NotInForce",
}


def document_json_ld(document, request):
    url = document.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument" if document.is_draft else "Legislation",
        "name": document.title,
        "url": url,
        "abstract": document.abstract,
        "inLanguage": "vi",
        "dateCreated": document.issue_date.isoformat(),
    }
    if not document.is_draft:
        data.update(
            {
                "legislationIdentifier": document.number_symbol,
                "legislationType": document.kind.name,
                "legislationDate": document.issue_date.isoformat(),
                "legislationPassedBy": {"@type": "Organization", "name": document.issuer.name},
                "legislationLegalForce": LEGAL_FORCE.get(document.status),
                "legislationJurisdiction": "VN",
            }
        )
        if document.effective_date:
            data["legislationDateOfApplicability"] = document.effective_date.isoformat()
        if document.expiry_date:
            data["expires"] = document.expiry_date.isoformat()
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
