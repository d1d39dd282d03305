"""``manage.py kyanh_import``: the old portal's news, brought over once and kept in step."""

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision

from kyanh_cms.models import DailyPageViews, LegacyArticle, NewsArticlePage, NewsIndexPage
from kyanh_cms.news.legacy_import import HtmlConverter

ARTICLES = 200
CATEGORIES = ["Tin tức > Tin hoạt động", "Tin tức > Kinh tế - Xã hội", "Thông báo"]
# Lines of the export that are broken beyond repair, and why.
BAD_JSON, NO_TITLE, BAD_DATE = 17, 58, 133
# Lines that import, with a picture problem reported.
MISSING_PICTURE, REMOTE_PICTURE = 91, 150


def draw_picture(path, number):
    """A small picture of its own colour (pictures are told apart by their content)."""
    colour = (number // 256 * 40, number % 256, 255 - number % 256)
    PILImage.new("RGB", (48, 32), colour).save(path, "PNG")


def article_body(number):
    body = [
        f"<p>Sáng {number % 28 + 1}/5, UBND thị xã Kỳ Anh tổ chức hội nghị "
        f"<strong>số {number}</strong> về chuyển đổi số.</p>",
        f'<p style="text-align:center"><img src="/uploads/2024/than-{number}.jpg" '
        f'alt="Quang cảnh hội nghị {number}"></p>',
        '<p style="text-align:center"><em>Quang cảnh hội nghị.</em></p>',
        "<h2>Kết quả nổi bật</h2>",
        "<p>Đến nay 100% hồ sơ được tiếp nhận trực tuyến.</p>",
    ]
    if number % 3 == 0:
        body += [
            "<p>Ba nhiệm vụ đột phá:</p>",
            "<p>(1) Hoàn thiện hạ tầng giao thông;</p>",
            "<p>(2) Cải cách hành chính, chuyển đổi số;</p>",
            "<p>(3) Phát triển nguồn nhân lực.</p>",
        ]
    if number % 4 == 0:
        body.append(
            "<table><tr><th>Đơn vị</th><th>Số hồ sơ</th></tr>"
            "<tr><td>Phường Sông Trí</td><td>12.560</td></tr>"
            "<tr><td>Xã Kỳ Hà</td><td>3.210</td></tr></table>"
        )
    if number % 5 == 0:
        body.append(
            "<blockquote><p>Lấy người dân làm trung tâm.</p><cite>Chủ tịch UBND thị xã</cite>"
            "</blockquote>"
        )
    return "".join(body)


def record(number, media):
    lead_picture = f"uploads/2024/dai-dien-{number}.jpg"
    draw_picture(media / lead_picture, number * 2)
    draw_picture(media / f"uploads/2024/than-{number}.jpg", number * 2 + 1)
    images = [{"src": lead_picture, "caption": f"Ảnh đại diện bài {number}"}]
    if number == MISSING_PICTURE:
        images = ["uploads/2024/khong-co.jpg"]
    if number == REMOTE_PICTURE:
        images = ["http://cu.kyanh.example/uploads/2019/xa-xoi.jpg"]
    return {
        "legacy_url": f"http://cu.kyanh.example/tin-tuc/bai-{number}.html?id={number}",
        "title": f"Kỳ Anh đẩy mạnh chuyển đổi số – bài {number}",
        "date": f"2024-05-{number % 28 + 1:02d}T08:{number % 60:02d}:00+07:00",
        "lead": f"Tóm tắt bài {number}.",
        "body_html": article_body(number),
        "images": images,
        "category": CATEGORIES[number % len(CATEGORIES)],
        "author": "Minh Anh",
        "source": "Báo Hà Tĩnh",
        "view_count": number * 10,
    }


@pytest.fixture
def export(tmp_path):
    """The old portal's export: 200 lines, three of them broken, pictures beside it."""
    media = tmp_path / "old-media"
    (media / "uploads/2024").mkdir(parents=True)
    lines = []
    for number in range(1, ARTICLES + 1):
        if number == BAD_JSON:
            lines.append('{"legacy_url": "/tin-tuc/hong.html", "title": "Thiếu dấu ngoặc"')
            continue
        item = record(number, media)
        if number == NO_TITLE:
            item["title"] = "  "
        if number == BAD_DATE:
            item["date"] = "31/02/2024"
        lines.append(json.dumps(item, ensure_ascii=False))
    path = tmp_path / "bai-viet.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, media


def run_import(path, media, **options):
    out, err = io.StringIO(), io.StringIO()
    failure = None
    try:
        call_command(
            "kyanh_import",
            str(path),
            media_dir=str(media),
            no_progress=True,
            stdout=out,
            stderr=err,
            **options,
        )
    except CommandError as error:
        failure = str(error)
    return out.getvalue(), err.getvalue(), failure


def row_counts():
    return {
        "articles": NewsArticlePage.objects.count(),
        "categories": NewsIndexPage.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "imported": LegacyArticle.objects.count(),
        "view rows": DailyPageViews.objects.count(),
        "views": DailyPageViews.objects.aggregate(total=Sum("views"))["total"],
    }


def test_two_hundred_articles_import_once_and_a_second_run_changes_nothing(portal, export, client):
    path, media = export
    before = get_image_model().objects.count()

    out, err, failure = run_import(path, media)

    imported = ARTICLES - 3
    assert failure == "3 lines could not be imported (listed above)."
    assert f"line {BAD_JSON}: not valid JSON" in err
    assert f"line {NO_TITLE}: missing title" in err
    assert f"line {BAD_DATE}: bad date '31/02/2024'" in err
    assert f"line {MISSING_PICTURE}: picture file not found: uploads/2024/khong-co.jpg" in err
    assert f"line {REMOTE_PICTURE}: picture http://cu.kyanh.example/uploads/2019/xa-xoi.jpg" in err
    assert f"{ARTICLES} lines: {imported} created, 0 updated, 0 unchanged" in out

    assert NewsArticlePage.objects.live().count() == imported
    assert LegacyArticle.objects.count() == imported
    # Two pictures per article, less the two lead pictures that were not there.
    assert get_image_model().objects.count() - before == 2 * imported - 2
    assert Redirect.objects.count() == imported
    categories = {page.title: page for page in NewsIndexPage.objects.all()}
    assert set(categories) == {"Tin tức", "Tin hoạt động", "Kinh tế - Xã hội", "Thông báo"}
    assert categories["Tin hoạt động"].get_parent().pk == categories["Tin tức"].pk
    assert categories["Tin tức"].get_parent().pk == portal.root_page_id

    # The old address leads to the new article, which shows the converted body.
    response = client.get("/tin-tuc/bai-12.html?id=12")
    assert response.status_code == 301
    article = LegacyArticle.objects.get(legacy_url__endswith="bai-12.html?id=12").page
    assert response["Location"] == article.url
    html = client.get(article.url).content.decode()
    assert "Kỳ Anh đẩy mạnh chuyển đổi số – bài 12" in html
    assert "Quang cảnh hội nghị." in html  # the caption under the body picture
    assert "Ba nhiệm vụ đột phá" in html and "Hoàn thiện hạ tầng giao thông" in html
    assert "12.560" in html  # a number column, written the Vietnamese way
    assert article.main_image.title == "Ảnh đại diện bài 12"
    assert article.byline == "Minh Anh" and article.source == "Báo Hà Tĩnh"
    assert article.published_at.date() == date(2024, 5, 13)
    assert [block.block_type for block in article.body] == [
        "paragraph", "image", "heading", "paragraph", "task_list", "table",
    ]  # fmt: skip
    # The old views count as views of the article on its publication day.
    views = DailyPageViews.objects.get(page=article)
    assert (views.day, views.views, views.site_id) == (date(2024, 5, 13), 120, portal.pk)

    counts = row_counts()
    out, err, failure = run_import(path, media)
    assert f"0 created, 0 updated, {imported} unchanged" in out
    assert row_counts() == counts


def test_dry_run_writes_nothing_and_says_what_would_happen(portal, export):
    path, media = export
    counts = row_counts()

    out, err, failure = run_import(path, media, dry_run=True)

    assert row_counts() == counts
    assert "line 1: would create “Kỳ Anh đẩy mạnh chuyển đổi số – bài 1”" in out
    assert f"line {NO_TITLE}: missing title" in err
    assert "197 would be created" in out and "dry run: nothing was written" in out


@pytest.fixture
def small_export(tmp_path):
    media = tmp_path / "media-cu"
    (media / "uploads/2024").mkdir(parents=True)
    path = tmp_path / "it.jsonl"

    def write(*items):
        path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in items))
        return path, media

    return media, write


def test_a_changed_record_updates_the_same_article(portal, small_export):
    media, write = small_export
    first = record(1, media)
    run_import(*write(first))
    article = LegacyArticle.objects.get().page

    changed = dict(first, title="Tiêu đề đã sửa", category="Thông báo", view_count=25)
    out, _err, failure = run_import(*write(changed))

    assert failure is None and "0 created, 1 updated" in out
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa"
    assert article.get_parent().title == "Thông báo"
    assert NewsArticlePage.objects.count() == 1
    legacy = Redirect.objects.get(old_path="/tin-tuc/bai-1.html?id=1")
    assert legacy.redirect_page_id == article.pk
    assert DailyPageViews.objects.get(page=article).views == 25


def test_an_article_an_editor_changed_is_left_alone(portal, small_export):
    media, write = small_export
    first = record(2, media)
    run_import(*write(first))
    article = LegacyArticle.objects.get().page.specific
    article.lead = "Biên tập viên đã viết lại tóm tắt."
    article.save_revision().publish()

    out, _err, _failure = run_import(*write(dict(first, lead="Tóm tắt mới từ cổng cũ")))

    assert "changed by an editor since imported" in out
    article.refresh_from_db()
    assert article.lead == "Biên tập viên đã viết lại tóm tắt."

    run_import(*write(dict(first, lead="Tóm tắt mới từ cổng cũ")), overwrite_edited=True)
    article.refresh_from_db()
    assert article.lead == "Tóm tắt mới từ cổng cũ"


def test_a_picture_url_is_read_from_its_local_copy(portal, small_export):
    media, write = small_export
    (media / "uploads/2019").mkdir()
    draw_picture(media / "uploads/2019/co-san.jpg", 5)
    item = dict(record(3, media), images=["http://cu.kyanh.example/uploads/2019/co-san.jpg"])

    out, err, failure = run_import(*write(item))

    assert failure is None and err == ""
    assert LegacyArticle.objects.get().page.main_image is not None


def test_the_parent_page_can_be_chosen(portal, small_export, news):
    media, write = small_export
    archive = news.category("Lưu trữ cổng cũ", slug="luu-tru")

    run_import(*write(record(4, media)), parent=archive.pk)

    category = LegacyArticle.objects.get().page.get_parent()
    assert category.get_parent().get_parent().pk == archive.pk


def convert(html):
    return [
        (block["type"], block["value"])
        for block in HtmlConverter(lambda src, alt="", caption="": 1).convert(html)
    ]


def test_html_is_cleaned_to_the_article_text_features():
    blocks = convert(
        '<div><p style="color:red">Xin <span class="x">chào</span> <a href="javascript:x()">'
        'đây</a><script>alert(1)</script> <a href="https://kyanh.example/">cổng</a></p>'
        "<h4>Mục nhỏ</h4></div>"
    )
    assert [block_type for block_type, _value in blocks] == ["paragraph", "heading"]
    assert blocks[1][1] == {"text": "Mục nhỏ", "level": "h3"}
    html = blocks[0][1]
    assert "script" not in html and "style" not in html and "javascript" not in html
    assert '<a href="https://kyanh.example/">cổng</a>' in html


def test_numbered_items_in_one_paragraph_become_a_task_list():
    blocks = convert("<p>Hạn chế, tồn tại: (1) Thu ngân sách thấp; (2) Giải ngân chậm.</p>")
    ((block_type, value),) = blocks
    assert block_type == "task_list"
    assert value["kind"] == "shortcomings"
    assert [item["title"] for item in value["items"]] == ["Thu ngân sách thấp", "Giải ngân chậm"]


def test_a_single_numbered_paragraph_stays_a_paragraph():
    assert [t for t, _v in convert("<p>(1) Chỉ một ý.</p><p>Đoạn sau.</p>")] == ["paragraph"]


def test_the_documented_example_imports(portal, tmp_path):
    docs = Path(__file__).resolve().parents[2] / "docs" / "import.md"
    (example,) = re.findall(r"```json\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    path = tmp_path / "example.jsonl"
    path.write_text(example, encoding="utf-8")

    out, err, failure = run_import(path, tmp_path)

    assert failure is None
    assert "2 lines: 2 created" in out
    assert "picture file not found: uploads/2024/07/dai-dien.jpg" in err
    report, schedule = NewsArticlePage.objects.order_by("published_at")
    assert [block.block_type for block in report.body] == ["paragraph", "task_list"]
    assert report.body[1].value["title"] == "Nhiệm vụ thời gian tới"
    assert [block.block_type for block in schedule.body] == ["table"]
    assert schedule.get_parent().title == "Thông báo"
    assert DailyPageViews.objects.get(page=schedule).views == 2406
    assert Redirect.objects.filter(old_path="/thong-bao/lich-tiep-dan-thang-8.html").exists()


def test_a_caption_whose_picture_is_missing_stays_as_text():
    converter = HtmlConverter(lambda src, alt="", caption="": None)
    blocks = converter.convert('<p><img src="mat.jpg"></p><p><em>Chú thích còn lại.</em></p>')
    assert [(block["type"], block["value"]) for block in blocks] == [
        ("paragraph", "<p><i>Chú thích còn lại.</i></p>")
    ]


def test_pictures_in_figures_and_layout_tables_keep_their_captions():
    blocks = convert(
        '<figure><img src="a.jpg" alt="Cầu Kỳ Hà"><figcaption>Cầu mới</figcaption></figure>'
        '<table><tr><td><img src="b.jpg"></td></tr><tr><td>Lễ khánh thành</td></tr></table>'
    )
    assert [(kind, value["caption"]) for kind, value in blocks] == [
        ("image", "Cầu mới"),
        ("image", "Lễ khánh thành"),
    ]
