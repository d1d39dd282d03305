"""The README's three installation steps, on a brand-new Wagtail project, with the wheel.

The steps are read out of README.md itself, so the test and the README
cannot drift apart: the apps of step 2, the URL line of step 3, the
``migrate`` command, and the two template snippets that put the sidebar into
the project's own ``base.html``.
"""

import os
import re
import subprocess
import textwrap
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_install_section():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Installing into an existing Wagtail portal", 1)[1]
    section = section.split("\n## ", 1)[0]
    blocks = [
        (language, textwrap.dedent(code))
        for language, code in re.findall(r"```(\w+)\n(.*?)\n\s*```", section, re.DOTALL)
    ]
    return section, blocks


def readme_steps():
    section, blocks = readme_install_section()
    python_blocks = [code for language, code in blocks if language == "python"]
    shell_blocks = [code for language, code in blocks if language == "sh"]
    template_blocks = [code for language, code in blocks if language == "django"]
    assert "`pip install kyanh-cms`" in section
    apps = re.findall(r'^\s*"([\w.]+)",', python_blocks[0], re.MULTILINE)
    (url_line,) = [line for line in python_blocks[1].splitlines() if "kyanh_cms.urls" in line]
    (migrate,) = shell_blocks
    head_snippet, body_snippet = template_blocks
    return apps, url_line.strip(), migrate.split(), head_snippet, body_snippet


def test_the_readme_keeps_to_three_steps():
    section, _blocks = readme_install_section()
    steps = re.findall(r"^(\d+)\. ", section, re.MULTILINE)
    assert steps == ["1", "2", "3"]
    apps, url_line, migrate, _head, _body = readme_steps()
    assert apps[0] == "kyanh_cms" and "wagtail.contrib.settings" in apps
    assert url_line == 'path("", include("kyanh_cms.urls")),'
    assert migrate == ["python", "manage.py", "migrate"]


CHECK_SCRIPT = textwrap.dedent(
    """
    import json

    from django.template.loader import get_template
    from django.test import Client, override_settings
    from django.urls import reverse
    from wagtail.models import Site

    from kyanh_cms.models import (
        DailySiteVisits,
        NewsArticlePage,
        NewsIndexPage,
        Organization,
        ShowcaseIndexPage,
        ShowcasePage,
        TaskPlanIndexPage,
    )

    BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0"
    site = Site.objects.get(is_default_site=True)
    host_home = site.root_page
    client = Client(HTTP_USER_AGENT=BROWSER)

    def report(name, value):
        print(f"{name}: {value}")

    html = client.get("/").text
    report("host home", "Welcome to your new Wagtail site" in html)
    report("sidebar in host base", 'class="kyanh kyanh-sidebar"' in html)
    report("sidebar widgets", "Thống kê truy cập" in html and "Liên kết website" in html)
    report("beacon in host base", f'data-page="{host_home.pk}"' in html)
    beacon = client.post(
        reverse("kyanh_cms:visit_beacon"),
        f"p={host_home.pk}",
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="same-origin",  # sent from the page itself
    )
    report("host page counted", (beacon.status_code, DailySiteVisits.objects.get().views))

    news = host_home.add_child(instance=NewsIndexPage(title="Tin tức"))
    body = [
        {"type": "heading", "value": {"text": "Kết quả", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Đến nay 100% hồ sơ được tiếp nhận trực tuyến.</p>"},
    ]
    article = NewsArticlePage(
        title="Kỳ Anh đẩy mạnh chuyển đổi số", lead="Tóm tắt.", body=json.dumps(body)
    )
    news.add_child(instance=article)
    article.save_revision().publish()
    ward = Organization.objects.create(name="Đảng ủy phường Sông Trí", kind="ward")
    showcases = host_home.add_child(instance=ShowcaseIndexPage(title="Mô hình, điển hình"))
    showcase = showcases.add_child(
        instance=ShowcasePage(
            title="Phường văn minh, sạch đẹp", kind="collective", organization=ward, year=2026
        )
    )
    plans = host_home.add_child(instance=TaskPlanIndexPage(title="Nhiệm vụ trọng tâm"))
    for name, page, text in [
        ("news index", news, "Kỳ Anh đẩy mạnh chuyển đổi số"),
        ("article", article, "Đến nay 100% hồ sơ"),
        ("showcase index", showcases, "Phường văn minh, sạch đẹp"),
        ("showcase", showcase, "Đảng ủy phường Sông Trí"),
        ("task plans", plans, "Nhiệm vụ trọng tâm"),
    ]:
        response = client.get(page.url)
        shown = (text in response.text, "kyanh-sidebar" in response.text)
        report(name, (response.status_code, *shown))

    with override_settings(KYANH_CMS={"BASE_TEMPLATE": "base.html"}):
        html = client.get(article.url).text
    report(
        "article in host layout",
        ("css/townportal.css" in html, "kyanh_cms/css/kyanh_cms.css" in html, "Đến nay" in html),
    )
    sitemap = client.get("/sitemap.xml")
    report("sitemap", (sitemap.status_code, f"http://testserver{article.url}" in sitemap.text))
    report("health", client.get(reverse("kyanh_cms:health")).status_code)
    report("host search", reverse("search"))
    origin = get_template("base.html").origin.name
    report("host base template", origin.endswith("townportal/templates/base.html"))
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
    apps, url_line, migrate, head_snippet, body_snippet = readme_steps()
    root = tmp_path_factory.mktemp("host")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    # Step 1, with the wheel built from this repository in place of the published one.
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(built_wheel)], check=True)
    project = root / "townportal"
    project.mkdir()
    subprocess.run(
        [str(env_dir / "bin" / "wagtail"), "start", "townportal", str(project)], check=True
    )
    # Step 2.
    settings_file = project / "townportal" / "settings" / "base.py"
    text = settings_file.read_text()
    listed = "".join(f'    "{name}",\n' for name in apps)
    settings_file.write_text(text.replace("INSTALLED_APPS = [\n", "INSTALLED_APPS = [\n" + listed))
    # Step 3.
    urls_file = project / "townportal" / "urls.py"
    text = urls_file.read_text()
    marker = '    path("", include(wagtail_urls)),\n'
    assert marker in text
    urls_file.write_text(text.replace(marker, f"    {url_line}\n" + marker, 1))
    # The sidebar in the project's own base template.
    base_file = project / "townportal" / "templates" / "base.html"
    text = base_file.read_text()
    content = "{% block content %}{% endblock %}"
    assert "</head>" in text and content in text
    text = text.replace("</head>", head_snippet + "\n</head>", 1)
    base_file.write_text(text.replace(content, content + "\n" + body_snippet, 1))

    def manage(*args):
        return subprocess.run(
            [python, "manage.py", *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env=HOST_ENV,
        )

    result = manage(*migrate[2:], "--noinput")
    assert result.returncode == 0, result.stderr
    return manage


def test_project_checks_and_migrations_are_clean(host_project):
    result = host_project("check", "--fail-level", "ERROR")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kyanh_cms.E" not in result.stderr
    result = host_project("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_host_home_still_works_and_portal_pages_live_under_it(host_project):
    result = host_project("shell", "-c", CHECK_SCRIPT)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines() if ": " in line)
    assert lines["host home"] == "True"
    # The sidebar and the visit counter, inside the project's own template.
    assert lines["sidebar in host base"] == "True"
    assert lines["sidebar widgets"] == "True"
    assert lines["beacon in host base"] == "True"
    assert lines["host page counted"] == "(204, 1)"
    # News, showcases and task plans under the project's own home page.
    for name in ("news index", "article", "showcase index", "showcase", "task plans"):
        assert lines[name] == "(200, True, True)", name
    assert lines["article in host layout"] == "(True, True, True)"
    assert lines["sitemap"] == "(200, True)"
    assert lines["health"] == "200"
    # The project's own names are untouched.
    assert lines["host search"] == "/search/"
    assert lines["host base template"] == "True"


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
