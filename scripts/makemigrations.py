"""Run makemigrations for kyanh_cms and keep the result in the source tree.

In setuptools' strict editable install, kyanh_cms is a tree of links under
build/; Django writes new migration files next to the linked ones, so this
script moves every new (non-link) file back into kyanh_cms/migrations/ and
re-installs so the link tree points at them.
"""

import subprocess
import sys
from pathlib import Path

import kyanh_cms.migrations

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "kyanh_cms" / "migrations"
installed = Path(kyanh_cms.migrations.__file__).parent

subprocess.run(
    [sys.executable, str(REPO / "example_site" / "manage.py"), "makemigrations", "kyanh_cms", *sys.argv[1:]],
    check=True,
)
moved = []
if installed.resolve() != SOURCE.resolve():
    for path in sorted(installed.glob("*.py")):
        if not path.is_symlink():
            path.replace(SOURCE / path.name)
            moved.append(path.name)
if moved:
    print("Moved into the source tree:", ", ".join(moved))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(REPO),
         "--config-settings", "editable_mode=strict"],
        check=True,
    )
