"""axe-core (bundled by axe-playwright-python) and keyboard helpers for an open Playwright page."""

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


# What has the keyboard focus, and whether a sighted keyboard user can see it: an
# outline or a box shadow on the element (on the star's label for the hidden radio
# buttons of the rating, which draw their focus there).
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) { return null; }
    const drawn = element.matches(".kyanh-stars__input") ? element.nextElementSibling : element;
    const style = getComputedStyle(drawn);
    const box = drawn.getBoundingClientRect();
    return {
        key: element.id || element.tagName + ":" + (element.getAttribute("href") || "")
            + ":" + (element.textContent || element.value || "").trim().slice(0, 60),
        tag: element.tagName.toLowerCase(),
        id: element.id,
        classes: typeof element.className === "string" ? element.className : "",
        text: (element.innerText || element.value || element.getAttribute("aria-label")
            || element.getAttribute("title") || "").trim().replace(/\\s+/g, " ").slice(0, 60),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def focus_is_visible(stop):
    return stop["onScreen"] and (stop["outline"] or stop["shadow"])
