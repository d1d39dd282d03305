"""Refresh kyanh_cms/locale/vi from the source tree, then compile it.

Django's makemessages puts strings found outside an app's folder into the
first LOCALE_PATHS entry; blocks/ and templates/ live beside kyanh_cms/ in
the repository, so this points LOCALE_PATHS at kyanh_cms/locale.
"""

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

ignore = [".venv", "build", "dist", "example_site", "tests", "scripts", "docs", "kyanh_cms/wagtail_vi"]
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
for po in LOCALE.glob("vi/LC_MESSAGES/*.po"):
    subprocess.run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
