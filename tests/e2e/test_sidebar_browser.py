"""A visitor's browser and the sidebar: counting with and without JavaScript, map, links."""

import time

import pytest
from django.core.cache import cache

from kyanh_cms.demo import sidebar as demo_sidebar
from kyanh_cms.models import DailyPageViews, DailySiteVisits, PortalHomePage

# A 1×1 PNG for map tiles: the tests never leave the machine.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


class _Silent:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def demo_portal(portal, settings):
    settings.KYANH_CMS = {"VISIT_STATS_CACHE_SECONDS": 0}
    cache.clear()
    demo_sidebar.seed(_Silent())
    # The demo also fills in months of past visits; these tests count from nothing.
    DailySiteVisits.objects.all().delete()
    DailyPageViews.objects.all().delete()
    home = portal.root_page
    pages = [home]
    for title, slug in (("Giới thiệu", "gioi-thieu"), ("Liên hệ", "lien-he")):
        page = PortalHomePage(title=title, slug=slug, show_in_menus=True)
        home.add_child(instance=page)
        pages.append(page)
    yield portal, pages
    cache.clear()


def counted(site):
    return sum(DailySiteVisits.objects.filter(site=site).values_list("views", flat=True))


def wait_for_count(site, expected, seconds=10):
    deadline = time.monotonic() + seconds
    while counted(site) < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return counted(site)


def shown(page, key):
    return page.locator(f'[data-kyanh-stat="{key}"]').text_content().strip()


def test_three_pages_count_three_visits_and_one_visitor_online(
    demo_portal, live_server, open_page, output_dir
):
    site, pages = demo_portal
    browser_page = open_page()
    browser_page.goto(live_server.url + pages[0].url)
    assert shown(browser_page, "total") == "2.060.856"  # the page's own view is counted after it
    for number, page in enumerate(pages[1:], start=2):
        assert wait_for_count(site, number - 1) == number - 1
        browser_page.goto(live_server.url + page.url)
    assert wait_for_count(site, 3) == 3

    browser_page.goto(live_server.url + pages[0].url)
    assert shown(browser_page, "total") == "2.060.859"
    assert shown(browser_page, "online") == "1"
    assert shown(browser_page, "today") == "3"
    assert browser_page.console_errors == []
    browser_page.screenshot(path=str(output_dir / "sidebar-counted.png"), full_page=True)


def test_without_javascript_the_pixel_still_counts(demo_portal, live_server, open_page):
    site, pages = demo_portal
    browser_page = open_page(java_script_enabled=False)
    browser_page.goto(live_server.url + pages[1].url)
    assert wait_for_count(site, 1) == 1
    browser_page.goto(live_server.url + pages[2].url)
    assert wait_for_count(site, 2) == 2
    browser_page.goto(live_server.url + pages[0].url)
    assert shown(browser_page, "total") == "2.060.858"
    # The map picture and its list of places are there without JavaScript.
    assert browser_page.locator(".kyanh-map__image").evaluate("img => img.naturalWidth") > 0
    assert browser_page.locator(".kyanh-map__markers li").count() == 12
    assert wait_for_count(site, 3) == 3


def test_map_picture_enlarges_and_interactive_map_opens(
    demo_portal, live_server, open_page, output_dir
):
    site, pages = demo_portal
    browser_page = open_page()
    browser_page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )
    browser_page.goto(live_server.url + "/")

    browser_page.locator(".kyanh-map__picture").click()
    dialog = browser_page.locator("dialog.kyanh-dialog")
    assert dialog.is_visible()
    loaded_width = (
        "img => img.complete ? img.naturalWidth"
        " : new Promise(done => { img.onload = () => done(img.naturalWidth); })"
    )
    assert dialog.locator("img").evaluate(loaded_width) > 600
    browser_page.keyboard.press("Escape")
    dialog.wait_for(state="detached")

    browser_page.get_by_role("button", name="Mở bản đồ tương tác").click()
    browser_page.locator(".kyanh-map__live .leaflet-marker-icon").first.wait_for()
    assert browser_page.locator(".kyanh-map__live .leaflet-marker-icon").count() == 12
    assert "OpenStreetMap" in browser_page.locator(".leaflet-control-attribution").text_content()
    assert browser_page.console_errors == []
    browser_page.locator(".kyanh-map").screenshot(path=str(output_dir / "sidebar-map.png"))


def test_links_drop_down_without_javascript_goes_through_the_redirect(
    demo_portal, live_server, open_page
):
    browser_page = open_page(java_script_enabled=False)
    redirects = []
    browser_page.context.on(
        "response",
        lambda response: "/kyanh/lien-ket/" in response.url and redirects.append(response),
    )
    browser_page.goto(live_server.url + "/")
    browser_page.locator(".kyanh-links__select").select_option("https://hatinh.gov.vn")
    with browser_page.context.expect_page() as new_tab:
        browser_page.get_by_role("button", name="Đi tới").click()
    new_tab.value.wait_for_load_state()
    # The link opened in a new tab through the redirect view (the machine has no network,
    # so the portal itself does not load; a route cannot stand in for a redirect target).
    assert [(r.status, r.headers.get("location")) for r in redirects] == [
        (302, "https://hatinh.gov.vn")
    ]
    assert browser_page.url == live_server.url + "/"


def test_a_headless_browser_that_says_so_is_not_counted(
    demo_portal, live_server, browser, open_page
):
    """Chromium's own headless agent ("HeadlessChrome") sends the beacon like any
    browser, and the portal answers it, but counts nothing; the same page in a person's
    browser (the other tests' agent) counts."""
    site, pages = demo_portal
    context = browser.new_context(locale="vi-VN")
    try:
        robot = context.new_page()
        assert "HeadlessChrome" in robot.evaluate("navigator.userAgent")
        with robot.expect_request_finished(lambda request: "/visits/beacon/" in request.url):
            robot.goto(live_server.url + pages[1].url)
    finally:
        context.close()
    assert counted(site) == 0

    person = open_page()
    person.goto(live_server.url + pages[1].url)
    assert wait_for_count(site, 1) == 1
