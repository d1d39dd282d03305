"""The Vietnamese Wagtail catalogues of kyanh_cms.wagtail_vi.

Checked against the *installed* Wagtail, taggit and django-simple-captcha: every
message is translated, formats are preserved, Django really picks our strings
over Wagtail's own, and the admin's JavaScript gets our djangojs messages.
"""

from __future__ import annotations

import gettext as gettext_module
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.i18n import JSONCatalog

from kyanh_cms.wagtail_vi import catalogue
from kyanh_cms.wagtail_vi.wagtail_hooks import is_vietnamese, vietnamese_js_catalogue

ROOT = Path(__file__).resolve().parents[2]
APP = "kyanh_cms.wagtail_vi"


def _catalogue(domain):
    return catalogue.read_po(catalogue.po_path(domain))


@pytest.fixture(scope="module", params=catalogue.DOMAINS)
def domain(request):
    return request.param


# ---------------------------------------------------------------------------
# The .po files themselves
# ---------------------------------------------------------------------------


def test_every_installed_message_is_translated(domain):
    ours = catalogue.by_key(_catalogue(domain))
    missing, fuzzy = [], []
    for tpl in catalogue.build_template(domain):
        entry = ours.get(catalogue.entry_key(tpl))
        if entry is None or not all(catalogue.translations(entry)):
            missing.append(tpl.msgid)
        elif entry.fuzzy:
            fuzzy.append(tpl.msgid)
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def test_catalogue_has_no_stale_messages(domain):
    template = {catalogue.entry_key(e) for e in catalogue.build_template(domain)}
    missing = set(catalogue.missing_sources(domain))
    stale = [
        key
        for key, entry in catalogue.by_key(_catalogue(domain)).items()
        if key not in template
        and not (catalogue.entry_apps(entry) and set(catalogue.entry_apps(entry)) <= missing)
    ]
    assert not stale, f"run scripts/messages_wagtail.py: {stale[:5]}"


def test_every_source_app_is_counted():
    for domain in catalogue.DOMAINS:
        missing = catalogue.missing_sources(domain)
        for app, (done, total) in catalogue.stats(_catalogue(domain), domain).items():
            assert total > 0, f"no messages found for {app}"
            assert done == total, f"{app}: {done}/{total}"
            assert app not in missing or app == "captcha", f"{app} is not installed"


def test_placeholders_and_html_are_preserved(domain):
    bad = []
    for entry in _catalogue(domain):
        for issue in catalogue.problems(entry):
            bad.append(f"{entry.msgid[:50]!r}: {issue}")
    assert not bad, "\n".join(bad[:20])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delete %(title)s", ["%(title)s"]),
        ("%s of %d", ["%d", "%s"]),
        ("<b>'{title}' is locked</b> {0}", ["{0}", "{title}"]),
        ("100%% done", ["%%"]),
    ],
)
def test_placeholder_extraction(text, expected):
    assert catalogue.placeholders(text) == expected


def test_problem_detection_catches_broken_translations():
    entry = polib.POEntry(msgid="Delete <b>%(title)s</b>", msgstr="Xóa <b>%(tieu_de)s")
    issues = catalogue.problems(entry)
    assert any("placeholders" in i for i in issues)
    assert any("HTML" in i for i in issues)


def test_text_is_nfc_and_vietnamese(domain):
    entries = list(_catalogue(domain))
    for entry in entries:
        for text in catalogue.translations(entry):
            assert unicodedata.normalize("NFC", text) == text, entry.msgid
    # A sanity check that the files hold Vietnamese, not copied English.
    same = [
        e
        for e in entries
        if catalogue.translations(e)[0] == e.msgid and re.search(r"[a-z]{4}", e.msgid)
    ]
    assert len(same) < 0.03 * len(entries), [e.msgid for e in same]


def test_header_and_plural_forms(domain):
    cat = _catalogue(domain)
    assert cat.metadata["Language"] == "vi"
    assert cat.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert "charset=UTF-8" in cat.metadata["Content-Type"]
    for entry in cat:
        if entry.msgid_plural:
            assert list(entry.msgstr_plural) == [0], entry.msgid
            assert entry.msgstr_plural[0], entry.msgid


# Spellings and terms that docs/glossary.md rules out.
FORBIDDEN = {
    r"(?i)\b(xoá|khoá|hoá|tuỳ|huỷ|thuỷ)\b": "keep one accent placement: xóa, khóa, hóa, tùy, hủy",
    r"^Biên tập\b": "the action Edit = Chỉnh sửa / Sửa",
    r"^Tùy chỉnh$": "Settings = Cài đặt",
    r"(?i)\bluồng công việc\b": "workflow = quy trình duyệt",
    r"(?i)\btrang tổng quan\b": "dashboard = Bảng điều khiển",
    r"(?i)\bsnippets?\b": "snippet = nội dung dùng chung",
    r"(?i)\bfile\b": "file = tệp",
    r"(?i)\bwebsite\b": "site = trang web",
}


def test_glossary_terms(domain):
    bad = []
    for entry in _catalogue(domain):
        for text in catalogue.translations(entry):
            for pattern, why in FORBIDDEN.items():
                if re.search(pattern, text):
                    bad.append(f"{entry.msgid[:40]!r} -> {text[:60]!r}: {why}")
    assert not bad, "\n".join(bad[:20])


def test_msgfmt_check_format(domain, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check-format", "-o", str(tmp_path / "out.mo"), str(catalogue.po_path(domain))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_compiled_mo_matches_po(domain):
    po = _catalogue(domain)
    mo_path = catalogue.po_path(domain).with_suffix(".mo")
    with mo_path.open("rb") as fh:
        mo = gettext_module.GNUTranslations(fh)
    for entry in po:
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            got = mo._catalog.get((msgid, 0))
        else:
            got = mo._catalog.get(msgid)
        assert got == catalogue.translations(entry)[0], f"{entry.msgid!r}: recompile the .mo files"


def test_refresh_script_reports_nothing_to_do():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "messages_wagtail.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "untranslated: 0" in result.stdout


# ---------------------------------------------------------------------------
# Django picks our translations
# ---------------------------------------------------------------------------


def test_app_is_installed_before_the_apps_it_translates():
    names = [cfg.name for cfg in apps.get_app_configs()]
    assert APP in names
    assert apps.get_app_config("kyanh_cms_wagtail_vi").name == APP
    translated = {module for _label, module, _dom in catalogue.SOURCES}
    later = [n for n in names[: names.index(APP)] if n in translated]
    assert not later, f"list {APP} before {later} in INSTALLED_APPS"


def _wagtail_vi(msgid, domain="django", module="wagtail.admin"):
    path = catalogue.package_dir(module) / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return None
    entry = catalogue.by_key(catalogue.read_po(path)).get((None, msgid))
    return catalogue.translations(entry)[0] if entry else None


@pytest.mark.parametrize(
    "msgid", ["Pages", "Dashboard", "Settings", "Edit", "Snippets", "Workflows", "Save draft"]
)
def test_gettext_returns_our_translation(msgid):
    expected = catalogue.by_key(_catalogue("django"))[(None, msgid)].msgstr
    with translation.override("vi"):
        assert translation.gettext(msgid) == expected


def test_precedence_over_wagtails_own_catalogue():
    """At least some msgids where Wagtail ships a different vi string resolve to ours."""
    ours = catalogue.by_key(_catalogue("django"))
    differing = [
        msgid
        for msgid in ("Dashboard", "Settings", "Edit", "Cancel", "Sites", "Embed")
        if _wagtail_vi(msgid) not in (None, ours[(None, msgid)].msgstr)
        or _wagtail_vi(msgid, module="wagtail.embeds") not in (None, ours[(None, msgid)].msgstr)
    ]
    assert differing, "no msgid differs from Wagtail's own translation any more"
    with translation.override("vi"):
        for msgid in differing:
            assert translation.gettext(msgid) == ours[(None, msgid)].msgstr


def test_plural_and_context_lookups():
    ours = catalogue.by_key(_catalogue("django"))
    with translation.override("vi"):
        entry = ours[(None, "Delete 1 page")]
        for n in (1, 2, 17):
            assert (
                translation.ngettext(entry.msgid, entry.msgid_plural, n) == entry.msgstr_plural[0]
            )
        assert translation.pgettext("A tag name", "name") == ours[("A tag name", "name")].msgstr
        assert translation.gettext("Invalid CAPTCHA") == ours[(None, "Invalid CAPTCHA")].msgstr
    assert str(apps.get_app_config("kyanh_cms_wagtail_vi").verbose_name)


# ---------------------------------------------------------------------------
# The admin's JavaScript catalogue
# ---------------------------------------------------------------------------


def test_static_js_catalogue_is_current():
    expected = catalogue.js_catalogue(_catalogue("djangojs"))
    assert catalogue.STATIC_JS.read_text(encoding="utf-8") == expected, (
        "run scripts/messages_wagtail.py"
    )
    assert finders.find(catalogue.STATIC_JS_PATH), "static file not found by staticfiles finders"


def test_javascript_catalog_view_serves_our_translations():
    """Django's own catalogue view, pointed at our app, returns what the static file holds."""
    view = JSONCatalog.as_view(packages=[APP])
    with translation.override("vi"):
        response = view(RequestFactory().get("/jsi18n/"))
    served = json.loads(response.content)["catalog"]
    ours = catalogue.js_catalogue_dict(_catalogue("djangojs"))
    assert ours, "empty djangojs catalogue"
    for key, value in ours.items():
        assert served.get(key) == value, key
    with translation.override("vi"):
        assert served["Dashboard"] == translation.gettext("Dashboard")


def test_hook_emits_script_only_for_vietnamese():
    from wagtail import hooks

    assert vietnamese_js_catalogue in hooks.get_hooks("insert_global_admin_js")
    with translation.override("vi"):
        html = vietnamese_js_catalogue()
    assert catalogue.STATIC_JS_PATH in html and html.startswith("<script src=")
    with translation.override("en"):
        assert vietnamese_js_catalogue() == ""
    assert is_vietnamese("vi") and is_vietnamese("vi-VN") and not is_vietnamese("en")


def test_wagtail_loads_its_catalogue_before_the_hook_output():
    """Ours must run after Wagtail's catalogue script so our entries replace Wagtail's."""
    template = (
        catalogue.package_dir("wagtail.admin") / "templates" / "wagtailadmin" / "admin_base.html"
    )
    source = template.read_text(encoding="utf-8")
    assert source.index("wagtailadmin_javascript_catalog") < source.index("insert_global_admin_js")


@pytest.mark.django_db
def test_admin_login_page_loads_both_catalogues_in_order(client):
    try:
        url = reverse("wagtailadmin_login")
    except NoReverseMatch:
        pytest.skip("the Wagtail admin URLs are not mounted in this project")
    languages = {code for code, _name in settings.LANGUAGES}
    if "vi" not in languages:
        pytest.skip("Vietnamese is not among settings.LANGUAGES")
    with translation.override("vi"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    html = response.content.decode()
    assert response.status_code == 200
    ours = html.index(catalogue.STATIC_JS_PATH)
    wagtails = html.index(reverse("wagtailadmin_javascript_catalog"))
    assert wagtails < ours


RUNTIME_WITHOUT_POLIB = """
import sys

sys.modules["polib"] = None  # any import of polib now raises ImportError
import django

django.setup()
from django.utils import translation

from kyanh_cms.wagtail_vi import checks, wagtail_hooks

with translation.override("vi"):
    assert wagtail_hooks.vietnamese_js_catalogue().startswith("<script src=")
assert checks.check_static_catalogue() == []
assert "kyanh_cms.wagtail_vi.catalogue" not in sys.modules
print("ok")
"""


def test_runtime_code_needs_no_polib(tmp_path):
    """polib is a development dependency: the app, hook and check must run without it."""
    env = {
        "DJANGO_SETTINGS_MODULE": "kyanh_example.settings.test",
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "example_site"), os.environ.get("PYTHONPATH")])
        ),
    }
    # Run from an empty folder, so that the source tree's kyanh_cms is not on sys.path.
    result = subprocess.run(
        [sys.executable, "-c", RUNTIME_WITHOUT_POLIB],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "ok"


def test_system_check_passes_when_static_catalogue_is_present():
    from kyanh_cms.wagtail_vi.checks import check_static_catalogue

    assert check_static_catalogue() == []
