"""Images with more pixels than the server can render in time: refused on upload with a
Vietnamese message, and never decoded on a visit when one is already stored.

The bomb is a real PNG file of 11,000 × 11,000 pixels drawn by Pillow: one colour, a few
KB on disk, 484 MB once decoded.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage
from PIL import ImageFile as PILImageFile
from wagtail.images import get_image_model

from kyanh_cms.core import images


def png_bytes(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (230, 230, 230)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    data = png_bytes(11_000, 11_000)
    assert len(data) < 600 * 1024  # small enough for every upload limit
    return data


@pytest.fixture
def decodes(monkeypatch):
    """How many times Pillow decodes pixel data (the seconds of CPU a bomb costs)."""
    calls = []
    real_load = PILImageFile.ImageFile.load

    def counting_load(image):
        calls.append(image.size)
        return real_load(image)

    monkeypatch.setattr(PILImageFile.ImageFile, "load", counting_load)
    return calls


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("quantri", "qt@example.com", "matkhau")
    client.force_login(user)
    return client


def stored_image(data, name="ban-do.png"):
    """An image saved around the forms, as one uploaded before the limit was."""
    image = get_image_model()(title="Bản đồ quy hoạch")
    image.file = ImageFile(io.BytesIO(data), name=name)
    image.save()
    return image


def test_upload_over_the_limit_gets_a_vietnamese_message(admin_client, bomb, decodes):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Bản đồ quy hoạch", "file": SimpleUploadedFile("ban-do.png", bomb)},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        "Ảnh này có 11.000 × 11.000 điểm ảnh (121,0 megapixel); cổng chỉ nhận tối đa "
        "25 megapixel. Hãy thu nhỏ ảnh rồi tải lên lại."
    ]
    assert response.context["form"]["title"].value() == "Bản đồ quy hoạch"
    assert not get_image_model().objects.exists()
    assert not [size for size in decodes if size == (11_000, 11_000)]


def test_upload_under_the_limit_is_accepted(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Ảnh thường", "file": SimpleUploadedFile("anh.png", png_bytes(1200, 800))},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 1200


def test_a_lower_wagtail_limit_wins(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 500_000
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Ảnh", "file": SimpleUploadedFile("anh.png", png_bytes(1000, 1000))},
    )
    assert response.status_code == 200
    assert "cổng chỉ nhận tối đa 0,5 megapixel" in response.context["form"].errors["file"][0]


def test_the_option_sets_the_limit(admin_client, settings):
    settings.KYANH_CMS = {"MAX_IMAGE_PIXELS": 2_000_000}
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Ảnh", "file": SimpleUploadedFile("anh.png", png_bytes(2000, 1500))},
    )
    assert "tối đa 2 megapixel" in response.context["form"].errors["file"][0]


def test_a_stored_bomb_is_never_decoded_on_a_visit(client, news, bomb, decodes):
    image = stored_image(bomb)
    assert (image.width, image.height) == (11_000, 11_000)
    decodes.clear()  # storing it decoded it once, as its upload did before the limit
    category = news.category("Tin tức", slug="tin-tuc")
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "Bản đồ"},
                "caption": "",
                "credit": "",
                "placement": "full",
            },
        }
    ]
    article = news.article(category, title="Quy hoạch chung", main_image=image, body=body)

    for url in (article.url, category.url, "/", category.url + "rss/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url

    article_html = client.get(article.url).content.decode()
    assert "Quy hoạch chung" in article_html
    assert not [size for size in decodes if size == (11_000, 11_000)]
    assert not image.renditions.exists()


def test_a_stored_bomb_shows_as_wagtails_not_found_picture(bomb, db):
    from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found

    image = stored_image(bomb)
    assert get_rendition_or_not_found(image, "fill-640x427").file.name == "not-found"
    renditions = get_renditions_or_not_found(image, ["fill-320x213", "fill-640x427"])
    assert {r.file.name for r in renditions.values()} == {"not-found"}
    assert images.has_too_many_pixels(image)


def test_images_under_the_limit_still_get_renditions(db):
    image = stored_image(png_bytes(800, 600), name="anh.png")
    rendition = image.get_rendition("fill-320x213")
    assert (rendition.width, rendition.height) == (320, 213)


def test_raising_the_limit_renders_the_stored_image_again(bomb, db, settings):
    image = stored_image(bomb)
    settings.KYANH_CMS = {"MAX_IMAGE_PIXELS": 200_000_000}
    assert not images.has_too_many_pixels(image)


def test_the_option_is_checked(settings, db):  # Django 6.1 checks JSON support on the database
    settings.KYANH_CMS = {"MAX_IMAGE_PIXELS": 10}
    from django.core.management.base import SystemCheckError

    with pytest.raises(SystemCheckError, match="MAX_IMAGE_PIXELS"):
        call_command("check")


def test_multiple_upload_refuses_the_bomb_too(admin_client, bomb, decodes):
    response = admin_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("ban-do.png", bomb)}
    )
    data = response.json()
    assert data["success"] is False
    assert "11.000 × 11.000 điểm ảnh" in data["error_message"]
    assert not get_image_model().objects.exists()
    assert not [size for size in decodes if size == (11_000, 11_000)]


def png_header(width, height):
    """A real PNG's signature, header chunk and end: Pillow reads its size and stops."""
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_an_image_past_pillows_own_limit_gets_the_same_message(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Ảnh", "file": SimpleUploadedFile("anh.png", png_header(60_000, 60_000))},
    )
    (error,) = response.context["form"].errors["file"]
    assert error.startswith("Ảnh này có quá nhiều điểm ảnh so với mức cổng nhận (tối đa 25")
