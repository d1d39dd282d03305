"""A commune's document library with a few documents, built in the test database."""

import datetime

import pytest

from kyanh_cms.models import (
    DocumentKind,
    DocumentLibraryPage,
    DocumentRelation,
    IssuingBody,
    LegalDocumentPage,
    PortalHomePage,
)


class Library:
    def __init__(self, site):
        self.site = site
        self.home = PortalHomePage.objects.get(pk=site.root_page_id)
        self.page = DocumentLibraryPage(title="Văn bản", slug="van-ban")
        self.home.add_child(instance=self.page)
        self.decision = DocumentKind.objects.create(name="Quyết định", abbreviation="QĐ", order=1)
        self.plan = DocumentKind.objects.create(name="Kế hoạch", abbreviation="KH", order=2)
        self.committee = IssuingBody.objects.create(
            name="Ủy ban nhân dân xã Kỳ Hoa", abbreviation="UBND", site=site
        )

    def document(self, number="125/QĐ-UBND", abstract="Về việc ban hành quy chế", **fields):
        fields.setdefault("kind", self.decision)
        fields.setdefault("issuer", self.committee)
        fields.setdefault("issue_date", datetime.date(2025, 3, 14))
        fields.setdefault("title", f"Quyết định số {number}")
        relations = fields.pop("relations", [])
        publish = fields.pop("publish", True)
        document = LegalDocumentPage(number_symbol=number, abstract=abstract, **fields)
        document.relations = [
            DocumentRelation(kind=kind, target=target) for kind, target in relations
        ]
        document.live = publish
        self.page.add_child(instance=document)
        if publish:
            document.save_revision().publish()
        return document


@pytest.fixture
def library(portal):
    return Library(portal)


def html_of(response):
    assert response.status_code == 200, response.status_code
    return " ".join(response.content.decode().split())
