"""`manage.py kyanh_demo` seeds the example portal and changes nothing when run again."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from kyanh_cms.models import (
    DailyPageViews,
    NewsArticlePage,
    NewsIndexPage,
    PortalHomePage,
    PortalSettings,
    Rating,
    ReaderComment,
)
from kyanh_cms.sidebar.visits import site_figures

REPO = Path(__file__).resolve().parent.parent


def snapshot():
    """Row count and newest primary key of every model: a second run must move neither."""
    state = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        manager = model._base_manager
        state[model._meta.label] = (
            manager.count(),
            manager.order_by("-pk").values_list("pk").first(),
        )
    return state


@pytest.mark.django_db
def test_demo_is_idempotent():
    call_command("kyanh_demo", stdout=StringIO())
    first = snapshot()
    call_command("kyanh_demo", stdout=StringIO())
    assert snapshot() == first


@pytest.mark.django_db
def test_a_second_run_leaves_an_editors_article_alone():
    """The newest article is an editor's real work: a second run must not rate it, comment
    on it or give it views."""
    call_command("kyanh_demo", stdout=StringIO())
    town = PortalHomePage.objects.get(slug="trang-chu")
    category = NewsIndexPage.objects.descendant_of(town).get(slug="tin-hoat-dong")
    article = NewsArticlePage(
        title="Bài của biên tập viên", slug="bai-cua-bien-tap-vien", lead="Tin thật."
    )
    category.add_child(instance=article)
    article.save_revision().publish()

    call_command("kyanh_demo", stdout=StringIO())
    assert not Rating.objects.filter(page=article).exists()
    assert not ReaderComment.objects.filter(page=article).exists()
    assert not DailyPageViews.objects.filter(page=article).exists()


@pytest.mark.django_db
def test_demo_comments_are_in_the_past_and_visits_are_counted(client):
    call_command("kyanh_demo", stdout=StringIO())
    now = timezone.now()
    comments = ReaderComment.objects.all()
    assert comments.count() >= 5
    for comment in comments:
        assert comment.created_at <= now
        assert comment.created_at >= comment.page.specific.published_at
        assert comment.replied_at is None or comment.created_at < comment.replied_at <= now

    figures = site_figures(Site.objects.get(is_default_site=True))
    assert figures["today"] > 0
    assert figures["this_month"] > figures["today"]
    assert figures["counted"] > 100_000
    # The sidebar shows the figures and the articles read most this week.
    page = client.get("/").content.decode()
    assert "Đọc nhiều nhất" in page


@pytest.mark.django_db
def test_demo_builds_a_vietnamese_portal(client):
    call_command("kyanh_demo", stdout=StringIO())
    home = PortalHomePage.objects.get(slug="trang-chu")  # the town (communes have theirs)
    assert home.get_site().is_default_site
    identity = PortalSettings.for_site(home.get_site())
    assert identity.portal_name == "Cổng thông tin điện tử thị xã Kỳ Anh"
    assert identity.emblem is not None
    response = client.get("/")
    assert response.status_code == 200
    assert "Chào mừng bạn đến với Cổng thông tin điện tử thị xã Kỳ Anh" in response.content.decode()


def deploy_check(tmp_path, **environment):
    """`check --deploy --fail-level WARNING` on the production settings, as docs/production.md
    runs it before going live."""
    return subprocess.run(
        [
            sys.executable,
            str(REPO / "example_site" / "manage.py"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings",
            "kyanh_example.settings.production",
        ],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
            **environment,
        },
    )


@pytest.mark.slow
def test_deploy_check_with_production_settings_is_clean(tmp_path):
    """`check --deploy` with production-like settings and Redis reports nothing at warning
    level (the check reads the settings; it does not connect to Redis)."""
    result = deploy_check(tmp_path, REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kyanh_cms" not in result.stdout + result.stderr


@pytest.mark.slow
def test_deploy_check_without_redis_names_the_per_process_cache(tmp_path):
    """Without REDIS_URL the production settings keep a memory cache per process, right for
    one process only: `check --deploy` fails on that, and on nothing else."""
    result = deploy_check(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert set(re.findall(r"\((\w+\.[EW]\d{3})\)", output)) == {"kyanh_cms.W021"}, output


def test_migrations_are_complete():
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "example_site" / "manage.py"),
            "makemigrations",
            "--check",
            "--dry-run",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_make_demo_serves_with_debug_off_and_still_serves_static_files(tmp_path):
    """`make demo` runs the server as production would answer visitors: an error is the
    Vietnamese page, never Django's English debug page, and the CSS still arrives
    (runserver --insecure). Its database is left empty here, so every page fails."""
    dry_run = subprocess.run(
        ["make", "-n", "demo"], cwd=REPO, capture_output=True, text=True, check=True
    )
    command = shlex.split(dry_run.stdout.strip().splitlines()[-1])
    environment = dict(word.split("=", 1) for word in command if "=" in word.split("/")[0])
    command = [word for word in command if "=" not in word.split("/")[0]]
    assert environment == {"DJANGO_DEBUG": "0"}
    port = free_port()
    command[-1] = f"127.0.0.1:{port}"
    server = subprocess.Popen(
        [*command, "--noreload"],
        cwd=REPO,
        env={
            **os.environ,
            **environment,
            "DJANGO_SETTINGS_MODULE": "kyanh_example.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                css = urllib.request.urlopen(f"{base}/static/kyanh_cms/css/kyanh_cms.css")
                break
            except OSError:
                time.sleep(0.2)
        assert css.status == 200
        assert b".kyanh-" in css.read()
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{base}/tin-tuc/")
        page = error.value.read().decode()
        assert error.value.code == 500
        assert "Xin lỗi, hệ thống đang gặp sự cố" in page
        assert "Traceback" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_drawn_map_keeps_the_sea_label_inside_the_picture():
    """The label "Biển Đông" ran past the right border of the sidebar map and was cut."""
    from kyanh_cms.demo.sidebar import MARGIN, SEA_LABEL_COLOUR, draw_town_map

    picture = draw_town_map()
    width, height = picture.size
    pixels = picture.load()
    label_columns = {
        x for x in range(width) for y in range(0, height // 3) if pixels[x, y] == SEA_LABEL_COLOUR
    }
    assert label_columns, "the label is drawn"
    assert max(label_columns) < width - MARGIN // 2
