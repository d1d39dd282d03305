"""An editor writes an article in the Wagtail admin; a visitor then finds it everywhere."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

TITLE = "Đảng bộ thị xã Kỳ Anh tổ chức hội nghị chuyên đề"
SLUG = "dang-bo-thi-xa-ky-anh-to-chuc-hoi-nghi-chuyen-de"


@pytest.fixture
def newsroom(portal, django_user_model):
    from kyanh_cms.demo.images import draw_scene, get_or_create_image
    from kyanh_cms.models import NewsIndexPage

    home = portal.root_page.specific
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True)
    home.add_child(instance=news)
    category = NewsIndexPage(title="Xây dựng Đảng", slug="xay-dung-dang")
    news.add_child(instance=category)
    image = get_or_create_image(
        "Hội trường thị xã",
        draw_scene(800, 533, (150, 200, 240), (60, 140, 70), (255, 210, 80), 3),
        "hoi-truong.jpg",
    )
    django_user_model.objects.create_superuser("bientap", "bientap@kyanh.example", "mat-khau-dai")
    return {"news": news, "category": category, "image": image}


def _add_block(page, label):
    count = "document.querySelector(\"input[name='body-count']\").value"
    before = int(page.evaluate(count))
    page.locator("[data-contentpath='body'] button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    # The block is in the form once the stream counts it.
    page.wait_for_function(f"{count} === '{before + 1}'")


def test_editor_publishes_an_article_that_visitors_find(
    newsroom, live_server, open_page, output_dir
):
    editor = open_page(width=1400, height=1000)
    editor.goto(live_server.url + "/admin/login/")
    editor.fill("#id_username", "bientap")
    editor.fill("#id_password", "mat-khau-dai")
    editor.click("button[type=submit]")
    editor.wait_for_url(re.compile(r"/admin/$"))

    category = newsroom["category"]
    editor.goto(f"{live_server.url}/admin/pages/add/kyanh_cms/newsarticlepage/{category.pk}/")
    editor.locator("#id_title").press_sequentially(TITLE)
    editor.fill("#id_lead", "Sáng nay, Ban Thường vụ Thị ủy tổ chức hội nghị học tập chuyên đề.")
    # The admin's slug follows the Vietnamese title as plain ASCII, "đ" included.
    editor.wait_for_function(f"document.querySelector('#id_slug').value === '{SLUG}'")

    _add_block(editor, "Tiêu đề")
    editor.fill("[name='body-0-value-text']", "Nội dung chính của hội nghị")

    _add_block(editor, "Văn bản")
    text_editor = editor.locator("[data-contentpath='body'] .public-DraftEditor-content").last
    text_editor.click()
    text_editor.press_sequentially("Hội nghị quán triệt chuyên đề năm 2026 cho cán bộ chủ chốt.")

    _add_block(editor, "Ảnh")
    editor.locator(
        "[data-contentpath='body'] .chooser button.action-choose, "
        "[data-contentpath='body'] button[data-chooser-action-choose]"
    ).last.click()
    editor.locator(".modal").get_by_text("Hội trường thị xã").first.click()
    editor.wait_for_selector(".modal", state="detached")
    editor.fill("[name='body-2-value-caption']", "Quang cảnh hội nghị tại hội trường")

    _add_block(editor, "Trích dẫn")
    editor.fill("[name='body-3-value-quote']", "Học tập phải đi đôi với làm theo.")
    editor.fill("[name='body-3-value-attribution']", "Trần Thị Lan")

    _add_block(editor, "Bảng")
    menu = editor.locator("ul.add-column-menu").last
    headings = editor.locator("input[name^='body-4-value-column-'][name$='-heading']")
    for number, kind in enumerate(("Văn bản", "Số"), start=1):
        # The column menu is one list that the "add column" buttons toggle: click until
        # it shows (a click landing while it still closes hides it again).
        for _attempt in range(3):
            editor.locator("button.append-column").last.click()
            try:
                menu.wait_for(state="visible", timeout=5000)
                break
            except PlaywrightTimeoutError:
                continue
        menu.get_by_role("button", name=kind, exact=True).click()
        expect(headings).to_have_count(number)
    editor.locator("input[name='body-4-value-column-0-heading']").fill("Đơn vị")
    editor.locator("input[name='body-4-value-column-1-heading']").fill("Số đảng viên")
    rows = editor.locator("[data-contentpath='body'] table tbody tr")
    if rows.count() == 0:
        editor.locator("button[data-add-row]").last.click()
    assert rows.count() == 1
    cells = editor.locator("[data-contentpath='body'] table tbody input:visible")
    cells.nth(0).fill("Đảng bộ phường Sông Trí")
    cells.nth(1).fill("1250")

    # A video address no embed provider knows (nothing leaves this machine): saved, and
    # readers get a plain link.
    _add_block(editor, "Video hoặc nội dung nhúng")
    editor.fill("[name='body-5-value-url']", "https://truyenhinh.kyanh.example/phong-su-hoi-nghi")
    editor.fill("[name='body-5-value-title']", "Phóng sự: hội nghị chuyên đề")

    editor.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    editor.get_by_role("button", name=re.compile("Xuất bản|Publish")).first.click()
    editor.wait_for_url(re.compile(rf"/admin/pages/{category.pk}/"))
    editor.screenshot(path=str(output_dir / "news-admin-published.png"), full_page=True)

    from kyanh_cms.models import NewsArticlePage

    article = NewsArticlePage.objects.get(slug=SLUG)
    assert article.live

    visitor = open_page(width=1280)
    response = visitor.goto(live_server.url + article.url)
    assert response.status == 200
    assert visitor.locator("h1").inner_text() == TITLE
    assert visitor.locator("h2#noi-dung-chinh-cua-hoi-nghi").is_visible()
    assert "cán bộ chủ chốt" in visitor.locator(".kyanh-article__body").inner_text()
    assert visitor.locator(".kyanh-figure img").evaluate("img => img.naturalWidth") > 0
    assert (
        visitor.locator(".kyanh-figure figcaption").inner_text()
        == "Quang cảnh hội nghị tại hội trường"
    )
    assert "Trần Thị Lan" in visitor.locator(".kyanh-quote").inner_text()
    assert visitor.locator(".kyanh-table td.kyanh-table__number").inner_text() == "1.250"
    video_link = visitor.get_by_role("link", name="Phóng sự: hội nghị chuyên đề")
    assert video_link.get_attribute("href") == "https://truyenhinh.kyanh.example/phong-su-hoi-nghi"
    visitor.screenshot(path=str(output_dir / "news-article-from-admin.png"), full_page=True)

    listing = visitor.goto(live_server.url + newsroom["news"].url)
    assert listing.status == 200
    assert visitor.locator(".kyanh-news-item__title", has_text=TITLE).count() == 1

    feed = visitor.request.get(live_server.url + newsroom["news"].url + "rss/").text()
    assert TITLE in feed and article.url in feed
    sitemap = visitor.request.get(live_server.url + "/sitemap.xml").text()
    assert article.url in sitemap

    for query in ("Đảng bộ thị xã Kỳ Anh", "dang bo thi xa ky anh"):
        visitor.goto(live_server.url + "/")
        visitor.fill("#kyanh-search-header", query)
        visitor.press("#kyanh-search-header", "Enter")
        visitor.wait_for_url(re.compile(r"/tim-kiem/"))
        assert visitor.locator(".kyanh-news-item__title", has_text=TITLE).count() == 1
    assert visitor.console_errors == []
