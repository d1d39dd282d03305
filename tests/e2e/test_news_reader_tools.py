"""Reader tools on an article: remembered text size and contrast, read aloud, no-JS fallback."""

import json

import pytest

FAKE_VIETNAMESE_VOICE = """
(() => {
    window.__spoken = [];
    const voice = {lang: "vi-VN", name: "Tiếng Việt", default: true};
    const synth = {
        getVoices: () => [voice],
        speak: (utterance) => window.__spoken.push(utterance.text),
        cancel: () => {},
        addEventListener: () => {},
    };
    Object.defineProperty(window, "speechSynthesis", {value: synth});
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


@pytest.fixture
def article(news):
    category = news.category("Tin tức")
    other = news.article(category, "Bài thứ hai")
    article = news.article(
        category,
        "Ra quân huấn luyện dân quân",
        lead="Sapo về lễ ra quân.",
        body=[
            {"type": "paragraph", "value": "<p>Nội dung huấn luyện năm nay. Sát với địa bàn.</p>"}
        ],
    )
    return article, other


def test_text_size_and_contrast_are_remembered_across_pages(article, live_server, open_page):
    first, second = article
    page = open_page()
    page.goto(live_server.url + first.url)
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tương phản cao").click()
    assert page.get_by_role("button", name="Tương phản cao").get_attribute("aria-pressed") == "true"

    page.goto(live_server.url + second.url)
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after == pytest.approx(before * 1.2, rel=0.01)
    assert page.evaluate("document.documentElement.classList.contains('kyanh-contrast')")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.kyanh-main')).backgroundColor"
    )
    assert background == "rgb(0, 0, 0)"
    page.goto(live_server.url + "/")  # every page of the portal, not only articles
    assert page.evaluate("document.documentElement.classList.contains('kyanh-contrast')")
    assert page.console_errors == []


def test_read_aloud_is_hidden_without_a_vietnamese_voice(article, live_server, open_page):
    page = open_page()
    page.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined});")
    page.goto(live_server.url + article[0].url)
    assert page.locator("[data-kyanh-action=speak]").is_hidden()
    assert page.get_by_role("button", name="In bài").is_visible()


def test_read_aloud_speaks_the_article_with_a_vietnamese_voice(article, live_server, open_page):
    page = open_page()
    page.add_init_script(FAKE_VIETNAMESE_VOICE)
    page.goto(live_server.url + article[0].url)
    button = page.get_by_role("button", name="Đọc bài")
    button.click()
    spoken = " ".join(page.evaluate("window.__spoken"))
    assert "Ra quân huấn luyện dân quân" in spoken
    assert "Sapo về lễ ra quân." in spoken and "Sát với địa bàn." in spoken
    assert "Chia sẻ" not in spoken  # only the article, not the page around it
    assert page.get_by_role("button", name="Dừng đọc").is_visible()


def test_without_javascript_only_working_tools_show(article, live_server, open_page):
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url + article[0].url)
    tools = page.locator(".kyanh-reader-tools")
    assert [t.strip() for t in tools.locator(":visible").all_inner_texts()] == ["Lưu bài"]
    assert [
        " ".join(text.split()) for text in page.locator(".kyanh-share a:visible").all_inner_texts()
    ] == [
        "Chia sẻ lên Facebook (mở trong thẻ mới)",
        "Chia sẻ lên Zalo (mở trong thẻ mới)",
    ]
    with page.expect_download() as download:
        page.get_by_role("link", name="Lưu bài").click()
    assert download.value.suggested_filename == f"{article[0].slug}.html"


def test_preferences_survive_broken_storage(article, live_server, open_page):
    page = open_page()
    page.add_init_script("localStorage.setItem('kyanh-reader', " + json.dumps("{not json") + ");")
    page.goto(live_server.url + article[0].url)
    assert page.get_by_role("button", name="Tăng cỡ chữ").is_visible()
    assert page.console_errors == []
