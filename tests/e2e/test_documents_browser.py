"""A visitor finds a document with the library's filter form on a phone and at 1280 px
without JavaScript, and sends an opinion on the open draft; both pages pass axe."""

import pytest

from tests.e2e.accessibility import audit


class Silent:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def library(portal):
    from kyanh_cms.demo import documents

    documents.seed(Silent())
    return "/" + documents.LIBRARY_SLUG + "/"


@pytest.mark.parametrize("width", [360, 1280])
def test_the_filter_form_finds_a_document(library, live_server, open_page, output_dir, width):
    # axe runs in a page with JavaScript (it is a script); the visitor's part without.
    checked = open_page(width=width)
    checked.goto(live_server.url + library)
    blocking, _other = audit(checked)
    assert blocking == []
    page = open_page(width=width, java_script_enabled=False)
    page.goto(live_server.url + library)
    assert page.locator(".kyanh-table tbody tr").count() == 20
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(output_dir / f"documents-library-{width}.png"), full_page=True)

    page.fill(".kyanh-filters input[name=q]", "qd ubnd 1520")
    page.locator(".kyanh-filters button[type=submit]").click()
    page.wait_for_url("**q=qd+ubnd+1520**")
    # The decision itself, and the one that replaces it (its abstract names it).
    rows = page.locator(".kyanh-table tbody tr")
    assert rows.count() == 2
    found = rows.filter(has=page.get_by_role("link", name="1520/QĐ-UBND", exact=True))
    assert "Bị thay thế" in found.text_content()

    page.fill(".kyanh-filters input[name=q]", "")
    page.select_option("select[name=status]", "expired")
    page.locator(".kyanh-filters button[type=submit]").click()
    page.wait_for_url("**status=expired**")
    assert "45/KH-UBND" in page.locator(".kyanh-table").text_content()
    assert page.locator(".kyanh-table tbody tr").count() == 1

    page.locator(".kyanh-table a").first.click()
    assert page.locator("h1").text_content().strip() == "Kế hoạch số 45/KH-UBND"


def test_a_visitor_sends_an_opinion_on_the_open_draft(
    library, live_server, open_page, output_dir, settings
):
    settings.CAPTCHA_TEST_MODE = True
    page = open_page(width=360, java_script_enabled=False)
    page.goto(live_server.url + library + "?status=draft")
    page.locator(".kyanh-table a").first.click()
    page.get_by_role("link", name="Gửi ý kiến").click()
    checked = open_page(width=360)
    checked.goto(page.url)
    blocking, _other = audit(checked)
    assert blocking == []
    page.fill("input[name=name]", "Phan Thị Hoa")
    page.fill("input[name=contact]", "0905 111 222")
    page.fill("textarea[name=content]", "Đề nghị quy định rõ giờ mở cửa nhà văn hóa.")
    page.fill("input[name=captcha]", "sai")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "Mã xác thực không đúng" in page.content()
    assert (
        page.input_value("textarea[name=content]") == "Đề nghị quy định rõ giờ mở cửa nhà văn hóa."
    )
    page.fill("input[name=captcha]", "passed")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert page.get_by_role("status").text_content().startswith("Cảm ơn bạn")
    page.screenshot(path=str(output_dir / "documents-opinion-sent.png"), full_page=True)

    from kyanh_cms.models import DocumentOpinion

    assert DocumentOpinion.objects.get().contact == "0905 111 222"
