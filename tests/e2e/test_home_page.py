import pytest

WIDTHS = [1280, 375]


@pytest.mark.parametrize("width", WIDTHS)
def test_demo_home_page_layout(portal, live_server, open_page, output_dir, width):
    page = open_page(width=width)
    response = page.goto(live_server.url + "/")
    assert response.status == 200

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("header.kyanh-header").is_visible()
    assert "Kỳ Anh" in page.locator(".kyanh-brand__name").text_content()
    assert page.locator("nav.kyanh-nav").is_visible()
    assert page.locator("main#main-content").is_visible()
    assert page.locator("aside.kyanh-sidebar").count() == 1
    footer = page.locator("footer.kyanh-footer")
    assert footer.is_visible()
    assert "Ủy ban nhân dân thị xã Kỳ Anh" in footer.text_content()
    assert "Địa chỉ" in footer.text_content()  # Vietnamese labels for an English browser

    # The emblem image really loaded (served by the app, not a broken link).
    assert page.locator(".kyanh-brand__emblem").evaluate("img => img.naturalWidth") > 0

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal scrolling at {width}px: {scroll_width}px wide"
    if width <= 375:
        # The sidebar stacks under the main column instead of squeezing it.
        main_box = page.locator("main#main-content").bounding_box()
        aside_box = page.locator("aside.kyanh-sidebar").bounding_box()
        assert aside_box["y"] >= main_box["y"] + main_box["height"]

    assert page.console_errors == []
    page.screenshot(path=str(output_dir / f"home-{width}.png"), full_page=True)


def test_skip_link_is_the_first_tab_stop(portal, live_server, open_page):
    page = open_page()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Chuyển đến nội dung chính"
    assert page.locator(".kyanh-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
