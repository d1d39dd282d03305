"""Drafts for comment: opinions only inside the window, through the captcha, moderated,
never shown with the contact; editors export them."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kyanh_cms.models import DocumentOpinion
from tests.documents.conftest import html_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def captcha_test_mode(settings):
    settings.CAPTCHA_TEST_MODE = True


def make_draft(library, opens_in_days=-1, closes_in_days=10):
    now = timezone.now()
    return library.document(
        "20/DT-UBND",
        "Dự thảo quy chế quản lý nghĩa trang nhân dân",
        title="Dự thảo quy chế quản lý nghĩa trang",
        issue_date=timezone.localdate(),
        is_draft=True,
        consultation_opens=now + datetime.timedelta(days=opens_in_days),
        consultation_closes=now + datetime.timedelta(days=closes_in_days),
    )


def form_url(draft):
    return reverse("kyanh_cms:document_opinion", args=[draft.pk])


def opinion(answer="passed", **fields):
    return {
        "name": "Nguyễn Văn An",
        "contact": "0912 345 678",
        "content": "Đề nghị bổ sung quy định về giờ mở cửa.",
        "captcha_key": "",
        "captcha": answer,
        **fields,
    }


def with_key(client, draft, data):
    """The form as a browser sends it: with the challenge key the GET drew."""
    html = client.get(form_url(draft)).content.decode()
    key = html.split('name="captcha_key" value="', 1)[1].split('"', 1)[0]
    return {**data, "captcha_key": key}


def test_an_open_draft_takes_an_opinion_shown_after_moderation_without_contact(
    client, library, captcha_test_mode
):
    draft = make_draft(library)
    page = html_of(client.get(draft.url))
    assert "Gửi ý kiến" in page and "https://vbpl.vn" in page
    response = client.post(form_url(draft), with_key(client, draft, opinion()))
    assert response.status_code == 200
    assert "Cảm ơn bạn" in response.content.decode()
    stored = DocumentOpinion.objects.get()
    assert stored.contact == "0912 345 678" and stored.status == "pending"
    assert "Nguyễn Văn An" not in html_of(client.get(draft.url))
    stored.status = "approved"
    stored.save()
    page = html_of(client.get(draft.url))
    assert "Nguyễn Văn An" in page and "giờ mở cửa" in page
    assert "0912 345 678" not in page


def test_a_wrong_code_keeps_the_text_and_stores_nothing(client, library, captcha_test_mode):
    draft = make_draft(library)
    response = client.post(form_url(draft), with_key(client, draft, opinion(answer="sai")))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mã xác thực không đúng" in html
    assert "Đề nghị bổ sung quy định về giờ mở cửa." in html
    assert not DocumentOpinion.objects.exists()


def test_one_solved_code_cannot_be_used_twice(client, library, captcha_test_mode):
    draft = make_draft(library)
    data = with_key(client, draft, opinion())
    assert client.post(form_url(draft), data).status_code == 200
    again = client.post(form_url(draft), data)
    assert again.status_code == 400
    assert DocumentOpinion.objects.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(-10, -1, "đã hết thời gian lấy ý kiến"), (2, 10, "chưa đến thời gian lấy ý kiến")],
)
def test_outside_the_window_the_form_says_so_and_takes_nothing(
    client, library, captcha_test_mode, opens, closes, message
):
    draft = make_draft(library, opens, closes)
    assert message in html_of(client.get(draft.url))
    response = client.post(form_url(draft), opinion())
    assert response.status_code == 403
    html = response.content.decode()
    assert message in html and "giờ mở cửa" in html
    assert not DocumentOpinion.objects.exists()


def test_a_document_that_is_not_a_draft_has_no_form(client, library):
    document = library.document()
    assert client.get(form_url(document)).status_code == 404


def test_editors_export_the_opinions_with_contacts(admin_client, library):
    draft = make_draft(library)
    DocumentOpinion.objects.create(
        document=draft, name="Trần Thị Bình", contact="binh@example.vn", content="=1+1 đồng ý"
    )
    response = admin_client.get(reverse("kyanh_document_opinions:index") + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[1][2:5] == ("Trần Thị Bình", "binh@example.vn", "=1+1 đồng ý")
    assert sheet.cell(row=2, column=5).data_type == "s"
