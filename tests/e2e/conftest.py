"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded one)."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What the same Chromium says with a window. The tests play people visiting the portal,
# and the visit counter (crawlerdetect) rightly ignores "HeadlessChrome".
PERSONS_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{version} Safari/537.36"
)
OUTPUT = Path(
    os.environ.get("KYANH_TEST_OUTPUT", Path(__file__).resolve().parents[2] / "test-output")
)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def output_dir():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails leaves what its tabs showed at that moment under
    ``test-output/failures/``: a screenshot and the page's HTML, named after the test."""
    report = yield
    if report.failed and report.when == "call":
        test_name = re.sub(r"[^\w.-]+", "_", item.nodeid)
        for number, page in enumerate(getattr(item, "open_pages", []), start=1):
            save_failure(page, f"{test_name}-{number}", report)
    return report


def save_failure(page, name, report):
    folder = OUTPUT / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True, timeout=10_000)
        (folder / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # a closed or hung tab must not hide the failure itself
        report.sections.append(("browser", f"No screenshot of {page.url}: {error}"))
    else:
        report.sections.append(("browser", f"{page.url} saved as {folder / name}.png and .html"))


@pytest.fixture
def open_page(browser, request):
    """Open a new tab (English-speaking browser, to prove the portal stays Vietnamese)."""
    contexts = []
    request.node.open_pages = []

    def _open(width=1280, height=900, java_script_enabled=True, device_scale_factor=1):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="en-US",
            # A person's Chrome: "HeadlessChrome" is rightly not counted as a visit.
            user_agent=PERSONS_CHROME.format(version=browser.version),
            java_script_enabled=java_script_enabled,
            device_scale_factor=device_scale_factor,
        )
        # Every wait is on something the page shows; on a machine busy with other work
        # (CI beside other jobs) the admin may take longer than Playwright's 30 s to show
        # it, and a wait that ends early is a failure that says nothing.
        context.set_default_timeout(90_000)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        request.node.open_pages.append(page)
        return page

    yield _open
    for context in contexts:
        context.close()
