"""axe-core (bundled by axe-playwright-python) run on an open Playwright page."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

_axe = Axe()


def audit(page):
    """Run axe with the WCAG 2.1 A/AA rules; return (blocking, other) violation lines."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]},
    )
    blocking, other = [], []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        line = f"[{violation['impact']}] {violation['id']}: {violation['help']} — {targets}"
        (blocking if violation["impact"] in BLOCKING_IMPACTS else other).append(line)
    return blocking, other
