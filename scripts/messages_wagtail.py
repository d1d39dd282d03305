#!/usr/bin/env python
"""Refresh the Vietnamese Wagtail catalogues of kyanh_cms.wagtail_vi.

Run with the project's virtualenv (``make messages-wagtail``)::

    python scripts/messages_wagtail.py            # refresh, compile, report
    python scripts/messages_wagtail.py --check    # report only; exit 1 if anything is untranslated

Against the *installed* Wagtail, taggit and django-simple-captcha, it:

1. collects the current msgids from the installed apps' English catalogues
   (packages are located through the import system);
2. keeps the existing Vietnamese translations, adds new msgids untranslated
   and drops msgids that are gone;
3. compiles ``django.mo`` and ``djangojs.mo`` with ``msgfmt --check-format``
   and regenerates the admin's static JavaScript catalogue;
4. prints how many messages remain untranslated per app.

The catalogues are read and written with polib (``pip install -e ".[test]"``,
which ``make messages-wagtail`` runs first). Needs GNU gettext's ``msgfmt``
on PATH (Debian package ``gettext``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kyanh_cms.wagtail_vi import catalogue  # noqa: E402


def compile_mo(po: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        sys.exit("msgfmt not found: install GNU gettext (apt-get install gettext)")
    subprocess.run(
        [msgfmt, "--check-format", "-o", str(po.with_suffix(".mo")), str(po)],
        check=True,
    )


def report(domain: str, cat: polib.POFile, not_installed: list[str]) -> int:
    missing_total = 0
    for app, (done, total) in catalogue.stats(cat, domain).items():
        if app in not_installed:
            print(f"  {app:36} not installed here: its {total} messages are kept unchanged")
            continue
        missing = total - done
        missing_total += missing
        print(f"  {app:36} {done:4}/{total:<4} translated, {missing:4} untranslated")
    return missing_total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write anything; exit 1 if a message is untranslated or out of date",
    )
    args = parser.parse_args(argv)

    catalogue.LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    missing = 0
    bad = 0
    for domain in catalogue.DOMAINS:
        path = catalogue.po_path(domain)
        existing = catalogue.read_po(path) if path.exists() else None
        template = catalogue.build_template(domain)
        missing_apps = catalogue.missing_sources(domain)
        cat, added, dropped = catalogue.merge(existing, template, missing_apps)
        print(f"{path.relative_to(ROOT)}: {len(cat)} messages, {added} new, {dropped} gone")
        for entry in cat:
            for issue in catalogue.problems(entry):
                bad += 1
                print(f"  problem in {entry.msgid[:60]!r}: {issue}")
        if args.check:
            if added or dropped:
                print("  out of date: run scripts/messages_wagtail.py")
                bad += 1
        else:
            catalogue.write_po(cat, path)
            compile_mo(path)
            if domain == "djangojs":
                catalogue.STATIC_JS.parent.mkdir(parents=True, exist_ok=True)
                catalogue.STATIC_JS.write_text(catalogue.js_catalogue(cat), encoding="utf-8")
        missing += report(domain, cat, missing_apps)
    print(f"untranslated: {missing}")
    if args.check and (missing or bad):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
