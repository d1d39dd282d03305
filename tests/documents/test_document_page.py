"""A document's page and the editor's form: facts, files, relations on both sides,
structured data, the national feedback link, and numbers unique per issuer and year."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kyanh_cms.documents.choices import RelationKind
from kyanh_cms.documents.numbers import normalize_number_symbol, validate_number_symbol
from kyanh_cms.models import DocumentAttachment, LegalDocumentPage
from tests.documents.conftest import html_of

pytestmark = pytest.mark.django_db


def test_the_page_shows_facts_files_relations_and_legislation_data(client, library):
    pdf = get_document_model()(title="Bản ký số")
    pdf.file.save("qd-125.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    pdf.save()
    old = library.document("3/QĐ-UBND", "Quy chế cũ", issue_date=datetime.date(2019, 1, 1))
    document = library.document(
        "125/QĐ-UBND",
        "Về việc ban hành quy chế làm việc",
        signer="Lê Văn Cường",
        signer_position="Chủ tịch",
        relations=[(RelationKind.AMENDS, old)],
    )
    document.attachments = [DocumentAttachment(file=pdf)]
    document.save_revision().publish()
    html = html_of(client.get(document.url))
    assert "Lê Văn Cường (Chủ tịch)" in html and "14/03/2025" in html
    assert "Sửa đổi, bổ sung" in html and ">3/QĐ-UBND<" in html
    assert '<iframe class="kyanh-embed__frame" src="' in html
    assert '"@type": "Legislation"' in html and '"legislationIdentifier": "125/QĐ-UBND"' in html
    assert "https://vbpl.vn" in html
    old_html = html_of(client.get(old.url))
    assert "Được sửa đổi, bổ sung bởi" in old_html and "Được sửa đổi, bổ sung</span>" in old_html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("125/QĐ-UBND", "125/QĐ-UBND"),
        (" 125 / qđ - ubnd ", "125/QĐ-UBND"),
        ("42/2022/NĐ-CP", "42/2022/NĐ-CP"),
        ("15/QĐ-TTg", "15/QĐ-TTg"),
    ],
)
def test_numbers_are_normalised(typed, stored):
    assert normalize_number_symbol(typed) == stored
    validate_number_symbol(typed)


@pytest.mark.parametrize("typed", ["QĐ-UBND", "125", "125 QĐ UBND", "số 125/QĐ-UBND"])
def test_numbers_without_a_symbol_are_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_number_symbol(typed)


def test_the_editor_cannot_reuse_a_number_of_the_same_issuer_and_year(admin_client, library):
    library.document("125/QĐ-UBND", "Bản đầu")
    data = nested_form_data(
        {
            "title": "Quyết định trùng số",
            "slug": "quyet-dinh-trung-so",
            "kind": library.decision.pk,
            "number_symbol": "125/qd-ubnd",
            "issuer": library.committee.pk,
            "issue_date": "2025-07-01",
            "abstract": "Trích yếu của bản thứ hai",
            "attachments": inline_formset([]),
            "relations": inline_formset([]),
            "full_text": '{"blocks": [], "entityMap": {}}',
        }
    )
    url = f"/admin/pages/add/kyanh_cms/legaldocumentpage/{library.page.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "của cơ quan này năm 2025 đã có" in html
    assert "Trích yếu của bản thứ hai" in html  # nothing typed is lost
    assert LegalDocumentPage.objects.count() == 1
    data["issue_date"] = "2026-01-05"  # the same number in another year is another document
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert LegalDocumentPage.objects.count() == 2


def test_documents_are_in_the_sitemap(client, library):
    document = library.document()
    assert (
        f"<loc>http://testserver{document.url}</loc>" in client.get("/sitemap.xml").content.decode()
    )


def test_a_warm_document_page_runs_no_query(client, library, django_assert_max_num_queries):
    old = library.document("3/QĐ-UBND", "Quy chế cũ", issue_date=datetime.date(2019, 1, 1))
    document = library.document(
        "4/QĐ-UBND", "Quy chế mới", relations=[(RelationKind.REPLACES, old)]
    )
    client.get(document.url)
    with django_assert_max_num_queries(2):
        assert client.get(document.url).status_code == 200
