"""Every public page type of the demo portal passes axe-core's WCAG 2.1 AA rules, reflows
down to 320 px and at 200 % zoom, and works by keyboard.

axe fails a test on "serious" and "critical" findings; "minor" and "moderate" ones are
printed (run pytest with -s to see them, with a summary line per page) so they are not
lost. docs/accessibility.md says what is checked and how to run it.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from kyanh_cms.models import (
    NewsArticlePage,
    NewsIndexPage,
    ShowcaseIndexPage,
    ShowcasePage,
    TaskPlanIndexPage,
)

from .accessibility import audit, focus_is_visible, focused

# A 1×1 PNG for map tiles: the tests never leave the machine.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
# The demo article with ratings, comments (one answered), task lists and tracked plans.
ARTICLE_SLUG = "so-ket-nhiem-vu-trong-tam-6-thang-2026"
CONTRAST = "localStorage.setItem('kyanh-reader', JSON.stringify({contrast: true}))"
LARGE_TEXT = "localStorage.setItem('kyanh-reader', JSON.stringify({scale: 1.6}))"


@pytest.fixture
def demo(portal):
    """The whole demo portal (`manage.py kyanh_demo`); returns its page types by name."""
    call_command("kyanh_demo", stdout=io.StringIO())
    # The demo communes have pages of the same types and slugs: the town's, by their
    # address on the town's site (with several sites Wagtail's page.url is absolute).
    town = portal.root_page

    def path(queryset, **lookups):
        return queryset.descendant_of(town).get(**lookups).relative_url(portal)

    showcases = ShowcasePage.objects.live().exclude(main_image=None).exclude(body=[])
    return {
        "home": "/",
        "category listing": path(NewsIndexPage.objects, slug="tin-hoat-dong"),
        "article": path(NewsArticlePage.objects, slug=ARTICLE_SLUG),
        "search results": reverse("kyanh_cms:news_search") + "?q=ky+anh",
        "showcase index": path(ShowcaseIndexPage.objects),
        "showcase": showcases.descendant_of(town).first().relative_url(portal),
        "task plans": path(TaskPlanIndexPage.objects),
        "not found": "/khong-co-trang-nay/",
    }


def offline_map_tiles(page):
    page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )


def open_everything(page):
    """Bring what is hidden until asked for onto the page: the forms under an article
    (loaded by JavaScript), the task lists folded in <details>."""
    for slot, ready in (
        (".kyanh-rating__slot", ".kyanh-rating__slot form, .kyanh-rating__own"),
        (".kyanh-comments__slot", ".kyanh-comment-form"),
    ):
        if page.locator(slot).count():
            page.locator(slot).scroll_into_view_if_needed()
            page.wait_for_selector(ready)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


class Report:
    """axe results per page: blocking lines kept for the assertion, the rest printed."""

    def __init__(self):
        self.blocking = {}

    def check(self, page, name):
        blocking, other = audit(page)
        for line in other:
            print(f"{name}: {line}")
        print(f"axe {name}: {len(blocking)} serious/critical, {len(other)} minor/moderate")
        if blocking:
            self.blocking[name] = blocking


def test_every_public_page_type_passes_axe(demo, live_server, open_page):
    report = Report()
    page = open_page()
    offline_map_tiles(page)
    for name, path in demo.items():
        page.goto(live_server.url + path)
        open_everything(page)
        report.check(page, name)

    # The sidebar with its map picture enlarged, then the interactive map opened.
    page.goto(live_server.url + "/")
    page.locator(".kyanh-map__picture").click()
    page.wait_for_selector("dialog.kyanh-dialog[open] img")
    report.check(page, "sidebar map enlarged")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Mở bản đồ tương tác").click()
    page.wait_for_selector(".leaflet-marker-icon")
    # Leaflet's own English is replaced by the page's Vietnamese.
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Phóng to"
    assert page.get_attribute(".leaflet-marker-icon", "alt").startswith("1. ")
    report.check(page, "sidebar interactive map")
    assert report.blocking == {}


def test_reader_modes_pass_axe(demo, live_server, open_page):
    """High contrast and the largest text size, as reader.js remembers them."""
    report = Report()
    for mode, preference in (("high contrast", CONTRAST), ("large text", LARGE_TEXT)):
        page = open_page()
        page.context.add_init_script(preference)
        for name in ("home", "article", "showcase index", "task plans"):
            page.goto(live_server.url + demo[name])
            open_everything(page)
            report.check(page, f"{name}, {mode}")
    assert report.blocking == {}


def test_reader_tools_switch_high_contrast_and_text_size(demo, live_server, open_page):
    page = open_page()
    page.goto(live_server.url + demo["article"])
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    for _ in range(6):
        page.get_by_role("button", name="Tăng cỡ chữ").click()
    contrast = page.get_by_role("button", name="Tương phản cao")
    contrast.click()
    assert contrast.get_attribute("aria-pressed") == "true"
    # Remembered on the next page, where the high-contrast colours apply to everything.
    page.goto(live_server.url + demo["task plans"])
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger == pytest.approx(size * 1.6)
    assert page.evaluate("document.documentElement.classList.contains('kyanh-contrast')")
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.kyanh-main *')]
            .filter(e => e.offsetParent !== null && e.textContent.trim())
            .map(e => getComputedStyle(e).color)"""
    )
    assert set(colours) <= {"rgb(255, 255, 255)", "rgb(255, 255, 0)"}


def test_comment_form_with_errors_passes_axe(demo, live_server, open_page):
    report = Report()
    page = open_page()
    page.goto(live_server.url + demo["article"])
    open_everything(page)
    page.fill("#id_name", "Nguyễn Văn An")
    page.fill("#id_content", "Đề nghị thị xã lắp thêm đèn chiếu sáng đường Kỳ Liên.")
    page.fill(".kyanh-captcha input[type=text]", "sai")
    page.locator(".kyanh-comment-form > button.kyanh-button").click()
    notice = page.locator(".kyanh-comment-form .kyanh-notice--error:not([hidden])")
    notice.wait_for()
    # The message takes the focus, so a screen reader reads it; the text is kept.
    assert page.evaluate("document.activeElement.classList.contains('kyanh-notice')")
    assert page.input_value("#id_content").startswith("Đề nghị thị xã")
    assert "Mã xác thực không đúng." in page.locator(".kyanh-comment-form").inner_text()
    report.check(page, "comment form with an error")

    # Without JavaScript the form is on a page of its own and comes back the same way.
    page = open_page()
    page.route("**/engagement.js", lambda route: route.abort())
    page.goto(live_server.url + demo["article"])
    page.get_by_role("link", name="Viết bình luận").click()
    page.locator(".kyanh-comment-form > button.kyanh-button").click()  # the browser's own check
    page.fill("#id_name", "Nguyễn Văn An")
    page.fill("#id_content", "Bình luận gửi không cần JavaScript.")
    page.fill(".kyanh-captcha input[type=text]", "sai")
    page.locator(".kyanh-comment-form > button.kyanh-button").click()
    page.wait_for_selector(".kyanh-comment-form .kyanh-notice--error:not([hidden])")
    assert page.input_value("#id_content") == "Bình luận gửi không cần JavaScript."
    report.check(page, "comment page with an error, without JavaScript")
    assert report.blocking == {}


# (label, viewport width, device scale factor, reader preference). A 1280 px window
# zoomed to 200 % lays pages out at 640 CSS px; 320 px is WCAG's reflow width (400 %).
VIEWPORTS = [
    ("320 px", 320, 1, ""),
    ("200 % zoom (640 px at 2×)", 640, 2, ""),
    ("320 px, large text", 320, 1, LARGE_TEXT),
]


def test_pages_reflow_without_horizontal_scrolling(demo, live_server, open_page):
    """WCAG 1.4.10 and 1.4.4: everything fits the width; every function is still there."""
    report = Report()
    too_wide = {}
    for label, width, scale, preference in VIEWPORTS:
        page = open_page(width=width, height=800, device_scale_factor=scale)
        if preference:
            page.context.add_init_script(preference)
        for name, path in demo.items():
            page.goto(live_server.url + path)
            open_everything(page)
            # What lies in a box that scrolls sideways on its own and fits the width (the
            # menu strip on a phone) is reached by scrolling that box, not the page.
            overflow = page.evaluate(
                """(width) => {
                    const inFittingScroller = (e) => {
                        for (let p = e.parentElement; p; p = p.parentElement) {
                            const o = getComputedStyle(p).overflowX;
                            if ((o === 'auto' || o === 'scroll')
                                && p.getBoundingClientRect().right <= width + 1) return true;
                        }
                        return false;
                    };
                    return [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > width + 1
                            && !e.closest('.kyanh-visually-hidden, .kyanh-hp, .kyanh-table')
                            && !inFittingScroller(e))
                        .map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 5);
                }""",
                width,
            )
            if overflow or page.evaluate("document.documentElement.scrollWidth") > width:
                too_wide[f"{name}, {label}"] = overflow
            for control in ("#kyanh-search-header", ".kyanh-nav a", ".kyanh-links__select"):
                assert page.locator(control).first.is_visible(), (name, label, control)
            if name == "article":
                for control in (".kyanh-tool", ".kyanh-stars__label", "#id_content"):
                    assert page.locator(control).first.is_visible(), (name, label, control)
                report.check(page, f"article, {label}")
    assert too_wide == {}
    assert report.blocking == {}


def test_article_works_by_keyboard(demo, live_server, open_page):
    page = open_page()
    offline_map_tiles(page)
    page.goto(live_server.url + demo["article"])
    open_everything(page)
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")

    # The skip link comes first, shows when focused and leads into the main column.
    page.keyboard.press("Tab")
    first = focused(page)
    assert "kyanh-skip-link" in first["classes"] and focus_is_visible(first)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    # Tab through the whole page: every stop shows its focus, and Tab always moves on
    # (no trap) until focus leaves the page after the footer.
    stops = []
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None:
            break
        assert not stops or stop["key"] != stops[-1]["key"], f"focus stuck on {stop}"
        stops.append(stop)
    else:
        pytest.fail("Tab never left the page: a keyboard trap")
    invisible = [stop["text"] or stop["key"] for stop in stops if not focus_is_visible(stop)]
    assert invisible == []
    reached = [stop["id"] or stop["text"] for stop in stops]
    for control in ("kyanh-star-5", "id_name", "id_email", "id_content", "id_captcha_1"):
        assert control in reached
    assert "Gửi đánh giá" in reached and "Gửi bình luận" in reached
    assert stops[-1]["text"] == "banbientap@kyanh.example"  # the footer, at the end

    # Rate with the keyboard: arrows choose the stars, Enter sends.
    page.focus("#kyanh-star-5")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "kyanh-star-4"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".kyanh-rating__own")
    assert "Bạn đã đánh giá bài viết này 4 sao." in page.locator(".kyanh-rating__slot").inner_text()

    # The comment form: a new code by keyboard puts the focus into the answer box;
    # sending with Enter shows the message and moves the focus to it.
    page.focus("#id_name")
    page.keyboard.type("Trần Thị Lan")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Đường ven biển nên có thêm biển báo.")
    old_picture = page.get_attribute(".kyanh-captcha__image", "src")
    page.focus(".kyanh-captcha__refresh")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(old) => document.querySelector('.kyanh-captcha__image').getAttribute('src') !== old",
        arg=old_picture,
    )
    assert page.evaluate("document.activeElement.id") == "id_captcha_1"
    page.keyboard.type("sai")
    page.keyboard.press("Enter")
    page.wait_for_selector(".kyanh-comment-form .kyanh-notice--error:not([hidden])")
    assert page.evaluate("document.activeElement.classList.contains('kyanh-notice')")
    assert page.input_value("#id_name") == "Trần Thị Lan"

    # The links drop-down: arrow keys browse without opening anything; "Go" opens.
    select = page.locator(".kyanh-links__select")
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert len(page.context.pages) == 1
    assert select.input_value() != ""
    with page.context.expect_page() as new_tab:
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    new_tab.value.close()

    # The map: the enlarged picture closes with Escape and gives the focus back; the
    # interactive map opens with Enter, and Tab goes through it and on.
    page.focus(".kyanh-map__picture")
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.kyanh-dialog[open]")
    assert "kyanh-dialog__close" in focused(page)["classes"]
    page.keyboard.press("Escape")
    assert "kyanh-map__picture" in focused(page)["classes"]
    page.focus(".kyanh-map__open")
    failures = []
    page.on("requestfailed", lambda request: failures.append((request.url, request.failure)))
    page.on("pageerror", lambda error: failures.append(("script error", str(error))))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and failures.append((response.url, response.status))
        ),
    )
    page.keyboard.press("Enter")
    try:
        # Attached, not "visible": without tiles (no network here) Leaflet may place
        # the markers before the map box has its final size.
        page.wait_for_selector(".leaflet-marker-icon", state="attached", timeout=15000)
    except PlaywrightTimeoutError:
        state = page.evaluate(
            "[typeof window.L, document.querySelector('[data-kyanh-map]')?.hidden,"
            " document.querySelector('.kyanh-map__open')?.disabled]"
        )
        pytest.fail(f"the interactive map did not draw its markers: {state} {failures}")
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop is not None and focus_is_visible(stop), stop
        if "kyanh-links__select" in stop["classes"]:
            break
    else:
        pytest.fail("Tab did not get past the interactive map")
