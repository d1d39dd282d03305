"""The distribution claims one import name and ships blocks/ and templates/ inside it."""

import subprocess
import venv
import zipfile

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
