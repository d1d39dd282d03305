"""The distribution claims one import name and ships blocks/ and templates/ inside it."""

import shutil
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHECK_INSTALLED = r"""
import importlib, sys
import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[
        "kyanh_cms", "wagtail.contrib.settings", "wagtail.images", "wagtail", "taggit",
        "modelcluster", "django.contrib.auth", "django.contrib.contenttypes",
        "django.contrib.staticfiles",
    ],
    STATIC_URL="/static/",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
import kyanh_cms.blocks
print("blocks:", kyanh_cms.blocks.__file__)
try:
    import blocks
except ImportError:
    print("top-level blocks: absent")
else:
    print("top-level blocks: PRESENT", blocks.__file__)
from django.template.loader import get_template
template = get_template("kyanh_cms/base.html")
print("template:", template.origin.name)
"""


def test_wheel_contains_one_import_name(built_wheel):
    names = zipfile.ZipFile(built_wheel).namelist()
    top_level = {name.split("/")[0] for name in names}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"kyanh_cms"}
    assert "kyanh_cms/blocks/__init__.py" in names
    assert "kyanh_cms/templates/kyanh_cms/base.html" in names
    assert "kyanh_cms/static/kyanh_cms/css/kyanh_cms.css" in names
    assert "kyanh_cms/locale/vi/LC_MESSAGES/django.mo" in names
    assert any(name.startswith("kyanh_cms/migrations/0001") for name in names)


def test_wheel_installs_into_a_fresh_virtualenv(built_wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(built_wheel)], check=True, cwd=tmp_path
    )
    result = subprocess.run(
        [str(python), "-c", CHECK_INSTALLED],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the repository: nothing from the source tree on sys.path
    )
    assert result.returncode == 0, result.stderr
    site_packages = str(env_dir)
    lines = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
    assert lines["blocks"].startswith(site_packages)
    assert lines["top-level blocks"] == "absent"
    assert lines["template"].startswith(site_packages)
    assert lines["template"].endswith("kyanh_cms/templates/kyanh_cms/base.html")


REPO = Path(__file__).resolve().parent.parent
#: What a fresh clone lacks: environments, build output, caches.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".venvs",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "test-output",
    ".bench",
    ".pytest_cache",
    ".ruff_cache",
    "db.sqlite3*",
    "media",
    "static_collected",
)


def test_plain_editable_install_is_the_package_a_wheel_installs(tmp_path):
    """`pip install -e .`, as every Django developer types it, in a fresh environment."""
    source = tmp_path / "kyanh-cms"
    shutil.copytree(REPO, source, symlinks=True, ignore=NOT_IN_A_CLONE)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "-e", ".", "dj-database-url"],
        check=True,
        cwd=source,
    )
    result = subprocess.run(
        [python, "-c", CHECK_INSTALLED], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
    # Edits in the source tree show at once: both come from it, inside kyanh_cms.
    assert lines["blocks"] == str(source / "kyanh_cms" / "blocks" / "__init__.py")
    assert lines["template"] == str(source / "kyanh_cms" / "templates" / "kyanh_cms" / "base.html")
    assert lines["top-level blocks"] == "absent"

    check = subprocess.run(
        [python, str(source / "example_site" / "manage.py"), "check", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": str(env_dir / "bin"), "HOME": str(tmp_path)},
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout
