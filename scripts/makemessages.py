"""Refresh kyanh_cms/locale/vi from the source tree, fill in translations, compile.

    python scripts/makemessages.py [translations.json ...]

Each JSON file is a list of {"msgid", "msgstr"[, "msgctxt"][, "msgid_plural",
"msgstr_plural": {"0": ...}][, "domain": "django" | "djangojs"]}: the Vietnamese for
strings the source tree now has. An entry whose msgid is not in the source is
reported, not added. Runs hold a lock, so two people refreshing at once do not
overwrite each other's catalogue.

Django's makemessages puts strings found outside an app's folder into the
first LOCALE_PATHS entry; blocks/ and templates/ live beside kyanh_cms/ in
the repository, so this points LOCALE_PATHS at kyanh_cms/locale.
"""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "kyanh_cms" / "locale"

os.chdir(REPO)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyanh_example.settings.dev")
sys.path.insert(0, str(REPO / "example_site"))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
settings.LOCALE_PATHS = [str(LOCALE)]

from django.core.management import call_command  # noqa: E402

ignore = [
    ".venv",
    "build",
    "dist",
    "example_site",
    "tests",
    "scripts",
    "docs",
    "kyanh_cms/wagtail_vi",
]


def fill(po_path: Path, entries: list[dict]) -> list[str]:
    """Put the given translations into one catalogue; the msgids it does not have."""
    import polib

    catalogue = polib.pofile(str(po_path), wrapwidth=79)
    missing = []
    for entry in entries:
        found = catalogue.find(entry["msgid"], msgctxt=entry.get("msgctxt"))
        if found is None:
            missing.append(entry["msgid"])
            continue
        if "msgstr_plural" in entry:
            found.msgstr_plural = {int(k): v for k, v in entry["msgstr_plural"].items()}
        else:
            found.msgstr = entry["msgstr"]
        if "fuzzy" in found.flags:
            found.flags.remove("fuzzy")
    catalogue.save(str(po_path))
    return missing


translations: dict[str, list[dict]] = {}
for name in sys.argv[1:]:
    for entry in json.loads(Path(name).read_text(encoding="utf-8")):
        translations.setdefault(entry.get("domain", "django"), []).append(entry)

with open(LOCALE / ".makemessages.lock", "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for domain in ("django", "djangojs"):
        call_command(
            "makemessages",
            locale=["vi"],
            domain=domain,
            ignore_patterns=[*ignore, "*/wagtail_vi/*"],
            no_obsolete=True,
            add_location="file",
            verbosity=1,
        )
        if translations.get(domain):
            po = LOCALE / "vi" / "LC_MESSAGES" / f"{domain}.po"
            for msgid in fill(po, translations[domain]):
                print(f"not in the source ({domain}): {msgid!r}", file=sys.stderr)
    for po in LOCALE.glob("vi/LC_MESSAGES/*.po"):
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )
