"""The demo portal at a phone's width (360 px) and a desktop's (1280 px): no page scrolls
sideways, the menu stays on one line, the search button is not broken over two lines,
and the home page stays a few screens long. Full-page screenshots of every page at both
widths go to test-output/layout/."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from kyanh_cms.models import NewsArticlePage, ShowcasePage

pytestmark = pytest.mark.browser

#: The demo's home page at 360 px was over 10,000 px tall (every article with a large
#: picture and its excerpt, the sidebar's latest news repeating them).
HOME_HEIGHT_AT_360 = 6000


@pytest.fixture
def demo(wagtail_tree):
    call_command("kyanh_demo", stdout=StringIO())
    town = Site.objects.get(is_default_site=True)
    article = NewsArticlePage.objects.get(slug="lanh-dao-thi-xa-tiep-cong-dan-thang-11")
    showcase = ShowcasePage.objects.live().first()
    return {
        name: page.relative_url(town)
        for name, page in {
            "home": town.root_page,
            "article": article,
            "category": article.get_parent(),
            "showcases": showcase.get_parent(),
            "showcase": showcase,
        }.items()
    }


def layout_faults(page):
    """What a reader would see broken at this width, as text."""
    return page.evaluate(
        """() => {
        const faults = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width) {
            faults.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
        }
        const items = Array.from(document.querySelectorAll('.kyanh-nav__list > li'));
        if (new Set(items.map(li => Math.round(li.getBoundingClientRect().top))).size > 1) {
            faults.push('menu wraps onto several lines');
        }
        const button = document.querySelector('.kyanh-header .kyanh-search-form button');
        const field = document.querySelector('.kyanh-header .kyanh-search-form input');
        if (button && field) {
            const b = button.getBoundingClientRect(), f = field.getBoundingClientRect();
            if (b.height > f.height + 2 || b.top !== f.top || b.right > width) {
                faults.push(`search button broken: ${Math.round(b.width)}x${Math.round(b.height)}`);
            }
        }
        return faults;
    }"""
    )


def test_the_portal_fits_a_phone_and_a_desktop(demo, live_server, open_page, output_dir):
    folder = output_dir / "layout"
    folder.mkdir(exist_ok=True)
    heights = {}
    for width in (360, 1280):
        page = open_page(width=width, height=800)
        for name, path in demo.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert layout_faults(page) == [], f"{name} at {width}px"
            heights[name, width] = page.evaluate("document.documentElement.scrollHeight")
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        assert page.console_errors == []

    assert heights["home", 360] < HOME_HEIGHT_AT_360, heights
    # The menu scrolls within its own strip on a phone: every item is still there.
    page = open_page(width=360, height=800)
    page.goto(live_server.url + "/")
    last = page.locator(".kyanh-nav__list > li").last
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == 360
