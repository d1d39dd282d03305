"""The demo library: about forty documents, statuses of every sort, one open draft;
a second run changes nothing."""

import io

import pytest

from kyanh_cms.demo import documents as demo
from kyanh_cms.documents.choices import DocumentStatus
from kyanh_cms.models import LegalDocumentPage

pytestmark = pytest.mark.django_db


def test_the_demo_library_has_forty_documents_of_every_status(portal, client):
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    documents = LegalDocumentPage.objects.live()
    assert 38 <= documents.count() <= 45
    statuses = set(documents.with_status().values_list("computed_status", flat=True))
    assert {
        DocumentStatus.IN_FORCE,
        DocumentStatus.REPLACED,
        DocumentStatus.EXPIRED,
        DocumentStatus.AMENDED,
        DocumentStatus.DRAFT,
    } <= statuses
    draft = documents.get(is_draft=True)
    assert draft.consultation_state() == "open"
    html = client.get(draft.get_parent().url, {"q": "1520"}).content.decode()
    assert ">1520/QĐ-UBND<" in html and "Bị thay thế" in html
