"""What an operator meets when the production settings are not yet right: a refusal to
start without a secret key, and `check --deploy` warnings for a cache that fails with
Redis and for a proxy whose forwarded address is not trusted."""

import logging
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

from kyanh_cms.caching.checks import check_shared_generations
from kyanh_cms.core import visitors
from kyanh_cms.core.checks import check_trusted_proxies

EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "example_site"


def manage_check(tmp_path, **environment):
    return subprocess.run(
        [sys.executable, str(EXAMPLE_SITE / "manage.py"), "check",
         "--settings", "kyanh_example.settings.production"],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
             **environment},
    )  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    for secret in ({}, {"DJANGO_SECRET_KEY": "short"}):
        result = manage_check(tmp_path, **secret)
        assert result.returncode != 0
        assert "Set DJANGO_SECRET_KEY to a long random value" in result.stderr
    result = manage_check(tmp_path, DJANGO_SECRET_KEY="p" * 64)
    assert result.returncode == 0, result.stderr


def test_djangos_own_redis_cache_is_a_deploy_warning(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": "redis://127.0.0.1:1/0"},
    }  # fmt: skip
    assert [w.id for w in check_shared_generations(None)] == ["kyanh_cms.W022"]
    settings.CACHES["default"]["BACKEND"] = "kyanh_cms.caching.backends.RedisCache"
    assert check_shared_generations(None) == []


def test_a_proxy_without_a_trusted_hop_is_a_deploy_warning(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 0}
    assert [w.id for w in check_trusted_proxies(None)] == ["kyanh_cms.W003"]
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 1}
    assert check_trusted_proxies(None) == []


def test_behind_one_proxy_the_client_is_the_address_nginx_appended(settings, caplog):
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 1}
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.113.1.20"
    )
    assert visitors.client_ip(request) == "203.113.1.20"  # the forged first entry is ignored
    # IPv6 visitors are counted by their /64: one phone cannot become 2**64 visitors.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="2402:800:6314:1c2::9"
    )
    assert visitors.client_network(request) == "2402:800:6314:1c2::/64"

    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 0}
    visitors._warned["untrusted_proxy"] = False
    with caplog.at_level(logging.WARNING, logger="kyanh_cms.visitors"):
        for _ in range(3):
            assert visitors.client_ip(request) == "127.0.0.1"
    assert len([r for r in caplog.records if "TRUSTED_PROXY_HOPS" in r.getMessage()]) == 1
