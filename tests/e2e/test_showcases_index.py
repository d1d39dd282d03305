"""Visitors filter the showcase list on a phone, without JavaScript, and read the year's figures."""

import pytest

from kyanh_cms.models import ShowcaseIndexPage


class Silent:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def demo(portal):
    from kyanh_cms.demo import showcases, tasks

    showcases.seed(Silent())
    tasks.seed(Silent())
    return ShowcaseIndexPage.objects.get(slug=showcases.INDEX_SLUG)


@pytest.mark.parametrize("width", [1280, 375])
def test_filtering_showcases_without_javascript(demo, live_server, open_page, output_dir, width):
    page = open_page(width=width, java_script_enabled=False)
    page.goto(live_server.url + demo.url)
    figures = " ".join(page.locator(".kyanh-stats").first.text_content().split())
    assert "30/31 tổ chức cơ sở đảng đăng ký thực hiện, tổng số 36 mô hình/điển hình" in figures
    assert page.locator(".kyanh-showcase-grid").last.locator("article").count() == 12

    page.select_option("select[name=kind]", "individual")
    page.locator(".kyanh-filters button[type=submit]").click()
    page.wait_for_url("**kind=individual**")
    assert "10 mô hình, điển hình" in page.locator(".kyanh-result-count").text_content()
    cards = page.locator(".kyanh-showcase-grid").last.locator("article")
    assert cards.count() == 10
    assert all("Điển hình cá nhân" in text for text in cards.all_text_contents())

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(output_dir / f"showcases-index-{width}.png"), full_page=True)


def test_tasks_page_prints_as_numbered_lists(demo, live_server, open_page, output_dir):
    from kyanh_cms.demo import tasks

    page = open_page(width=375)
    page.goto(live_server.url + f"/{tasks.INDEX_SLUG}/")
    page.emulate_media(media="print")
    breakthrough = page.locator(".kyanh-tasklist--breakthrough")
    assert breakthrough.locator("ol > li").count() == 3
    marker = page.evaluate(
        "getComputedStyle(document.querySelector('.kyanh-tasklist--breakthrough li'), "
        "'::before').content"
    )
    assert marker == '"(" counter(kyanh-task) ")"'
    assert not page.locator(".kyanh-filters").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []
    page.screenshot(path=str(output_dir / "tasks-page-print-375.png"), full_page=True)
