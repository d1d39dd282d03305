"""The README's three installation steps, on a brand-new Wagtail project, with the wheel."""

import os
import re
import subprocess
import textwrap
import venv

import pytest

pytestmark = pytest.mark.slow

# What the README tells an integrator to add (step 2 and step 3).
EXTRA_APPS = [
    "kyanh_cms",
    "captcha",
    "wagtailgeowidget",
    "js_lib_leaflet",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.sitemaps",
]
URL_INCLUDE = '    path("", include("kyanh_cms.urls")),\n'

CHECK_SCRIPT = textwrap.dedent(
    """
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Page, Site

    from kyanh_cms.models import PortalHomePage

    site = Site.objects.get(is_default_site=True)
    host_home = site.root_page
    client = Client()
    response = client.get("/")
    print("host home:", response.status_code, "Welcome to your new Wagtail site" in response.text)

    section = PortalHomePage(title="Cổng tin tức", slug="cong-tin-tuc")
    host_home.add_child(instance=section)
    response = client.get(section.url)
    print("portal page:", response.status_code, "kyanh-sidebar" in response.text)
    print("health:", client.get(reverse("kyanh_cms:health")).status_code)
    print("host search:", reverse("search"))
    """
)


# The host project runs on its own settings and its own SQLite database.
HOST_ENV = {
    key: value
    for key, value in os.environ.items()
    if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH"}
}


@pytest.fixture(scope="module")
def host_project(tmp_path_factory, built_wheel):
    root = tmp_path_factory.mktemp("host")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(built_wheel)], check=True)
    project = root / "townportal"
    project.mkdir()
    subprocess.run(
        [str(env_dir / "bin" / "wagtail"), "start", "townportal", str(project)], check=True
    )
    settings_file = project / "townportal" / "settings" / "base.py"
    text = settings_file.read_text()
    apps = "".join(f'    "{name}",\n' for name in EXTRA_APPS)
    settings_file.write_text(text.replace("INSTALLED_APPS = [\n", "INSTALLED_APPS = [\n" + apps, 1))
    urls_file = project / "townportal" / "urls.py"
    text = urls_file.read_text()
    marker = '    path("", include(wagtail_urls)),\n'
    assert marker in text
    urls_file.write_text(text.replace(marker, URL_INCLUDE + marker, 1))

    def manage(*args):
        return subprocess.run(
            [python, "manage.py", *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env=HOST_ENV,
        )

    result = manage("migrate", "--noinput")
    assert result.returncode == 0, result.stderr
    return manage


def test_project_checks_and_migrations_are_clean(host_project):
    result = host_project("check")
    assert result.returncode == 0, result.stdout + result.stderr
    result = host_project("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_host_home_still_works_and_portal_pages_live_beside_it(host_project):
    result = host_project("shell", "-c", CHECK_SCRIPT)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines() if ": " in line)
    assert lines["host home"] == "200 True"
    assert lines["portal page"] == "200 True"
    assert lines["health"] == "200"
    assert lines["host search"] == "/search/"  # the host's own URL names are untouched


def test_installed_templates_are_all_namespaced(built_wheel):
    import zipfile

    templates = [
        name
        for name in zipfile.ZipFile(built_wheel).namelist()
        if name.startswith("kyanh_cms/templates/") and not name.endswith("/")
    ]
    assert templates
    outside = [t for t in templates if not re.match(r"kyanh_cms/templates/kyanh_cms/", t)]
    assert outside == []
