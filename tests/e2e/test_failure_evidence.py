"""A failing browser test leaves a screenshot and the page's HTML under test-output/."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve()


@pytest.mark.skipif("KYANH_FAIL_ON_PURPOSE" not in os.environ, reason="run only by the test below")
def test_that_fails_on_purpose(open_page):
    page = open_page()
    page.set_content("<main><h1>Trang lỗi thử</h1></main>")
    assert page.locator("h1").inner_text() == "Một trang khác"


def test_a_failing_browser_test_saves_its_screenshot_and_html(tmp_path):
    env = {**os.environ, "KYANH_FAIL_ON_PURPOSE": "1", "KYANH_TEST_OUTPUT": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{HERE}::test_that_fails_on_purpose",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=HERE.parents[2],
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    (screenshot,) = (tmp_path / "failures").glob("*test_that_fails_on_purpose-1.png")
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    html = screenshot.with_suffix(".html").read_text(encoding="utf-8")
    assert "Trang lỗi thử" in html
    assert "saved as" in result.stdout
