"""A visitor reads this week's schedule on a phone and at 1280 px without JavaScript,
moves to the next week and filters by bloc; the page passes axe; printed, the demo
week fits on one A4 landscape sheet."""

import re

import pytest

from tests.e2e.accessibility import audit


class Silent:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def demo(portal):
    from kyanh_cms.demo import schedules

    schedules.seed(Silent())
    return "/" + schedules.SLUG + "/"


@pytest.mark.parametrize("width", [360, 1280])
def test_week_page_on_a_phone_and_a_desktop(demo, live_server, open_page, output_dir, width):
    page = open_page(width=width, java_script_enabled=False)
    page.goto(live_server.url + demo)
    table = page.locator(".kyanh-schedule__table")
    assert table.is_visible()
    assert page.locator("th[aria-current=date]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    reason = page.get_by_text("Mưa lớn kéo dài, đường vào thực địa bị ngập.")
    assert reason.is_visible()
    if width == 360:
        # A list per day: the blocs' names stand over their entries, empty cells are gone.
        assert page.locator("thead").bounding_box()["height"] <= 1
        assert page.locator(".kyanh-schedule__cell-bloc").first.is_visible()
        assert not page.locator("td.is-empty").first.is_visible()
    page.screenshot(path=str(output_dir / f"schedule-week-{width}.png"), full_page=True)
    # axe runs as a script: in a second tab that allows scripts, at the same width.
    audited = open_page(width=width)
    audited.goto(live_server.url + demo)
    blocking, _other = audit(audited)
    assert blocking == []

    page.get_by_role("link", name="Tuần sau").first.click()
    page.wait_for_url("**tuan=**")
    assert "Giao ban lãnh đạo UBND thị xã đầu tuần" in page.content()
    page.select_option("select[name=khoi]", "hdnd")
    page.locator(".kyanh-filters button[type=submit]").click()
    page.wait_for_url("**khoi=hdnd**")
    assert page.locator("thead th").all_text_contents() == ["Ngày", "HĐND"]
    assert "Giao ban lãnh đạo UBND" not in page.locator(".kyanh-schedule__table").text_content()


def test_print_view_fits_one_a4_landscape_sheet(demo, live_server, open_page, output_dir):
    page = open_page(width=1280)
    page.goto(live_server.url + demo + "in/")
    assert page.locator("h1").text_content().strip() == "Lịch công tác tuần"
    blocking, _other = audit(page)
    assert blocking == []
    # The stylesheet's @page rule sets the sheet: A4 landscape is 842 × 595 points.
    pdf = page.pdf(prefer_css_page_size=True)
    (output_dir / "schedule-print.pdf").write_bytes(pdf)
    sheets = re.findall(rb"/Type\s*/Page(?![s\w])", pdf)
    assert len(sheets) == 1
    (box,) = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    width, height = (float(value) for value in box)
    assert round(width) == 842 and round(height) == 595
