"""Every public page type passes axe-core's WCAG 2.1 AA rules with no serious or critical violation.

Minor and moderate findings are printed (run pytest with -s to see them) so
they are not lost, but only serious and critical ones fail the test.
"""

import pytest

from .accessibility import audit

# (name, path, viewport width). Later page types add their rows here.
PUBLIC_PAGES = [
    ("home", "/", 1280),
    ("home on a phone", "/", 320),
    ("not found", "/khong-co-trang-nay/", 1280),
]


@pytest.mark.parametrize(("name", "path", "width"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_public_page_has_no_serious_accessibility_violation(
    portal, live_server, open_page, name, path, width
):
    page = open_page(width=width)
    page.goto(live_server.url + path)
    blocking, other = audit(page)
    for line in other:
        print(f"{name}: {line}")
    assert blocking == [], "\n".join(blocking)
    # Nothing may need horizontal scrolling, down to 320 px (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
