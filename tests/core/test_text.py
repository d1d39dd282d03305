"""Vietnamese folding for search and slugs (server side and the admin's slug JavaScript)."""

import re
import unicodedata

import pytest

from kyanh_cms.core.text import fold_vietnamese, slug_formatters, slugify_vietnamese


@pytest.mark.parametrize(
    "text",
    ["Kỳ Anh", "KỲ ANH", "ky anh", "  kỳ   anh ", unicodedata.normalize("NFD", "Kỳ Anh")],
)
def test_every_way_of_typing_ky_anh_folds_to_the_same_key(text):
    assert fold_vietnamese(text) == "ky anh"


def test_d_with_stroke_folds_to_d_in_both_cases():
    assert fold_vietnamese("Đảng bộ đô thị") == "dang bo do thi"
    assert fold_vietnamese("ĐẢNG") == fold_vietnamese("dang")


def test_folding_is_idempotent_and_keeps_other_characters():
    once = fold_vietnamese("Hội nghị – 100% xã, phường (2026)")
    assert once == "hoi nghi – 100% xa, phuong (2026)"
    assert fold_vietnamese(once) == once
    assert fold_vietnamese(None) == ""


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng bộ thị xã Kỳ Anh", "dang-bo-thi-xa-ky-anh"),
        ("Hội nghị “Sơ kết” 6 tháng: 100% xã đạt!", "hoi-nghi-so-ket-6-thang-100-xa-dat"),
        (unicodedata.normalize("NFD", "Phường Sông Trí"), "phuong-song-tri"),
        ("Ưu tiên đầu tư", "uu-tien-dau-tu"),
    ],
)
def test_slugs_are_ascii_and_keep_d(title, slug):
    assert slugify_vietnamese(title) == slug


def test_long_slugs_are_cut_at_a_word_boundary():
    slug = slugify_vietnamese("Kỳ Anh " * 40, max_length=50)
    assert len(slug) <= 50
    assert not slug.endswith("-")
    assert slug.startswith("ky-anh-ky-anh")


def _javascript_like_urlify(title):
    """What Wagtail's w-slug controller does with our formatters and unicode slugs allowed."""
    value = title.strip()
    for pattern, replacement in slug_formatters():
        value = re.sub(pattern, replacement, value)
    value = value.lower()
    value = re.sub(r"[^-_\w\s]", "", value)
    return re.sub(r"[-\s]+", "-", value).strip("-")


@pytest.mark.parametrize(
    "title",
    [
        "Đảng bộ thị xã Kỳ Anh",
        "Nông dân xã Kỳ Hoa thu hoạch lúa hè thu",
        unicodedata.normalize("NFD", "Quốc phòng – An ninh"),
        "Tăng cường bảo đảm trật tự an toàn giao thông",
    ],
)
def test_admin_slug_formatters_give_the_server_slug(title):
    assert _javascript_like_urlify(title) == slugify_vietnamese(title)
