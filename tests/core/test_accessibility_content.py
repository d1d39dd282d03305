"""Content rules for accessibility: every published image has alternative text or is
marked decorative; links say where they lead; the captcha can be listened to."""

import json
import shutil

import pytest
from captcha.conf import settings as captcha_settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kyanh_cms.models import NewsArticlePage, Organization, ShowcaseIndexPage, ShowcasePage

ALT_TEXT_MISSING = "Vui lòng thêm văn bản thay thế cho ảnh hoặc đánh dấu ảnh là ảnh trang trí"
PUBLISH = {"action-publish": "action-publish"}


@pytest.fixture
def editor_client(client, portal):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-1")
    client.force_login(user)
    return client


def article_form(image, *, main_alt="", main_decorative=False, body_alt="", body_decorative=False):
    body_image = {"image": image.pk, "alt_text": body_alt}
    if body_decorative:
        body_image["decorative"] = "on"
    data = {
        "title": "Khánh thành nhà văn hóa tổ dân phố Hưng Hòa",
        "slug": "khanh-thanh-nha-van-hoa-hung-hoa",
        "lead": "Nhà văn hóa mới phục vụ hơn 300 hộ dân.",
        "published_at": "2026-11-20 09:00",
        "main_image": image.pk,
        "main_image_alt_text": main_alt,
        "main_image_caption": "Lễ cắt băng khánh thành.",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Sáng 20/11, tổ dân phố Hưng Hòa khánh thành.</p>")),
                (
                    "image",
                    {"image": body_image, "caption": "", "credit": "", "placement": "full"},
                ),
            ]
        ),
        "tags": "",
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "ratings_enabled": "on",
        "comments_enabled": "on",
    }
    if main_decorative:
        data["main_image_decorative"] = "on"
    return nested_form_data(data)


def messages_of(form):
    """Every error message of a page form, including those nested in StreamField blocks."""
    found = []
    for field, errors in form.errors.items():
        for error in errors.as_data():
            if hasattr(error, "as_json_data"):
                found.append((field, json.dumps(error.as_json_data(), ensure_ascii=False)))
            else:
                found.extend((field, message) for message in error.messages)
    return found


def test_an_article_image_without_alt_text_cannot_be_published(editor_client, news):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    image = news.image()
    add_url = reverse("wagtailadmin_pages:add", args=["kyanh_cms", "newsarticlepage", category.pk])

    response = editor_client.post(add_url, {**article_form(image), **PUBLISH})
    assert response.status_code == 200
    errors = messages_of(response.context["form"])
    assert ("main_image_alt_text", ALT_TEXT_MISSING) in errors
    assert any(field == "body" and ALT_TEXT_MISSING in text for field, text in errors)
    assert ALT_TEXT_MISSING in response.content.decode()  # the editor reads it in Vietnamese
    # The form comes back with what the editor typed, and nothing was created.
    assert "Nhà văn hóa mới phục vụ hơn 300 hộ dân." in response.content.decode()
    assert not NewsArticlePage.objects.filter(slug="khanh-thanh-nha-van-hoa-hung-hoa").exists()

    # A draft may stay incomplete, as Wagtail's own required fields may.
    response = editor_client.post(add_url, article_form(image))
    assert response.status_code == 302
    draft = NewsArticlePage.objects.get(slug="khanh-thanh-nha-van-hoa-hung-hoa")
    assert not draft.live

    # Written alt text for the main image, "decorative" for the picture in the body: published.
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = article_form(image, main_alt="Đại biểu cắt băng khánh thành", body_decorative=True)
    response = editor_client.post(edit_url, {**data, **PUBLISH})
    assert response.status_code == 302, messages_of(response.context["form"])
    draft.refresh_from_db()
    assert draft.live
    html = editor_client.get(draft.url).content.decode()
    assert 'alt="Đại biểu cắt băng khánh thành"' in html
    assert html.count('alt=""') >= 1  # the decorative picture is skipped by screen readers


def showcase_form(organization, image, gallery):
    return nested_form_data(
        {
            "title": "Tủ sách cộng đồng",
            "slug": "tu-sach-cong-dong",
            "kind": "collective",
            "year": 2026,
            "status": "registered",
            "organization": organization.pk,
            "person_name": "",
            "person_position": "",
            "summary": "",
            "main_image": image.pk,
            "main_image_alt_text": "",
            "main_image_decorative": "on",
            "body": streamfield([]),
            "gallery_images": inline_formset(gallery),
            "evidence_documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_a_showcase_gallery_photo_needs_alt_text_too(editor_client, news):
    home = news.home
    index = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=index)
    organization = Organization.objects.create(name="Chi bộ tổ dân phố Hưng Hòa")
    image = news.image()
    add_url = reverse("wagtailadmin_pages:add", args=["kyanh_cms", "showcasepage", index.pk])
    photo = {"image": image.pk, "caption": "Góc đọc sách", "alt_text": ""}

    data = showcase_form(organization, image, [photo])
    response = editor_client.post(add_url, {**data, **PUBLISH})
    assert response.status_code == 200
    gallery_form = response.context["form"].formsets["gallery_images"].forms[0]
    assert gallery_form.errors["alt_text"] == [ALT_TEXT_MISSING]
    assert not ShowcasePage.objects.exists()

    photo["alt_text"] = "Thiếu nhi đọc sách tại tủ sách cộng đồng"
    data = showcase_form(organization, image, [photo])
    response = editor_client.post(add_url, {**data, **PUBLISH})
    assert response.status_code == 302
    showcase = ShowcasePage.objects.get()
    assert showcase.live
    html = editor_client.get(showcase.url).content.decode()
    assert 'alt="Thiếu nhi đọc sách tại tủ sách cộng đồng"' in html


def test_share_and_feed_links_say_where_they_lead(client, make_article):
    article = make_article()
    html = client.get(article.url).content.decode()
    assert "Chia sẻ lên </span>Facebook" in html
    assert "Chia sẻ lên </span>Zalo" in html
    category_html = client.get(article.get_parent().url).content.decode()
    assert 'RSS<span class="kyanh-visually-hidden"> tin mới của chuyên mục Tin hoạt động' in (
        category_html
    )


@pytest.fixture
def flite(monkeypatch):
    path = shutil.which("flite")
    if path is None:
        pytest.fail("flite is missing: `make test` installs Debian's flite package.")
    # django-simple-captcha reads its settings once, at import.
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", path)
    return path


def test_the_captcha_can_be_listened_to(client, make_article, flite):
    article = make_article()
    html = client.get(reverse("kyanh_cms:engagement", args=[article.pk])).content.decode()
    assert "Nghe mã xác thực" in html
    audio_url = html.split("data-kyanh-captcha-audio")[0].rsplit('href="', 1)[1].split('"')[0]
    response = client.get(audio_url)
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    # A new code brings its own recording.
    challenge = client.get(reverse("kyanh_cms:captcha_refresh")).json()
    assert challenge["audio"].endswith(".wav") and challenge["audio"] != audio_url


def test_without_flite_no_audio_link_is_offered(client, make_article, monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", None)
    article = make_article()
    html = client.get(reverse("kyanh_cms:engagement", args=[article.pk])).content.decode()
    assert "Nghe mã xác thực" not in html
    assert "Đổi mã khác" in html
