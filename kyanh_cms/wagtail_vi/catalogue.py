"""Reading, merging and writing the Vietnamese catalogues of ``kyanh_cms.wagtail_vi``.

This module has no Django dependency so that ``scripts/messages_wagtail.py``
can run it without settings. It holds:

* ``SOURCES``: the apps whose messages we translate, with their gettext domain;
* a small reader/writer for the subset of the PO format that Django's
  ``makemessages`` produces (no third-party library is needed);
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

import hashlib
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent
LOCALE_DIR = APP_DIR / "locale" / "vi" / "LC_MESSAGES"
STATIC_JS = APP_DIR / "static" / "kyanh_cms_wagtail_vi" / "js" / "djangojs.vi.js"
STATIC_JS_PATH = "kyanh_cms_wagtail_vi/js/djangojs.vi.js"

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


# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    # Singular entries use msgstr; plural entries use msgstr_plural[0..n].
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # translator comments ("# ")
    extracted: list[str] = field(default_factory=list)  # "#. "
    references: list[str] = field(default_factory=list)  # "#: "

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def apps(self) -> list[str]:
        for line in self.extracted:
            if line.startswith(APPS_COMMENT):
                return line[len(APPS_COMMENT) :].split()
        return []

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is not None:
            return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]
        return [self.msgstr]

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(t != "" for t in self.translations)

    def set_translation(self, text: str) -> None:
        text = unicodedata.normalize("NFC", text)
        if self.msgid_plural is not None:
            self.msgstr_plural = {0: text}
        else:
            self.msgstr = text
        if "fuzzy" in self.flags:
            self.flags.remove("fuzzy")


@dataclass
class Catalogue:
    header: dict[str, str]
    entries: list[Entry]
    header_comment: str = ""

    def by_key(self) -> dict[tuple[str | None, str], Entry]:
        return {e.key: e for e in self.entries}


# --------------------------------------------------------------------------
# PO reading and writing
# --------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted PO string: {text!r}")
    body = text[1:-1]
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _quote(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        + '"'
    )


def parse_po(text: str) -> Catalogue:
    """Parse PO text (obsolete ``#~`` entries are ignored)."""
    entries: list[Entry] = []
    cur: Entry | None = None
    field_name: str | None = None
    plural_index: int | None = None
    pending: dict[str, list[str]] = {"flags": [], "comments": [], "extracted": [], "refs": []}
    header_comment: list[str] = []
    seen_entry = False

    def finish() -> None:
        nonlocal cur
        if cur is not None:
            entries.append(cur)
        cur = None

    def append(value: str) -> None:
        assert cur is not None
        if field_name == "msgstr_plural":
            cur.msgstr_plural[plural_index] = cur.msgstr_plural.get(plural_index, "") + value
        else:
            setattr(cur, field_name, (getattr(cur, field_name) or "") + value)

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            finish()
            if line.startswith("#,"):
                pending["flags"] += [f.strip() for f in line[2:].split(",") if f.strip()]
            elif line.startswith("#."):
                pending["extracted"].append(line[2:].strip())
            elif line.startswith("#:"):
                pending["refs"] += line[2:].split()
            elif line.startswith("#|"):
                pass
            else:
                comment = line[1:]
                comment = comment[1:] if comment.startswith(" ") else comment
                if not seen_entry:
                    header_comment.append(comment)
                else:
                    pending["comments"].append(comment)
            continue
        if line.startswith('"'):
            append(_unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid"):
            # A keyword that starts a new entry (unless it follows this entry's msgctxt).
            if cur is not None and field_name in ("msgstr", "msgstr_plural"):
                finish()
            if cur is None:
                seen_entry = True
                cur = Entry(
                    msgid="",
                    flags=pending["flags"],
                    comments=pending["comments"],
                    extracted=pending["extracted"],
                    references=pending["refs"],
                )
                pending = {"flags": [], "comments": [], "extracted": [], "refs": []}
        if cur is None:
            raise ValueError(f"unexpected line in PO file: {raw!r}")
        if keyword == "msgctxt":
            cur.msgctxt = ""
            field_name = "msgctxt"
        elif keyword == "msgid":
            field_name = "msgid"
        elif keyword == "msgid_plural":
            cur.msgid_plural = ""
            field_name = "msgid_plural"
        elif keyword == "msgstr":
            field_name = "msgstr"
        elif m := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
            field_name = "msgstr_plural"
            plural_index = int(m.group(1))
            cur.msgstr_plural.setdefault(plural_index, "")
        else:
            raise ValueError(f"unknown PO keyword: {raw!r}")
        append(_unquote(rest))
    finish()

    header: dict[str, str] = {}
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        head = entries.pop(0)
        for hline in head.msgstr.splitlines():
            name, sep, value = hline.partition(":")
            if sep:
                header[name.strip()] = value.strip()
    return Catalogue(header=header, entries=entries, header_comment="\n".join(header_comment))


def read_po(path: Path) -> Catalogue:
    return parse_po(Path(path).read_text(encoding="utf-8"))


def _format_string(keyword: str, value: str) -> list[str]:
    if "\n" in value[:-1]:
        parts = value.splitlines(keepends=True)
        return [f'{keyword} ""'] + [_quote(p) for p in parts]
    return [f"{keyword} {_quote(value)}"]


def format_po(cat: Catalogue) -> str:
    lines: list[str] = []
    for cline in cat.header_comment.splitlines():
        lines.append(f"# {cline}".rstrip())
    lines.append('msgid ""')
    lines.append('msgstr ""')
    for name, value in cat.header.items():
        lines.append(_quote(f"{name}: {value}\n"))
    for e in cat.entries:
        lines.append("")
        lines += [f"# {c}".rstrip() for c in e.comments]
        lines += [f"#. {c}" for c in e.extracted]
        if e.references:
            lines.append("#: " + " ".join(e.references))
        if e.flags:
            lines.append("#, " + ", ".join(e.flags))
        if e.msgctxt is not None:
            lines += _format_string("msgctxt", e.msgctxt)
        lines += _format_string("msgid", e.msgid)
        if e.msgid_plural is not None:
            lines += _format_string("msgid_plural", e.msgid_plural)
            for i in sorted(e.msgstr_plural) or [0]:
                lines += _format_string(f"msgstr[{i}]", e.msgstr_plural.get(i, ""))
        else:
            lines += _format_string("msgstr", e.msgstr)
    return "\n".join(lines) + "\n"


def write_po(cat: Catalogue, path: Path) -> None:
    Path(path).write_text(format_po(cat), encoding="utf-8")


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


def source_catalogues(domain: str) -> list[tuple[str, Catalogue]]:
    """(app label, English catalogue) for each source app of ``domain``."""
    result = []
    for label, module, dom in SOURCES:
        if dom == domain:
            result.append((label, read_po(source_po(module, dom))))
    return result


_KEEP_FLAGS = ("python-format", "python-brace-format", "no-python-format")


def build_template(domain: str) -> list[Entry]:
    """Union of the source msgids of ``domain``, untranslated, tagged with their apps.

    Two apps may use the same msgid with different English plural forms, or
    one as a plural and another as a singular message. A compiled catalogue
    holds one entry per msgid, looked up by the singular text, so the plural
    form wins (``ngettext`` needs it) and the first app's ``msgid_plural`` is kept.
    """
    merged: dict[tuple[str | None, str], Entry] = {}
    for label, cat in source_catalogues(domain):
        for src in cat.entries:
            if src.msgid == "":
                continue
            entry = merged.get(src.key)
            if entry is None:
                entry = Entry(msgid=src.msgid, msgctxt=src.msgctxt, msgid_plural=src.msgid_plural)
                merged[src.key] = entry
            elif entry.msgid_plural is None and src.msgid_plural is not None:
                entry.msgid_plural = src.msgid_plural
            for flag in src.flags:
                if flag in _KEEP_FLAGS and flag not in entry.flags:
                    entry.flags.append(flag)
            apps = entry.apps
            if label not in apps:
                entry.extracted = [APPS_COMMENT + " ".join(apps + [label])]
    if domain == "django":
        for msgid in OWN_MESSAGES:
            entry = merged.setdefault((None, msgid), Entry(msgid=msgid))
            if OWN_LABEL not in entry.apps:
                entry.extracted = [APPS_COMMENT + " ".join(entry.apps + [OWN_LABEL])]
    return list(merged.values())


def merge(existing: Catalogue | None, template: list[Entry]) -> tuple[Catalogue, int, int]:
    """Return (catalogue, added, dropped): translations of ``existing`` carried over."""
    old = existing.by_key() if existing else {}
    entries = []
    added = 0
    for tpl in template:
        entry = Entry(
            msgid=tpl.msgid,
            msgctxt=tpl.msgctxt,
            msgid_plural=tpl.msgid_plural,
            flags=list(tpl.flags),
            extracted=list(tpl.extracted),
        )
        if entry.msgid_plural is not None:
            entry.msgstr_plural = {0: ""}
        prev = old.get(tpl.key)
        if prev is None:
            added += 1
        else:
            entry.comments = list(prev.comments)
            text = prev.translations[0] if prev.translations else ""
            entry.set_translation(text)
            if prev.fuzzy:
                entry.flags.append("fuzzy")
        entries.append(entry)
    keys = {e.key for e in template}
    dropped = sum(1 for k in old if k not in keys)
    header = dict(HEADER)
    return Catalogue(header=header, entries=entries, header_comment=HEADER_COMMENT), added, dropped


def po_path(domain: str) -> Path:
    return LOCALE_DIR / f"{domain}.po"


def stats(cat: Catalogue, domain: str) -> dict[str, tuple[int, int]]:
    """{app label: (translated, total)} for the source apps of ``domain``."""
    result: dict[str, list[int]] = {}
    for label, _module, dom in SOURCES:
        if dom == domain:
            result[label] = [0, 0]
    if domain == "django":
        result[OWN_LABEL] = [0, 0]
    for e in cat.entries:
        apps = e.apps or [label for label in result][:1]
        for app in apps:
            if app in result:
                result[app][1] += 1
                result[app][0] += int(e.translated)
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


def problems(entry: Entry) -> list[str]:
    """Format problems of a translated entry: placeholders, HTML tags, NFC, spacing."""
    issues = []
    sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    for text in entry.translations:
        if not text:
            continue
        # A plural translation may use the placeholders of either English form.
        ph_ok = any(placeholders(text) == placeholders(s) for s in sources)
        if not ph_ok and entry.msgid_plural:
            union = sorted(set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural)))
            ph_ok = sorted(set(placeholders(text))) == union
        if not ph_ok:
            issues.append(f"placeholders differ: {placeholders(entry.msgid)} vs {placeholders(text)}")
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


def js_catalogue_dict(cat: Catalogue) -> dict[str, str | list[str]]:
    """The catalogue as Django's JavaScriptCatalog shapes it (translated entries only)."""
    result: dict[str, str | list[str]] = {}
    for e in cat.entries:
        if not e.translated:
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        result[key] = e.translations if e.msgid_plural is not None else e.msgstr
    return result


def js_catalogue(cat: Catalogue) -> str:
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


def js_version() -> str:
    """Short content hash of the static catalogue, used to bust browser caches."""
    try:
        return hashlib.sha256(STATIC_JS.read_bytes()).hexdigest()[:12]
    except OSError:
        return "0"
