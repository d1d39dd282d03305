"""Reading, merging and writing the Vietnamese catalogues of ``kyanh_cms.wagtail_vi``.

This module has no Django dependency so that ``scripts/messages_wagtail.py``
can run it without settings. It is tooling for the script and the tests, not
runtime code: it reads and writes PO files with polib (a development
dependency, in the ``test`` extra), while the running site only needs
``static_catalogue`` and the compiled ``.mo`` files. It holds:

* ``SOURCES``: the apps whose messages we translate, with their gettext domain;
* ``read_po``/``write_po`` and small helpers over ``polib.POFile`` and
  ``polib.POEntry`` (keys, the apps comment, translations);
* ``build_template``: the union of the installed apps' English msgids;
* ``merge``: keeps existing translations, adds new msgids untranslated and drops
  gone ones;
* ``js_catalogue``: the JavaScript file that adds our ``djangojs`` messages to
  ``django.catalog`` in the Wagtail admin.

Every entry of the merged ``django.po`` carries an extracted comment
``#. apps: wagtail.admin wagtail.images`` telling which apps use it, so the
script and the tests can count messages per app.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import polib

# STATIC_JS and STATIC_JS_PATH are re-exported for the script and the tests.
from kyanh_cms.wagtail_vi.static_catalogue import APP_DIR
from kyanh_cms.wagtail_vi.static_catalogue import STATIC_JS as STATIC_JS
from kyanh_cms.wagtail_vi.static_catalogue import STATIC_JS_PATH as STATIC_JS_PATH

LOCALE_DIR = APP_DIR / "locale" / "vi" / "LC_MESSAGES"

# (app label shown in reports, importable package, gettext domain), in the
# order editors meet them; the first app listing a msgid decides where the
# entry sits in the merged file.
SOURCES: list[tuple[str, str, str]] = [
    ("wagtail.admin", "wagtail.admin", "django"),
    ("wagtail", "wagtail", "django"),
    ("wagtail.images", "wagtail.images", "django"),
    ("wagtail.documents", "wagtail.documents", "django"),
    ("wagtail.snippets", "wagtail.snippets", "django"),
    ("wagtail.contrib.settings", "wagtail.contrib.settings", "django"),
    ("wagtail.users", "wagtail.users", "django"),
    ("wagtail.embeds", "wagtail.embeds", "django"),
    ("wagtail.search", "wagtail.search", "django"),
    ("wagtail.sites", "wagtail.sites", "django"),
    ("wagtail.contrib.redirects", "wagtail.contrib.redirects", "django"),
    ("wagtail.contrib.forms", "wagtail.contrib.forms", "django"),
    ("wagtail.contrib.table_block", "wagtail.contrib.table_block", "django"),
    ("wagtail.contrib.typed_table_block", "wagtail.contrib.typed_table_block", "django"),
    ("wagtail.locales", "wagtail.locales", "django"),
    ("taggit", "taggit", "django"),
    ("captcha", "captcha", "django"),
    ("wagtail.admin:js", "wagtail.admin", "djangojs"),
]

DOMAINS = ("django", "djangojs")

# Messages of this app itself (kept in the merged django.po like the others).
OWN_LABEL = "kyanh_cms.wagtail_vi"
OWN_MESSAGES = ["Vietnamese translations for Wagtail"]

HEADER = {
    "Project-Id-Version": "kyanh-cms wagtail_vi",
    "Report-Msgid-Bugs-To": "",
    "Language-Team": "kyanh-cms",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}

HEADER_COMMENT = (
    "Vietnamese translations of Wagtail and its companion apps for kyanh-cms.\n"
    "Generated and refreshed by scripts/messages_wagtail.py; terms follow docs/glossary.md.\n"
    "Edit msgstr values only."
)

APPS_COMMENT = "apps: "

# The files are written without wrapping long lines: one line per string, a
# string that holds newlines split after each of them (as Django's catalogues).
WRAPWIDTH = 0

Key = tuple[str | None, str]


# --------------------------------------------------------------------------
# Catalogues and entries (polib)
# --------------------------------------------------------------------------


def read_po(path: Path) -> polib.POFile:
    """Read a PO file; obsolete ``#~`` entries are left out, as msgfmt does."""
    po = polib.pofile(str(path), wrapwidth=WRAPWIDTH)
    po[:] = [entry for entry in po if not entry.obsolete]
    return po


def write_po(po: polib.POFile, path: Path) -> None:
    po.wrapwidth = WRAPWIDTH
    po.save(str(path))


def new_catalogue() -> polib.POFile:
    """An empty catalogue with our header comment and metadata."""
    po = polib.POFile(wrapwidth=WRAPWIDTH)
    po.header = HEADER_COMMENT
    po.metadata = dict(HEADER)
    return po


def entry_key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def by_key(po: polib.POFile) -> dict[Key, polib.POEntry]:
    return {entry_key(entry): entry for entry in po}


def entry_apps(entry: polib.POEntry) -> list[str]:
    """The apps listed by the entry's ``#. apps: …`` comment."""
    for line in entry.comment.splitlines():
        if line.startswith(APPS_COMMENT):
            return line[len(APPS_COMMENT) :].split()
    return []


def translations(entry: polib.POEntry) -> list[str]:
    """``[msgstr]``, or the ``msgstr[n]`` of a plural entry in order."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def set_translation(entry: polib.POEntry, text: str) -> None:
    """Set the (single Vietnamese) translation, NFC-normalised, and clear ``fuzzy``."""
    text = unicodedata.normalize("NFC", text)
    if entry.msgid_plural:
        entry.msgstr_plural = {0: text}
    else:
        entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")


# --------------------------------------------------------------------------
# Sources: the installed apps' English catalogues
# --------------------------------------------------------------------------


def package_dir(module: str) -> Path:
    """Directory of an importable package, found through the import system."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {module!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def source_po(module: str, domain: str) -> Path:
    return package_dir(module) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"


def is_installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def missing_sources(domain: str) -> list[str]:
    """Labels of the source apps of ``domain`` whose package is not installed."""
    return [label for label, module, dom in SOURCES if dom == domain and not is_installed(module)]


def source_catalogues(domain: str) -> list[tuple[str, polib.POFile]]:
    """(app label, English catalogue) for each *installed* source app of ``domain``."""
    result = []
    for label, module, dom in SOURCES:
        if dom == domain and is_installed(module):
            result.append((label, read_po(source_po(module, dom))))
    return result


_ORDER = {label: i for i, (label, _m, _d) in enumerate(SOURCES)}


def _apps_comment(labels: list[str]) -> str:
    ordered = sorted(dict.fromkeys(labels), key=lambda a: _ORDER.get(a, len(_ORDER)))
    return APPS_COMMENT + " ".join(ordered)


_KEEP_FLAGS = ("python-format", "python-brace-format", "no-python-format")


def build_template(domain: str) -> list[polib.POEntry]:
    """Union of the source msgids of ``domain``, untranslated, tagged with their apps.

    Two apps may use the same msgid with different English plural forms, or
    one as a plural and another as a singular message. A compiled catalogue
    holds one entry per msgid, looked up by the singular text, so the plural
    form wins (``ngettext`` needs it) and the first app's ``msgid_plural`` is kept.
    """
    merged: dict[Key, polib.POEntry] = {}
    for label, cat in source_catalogues(domain):
        for src in cat:
            if src.msgid == "":
                continue
            entry = merged.get(entry_key(src))
            if entry is None:
                entry = polib.POEntry(
                    msgid=src.msgid, msgctxt=src.msgctxt, msgid_plural=src.msgid_plural
                )
                merged[entry_key(src)] = entry
            elif not entry.msgid_plural and src.msgid_plural:
                entry.msgid_plural = src.msgid_plural
            for flag in src.flags:
                if flag in _KEEP_FLAGS and flag not in entry.flags:
                    entry.flags.append(flag)
            if label not in entry_apps(entry):
                entry.comment = _apps_comment(entry_apps(entry) + [label])
    if domain == "django":
        for msgid in OWN_MESSAGES:
            entry = merged.setdefault((None, msgid), polib.POEntry(msgid=msgid))
            if OWN_LABEL not in entry_apps(entry):
                entry.comment = _apps_comment(entry_apps(entry) + [OWN_LABEL])
    return list(merged.values())


def merge(
    existing: polib.POFile | None,
    template: list[polib.POEntry],
    missing: list[str] | tuple = (),
) -> tuple[polib.POFile, int, int]:
    """Return (catalogue, added, dropped): translations of ``existing`` carried over.

    ``missing`` lists source apps that are not installed here: their entries are
    kept as they are rather than dropped, so that refreshing without an
    optional package (e.g. django-simple-captcha) loses no translation.
    """
    old = by_key(existing) if existing is not None else {}
    missing = set(missing)
    po = new_catalogue()
    added = 0
    for tpl in template:
        entry = polib.POEntry(
            msgid=tpl.msgid,
            msgctxt=tpl.msgctxt,
            msgid_plural=tpl.msgid_plural,
            flags=list(tpl.flags),
            comment=tpl.comment,
        )
        if entry.msgid_plural:
            entry.msgstr_plural = {0: ""}
        prev = old.get(entry_key(tpl))
        if prev is None:
            added += 1
        else:
            entry.tcomment = prev.tcomment
            set_translation(entry, (translations(prev) or [""])[0])
            if prev.fuzzy:
                entry.flags.append("fuzzy")
            kept_apps = [a for a in entry_apps(prev) if a in missing]
            if kept_apps:
                entry.comment = _apps_comment(entry_apps(entry) + kept_apps)
        po.append(entry)
    keys = {entry_key(e) for e in template}
    dropped = 0
    for key, prev in old.items():
        if key in keys:
            continue
        apps = entry_apps(prev)
        if apps and all(a in missing for a in apps):
            po.append(prev)
        else:
            dropped += 1
    return po, added, dropped


def po_path(domain: str) -> Path:
    return LOCALE_DIR / f"{domain}.po"


def stats(cat: polib.POFile, domain: str) -> dict[str, tuple[int, int]]:
    """{app label: (translated, total)} for the source apps of ``domain``."""
    result: dict[str, list[int]] = {}
    for label, _module, dom in SOURCES:
        if dom == domain:
            result[label] = [0, 0]
    if domain == "django":
        result[OWN_LABEL] = [0, 0]
    for e in cat:
        apps = entry_apps(e) or list(result)[:1]
        for app in apps:
            if app in result:
                result[app][1] += 1
                result[app][0] += int(e.translated())
    return {k: (v[0], v[1]) for k, v in result.items()}


# --------------------------------------------------------------------------
# Checks shared by the script and the tests
# --------------------------------------------------------------------------

_PLACEHOLDER_RE = re.compile(
    r"%\([A-Za-z0-9_]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s %d
    r"|%%"
    r"|\{[A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}"  # {name} {0} {}
)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER_RE.findall(text))


def html_tags(text: str) -> list[str]:
    return sorted(_TAG_RE.findall(text))


def problems(entry: polib.POEntry) -> list[str]:
    """Format problems of a translated entry: placeholders, HTML tags, NFC, spacing."""
    issues = []
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    for text in translations(entry):
        if not text:
            continue
        # A plural translation may use the placeholders of either English form.
        ph_ok = any(placeholders(text) == placeholders(s) for s in sources)
        if not ph_ok and entry.msgid_plural:
            union = sorted(set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural)))
            ph_ok = sorted(set(placeholders(text))) == union
        if not ph_ok:
            issues.append(
                f"placeholders differ: {placeholders(entry.msgid)} vs {placeholders(text)}"
            )
        if html_tags(text) != html_tags(entry.msgid):
            issues.append(f"HTML tags differ: {html_tags(entry.msgid)} vs {html_tags(text)}")
        if unicodedata.normalize("NFC", text) != text:
            issues.append("not NFC")
        if text != text.strip() and entry.msgid == entry.msgid.strip():
            issues.append("leading/trailing whitespace")
        if entry.msgid.endswith("\n") != text.endswith("\n"):
            issues.append("trailing newline differs")
    return issues


# --------------------------------------------------------------------------
# The admin's JavaScript catalogue
# --------------------------------------------------------------------------


def js_catalogue_dict(cat: polib.POFile) -> dict[str, str | list[str]]:
    """The catalogue as Django's JavaScriptCatalog shapes it (translated entries only)."""
    result: dict[str, str | list[str]] = {}
    for e in cat:
        if not e.translated():
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        result[key] = translations(e) if e.msgid_plural else e.msgstr
    return result


def js_catalogue(cat: polib.POFile) -> str:
    """JavaScript that adds our translations to Django's ``django.catalog``.

    Wagtail's own catalogue script (``wagtailadmin_javascript_catalog``) runs
    first and defines ``django.gettext`` and friends; this file runs after it
    (``insert_global_admin_js``), so our entries replace Wagtail's for the same
    msgid. Vietnamese has a single plural form.
    """
    data = json.dumps(js_catalogue_dict(cat), ensure_ascii=False, sort_keys=True, indent=2)
    return (
        "/* Vietnamese messages for the Wagtail admin (kyanh_cms.wagtail_vi).\n"
        "   Generated from locale/vi/LC_MESSAGES/djangojs.po by scripts/messages_wagtail.py;\n"
        "   do not edit. */\n"
        "(function (globals) {\n"
        '  "use strict";\n'
        "  const django = globals.django || (globals.django = {});\n"
        "  const catalog = django.catalog || (django.catalog = {});\n"
        f"  const messages = {data};\n"
        "  for (const key in messages) {\n"
        "    catalog[key] = messages[key];\n"
        "  }\n"
        "  django.pluralidx = function () { return 0; };\n"
        "  globals.pluralidx = django.pluralidx;\n"
        "}(this));\n"
    )
