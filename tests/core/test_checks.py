"""A misconfigured KYANH_CMS setting fails at startup with a message saying what to fix."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

import kyanh_cms.caching.checks
import kyanh_cms.core.checks
from kyanh_cms.core.checks import (
    INTEGER_BOUNDS,
    check_captcha_test_mode,
    check_kyanh_cms_settings,
    check_option_values,
    check_required_apps,
    check_sqlite_waits_for_writers,
)
from kyanh_cms.core.conf import OPTIONS


def ids(errors):
    return [error.id for error in errors]


def test_no_setting_at_all_is_fine(settings):
    if hasattr(settings, "KYANH_CMS"):
        del settings.KYANH_CMS
    assert check_kyanh_cms_settings(None) == []


def test_unknown_key_is_named_with_the_known_ones(settings):
    settings.KYANH_CMS = {"BASE_TEMPLAT": "base.html"}
    (error,) = check_kyanh_cms_settings(None)
    assert error.id == "kyanh_cms.E002"
    assert "BASE_TEMPLAT" in error.msg
    assert "BASE_TEMPLATE" in error.hint


def test_wrong_type_and_missing_template_are_reported(settings):
    settings.KYANH_CMS = {"BASE_TEMPLATE": 42}
    assert ids(check_kyanh_cms_settings(None)) == ["kyanh_cms.E003"]
    settings.KYANH_CMS = {"BASE_TEMPLATE": "no/such/layout.html"}
    (error,) = check_kyanh_cms_settings(None)
    assert error.id == "kyanh_cms.E004"
    assert "no/such/layout.html" in error.msg


def test_not_a_dict(settings):
    settings.KYANH_CMS = ["BASE_TEMPLATE"]
    assert ids(check_kyanh_cms_settings(None)) == ["kyanh_cms.E001"]


# --- Every option: a wrong type, a value out of bounds, and what the message says ------------

WRONG_VALUE = {str: 12, bool: "yes", int: "5"}


@pytest.mark.parametrize("key", sorted(OPTIONS))
def test_every_option_of_the_wrong_type_is_named_with_its_meaning(settings, key):
    option = OPTIONS[key]
    settings.KYANH_CMS = {key: WRONG_VALUE[option.kind]}
    (error,) = check_kyanh_cms_settings(None)
    assert error.id == "kyanh_cms.E003"
    assert key in error.msg and option.help in error.hint


@pytest.mark.parametrize("key", sorted(INTEGER_BOUNDS))
def test_every_integer_option_out_of_bounds_is_refused(settings, key):
    low, high = INTEGER_BOUNDS[key]
    for value in [low - 1] + ([high + 1] if high is not None else []):
        settings.KYANH_CMS = {key: value}
        (error,) = check_option_values(None)
        assert error.id == "kyanh_cms.E013"
        assert f"KYANH_CMS['{key}'] is {value}" in error.msg
    settings.KYANH_CMS = {key: low}
    assert check_option_values(None) == []


def test_booleans_are_not_taken_for_numbers(settings):
    settings.KYANH_CMS = {"ONLINE_WINDOW_MINUTES": True}
    assert ids(check_kyanh_cms_settings(None)) == ["kyanh_cms.E003"]


def test_every_integer_option_has_bounds():
    assert set(INTEGER_BOUNDS) == {key for key, option in OPTIONS.items() if option.kind is int}


def test_rate_limits_need_a_cache_that_counts(settings):
    settings.KYANH_CMS = {"RATE_LIMIT_CACHE": "shared"}
    assert ids(check_option_values(None)) == ["kyanh_cms.E012"]
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    (error,) = check_option_values(None)
    assert error.id == "kyanh_cms.E014" and "never be rate-limited" in error.msg


def test_most_read_needs_a_page_model(settings):
    for value in ("kyanh_cms.Organization", "kyanh_cms.NoSuchPage", "not a model"):
        settings.KYANH_CMS = {"MOST_READ_PAGE_MODEL": value}
        assert ids(check_option_values(None)) == ["kyanh_cms.E007"]
    settings.KYANH_CMS = {"MOST_READ_PAGE_MODEL": "kyanh_cms.ShowcasePage"}
    assert check_option_values(None) == []


def test_a_base_template_without_the_needed_blocks(settings, tmp_path):
    (tmp_path / "no_content.html").write_text("<html>{% block title %}{% endblock %}</html>")
    (tmp_path / "bare.html").write_text("<body>{% block content %}{% endblock %}</body>")
    (tmp_path / "child.html").write_text('{% extends "kyanh_cms/layout.html" %}')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.KYANH_CMS = {"BASE_TEMPLATE": "no_content.html"}
    assert ids(check_kyanh_cms_settings(None)) == ["kyanh_cms.E006"]
    settings.KYANH_CMS = {"BASE_TEMPLATE": "bare.html"}
    (warning,) = check_kyanh_cms_settings(None)
    assert warning.id == "kyanh_cms.W002" and "title, extra_css, extra_js" in warning.msg
    # Blocks inherited from a parent template count.
    settings.KYANH_CMS = {"BASE_TEMPLATE": "child.html"}
    assert check_kyanh_cms_settings(None) == []


def test_a_missing_app_is_named_with_what_it_is_for(monkeypatch):
    from django.apps import apps

    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != "captcha" and installed(name))
    (error,) = check_required_apps(None)
    assert error.id == "kyanh_cms.E005" and "'captcha'" in error.msg
    assert "README" in error.hint


def test_captcha_test_mode_is_refused_in_production(settings):
    settings.CAPTCHA_TEST_MODE = True
    settings.DEBUG = False
    assert ids(check_captcha_test_mode(None)) == ["kyanh_cms.E011"]
    settings.DEBUG = True
    assert check_captcha_test_mode(None) == []


def test_sqlite_without_waiting_for_writers_is_a_warning(monkeypatch):
    from types import SimpleNamespace

    from django.db import connections

    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "portal.sqlite3", "OPTIONS": {}}
    monkeypatch.setattr(
        kyanh_cms.core.checks, "settings", SimpleNamespace(DATABASES={"default": sqlite})
    )
    monkeypatch.setattr(connections["default"], "is_in_memory_db", lambda: False, raising=False)
    assert ids(check_sqlite_waits_for_writers(None)) == ["kyanh_cms.W001"]
    sqlite["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    assert check_sqlite_waits_for_writers(None) == []


def test_a_misconfiguration_stops_manage_py_check(settings, db):  # Django 6.1 checks JSON on the db
    settings.KYANH_CMS = {"ONLINE_WINDOW_MINUTES": 0}
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    message = str(raised.value)
    assert "kyanh_cms.E013" in message and "ONLINE_WINDOW_MINUTES" in message
    assert "a visitor counts as online" in message  # the hint says what the option means


# --- The settings page tells the same story as the code ----------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def documented_options():
    rows = re.findall(r"^\| `([A-Z_]+)` \| `([^`]*)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def test_every_option_is_documented_with_its_default():
    shown = {
        key: f'"{option.default}"' if isinstance(option.default, str) else str(option.default)
        for key, option in OPTIONS.items()
    }
    assert documented_options() == shown


def test_every_check_id_is_documented():
    source = "".join(
        Path(module.__file__).read_text(encoding="utf-8")
        for module in (kyanh_cms.core.checks, kyanh_cms.caching.checks)
    )
    raised = set(re.findall(r'id="(kyanh_cms\.[EW]\d{3})"', source))
    documented = set(re.findall(r"`(kyanh_cms\.[EW]\d{3})`", DOCS.read_text(encoding="utf-8")))
    assert raised and raised == documented
