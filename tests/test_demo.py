"""`manage.py kyanh_demo` seeds the example portal and changes nothing when run again."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from kyanh_cms.models import PortalHomePage, PortalSettings

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
