"""`check --deploy` warns when the content generations would live in each process apart:
with several app processes, a publish would reach the one process that made it."""

from io import StringIO

import pytest
from django.core.management import call_command

from kyanh_cms.caching.checks import check_shared_generations

LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
REDIS = {
    "BACKEND": "kyanh_cms.caching.backends.RedisCache",
    # Never connected to: checks read the settings only.
    "LOCATION": "redis://redis.internal:6379/1",
}


def cache_check_output(deploy=True):
    """What `manage.py check [--deploy] --tag caches` prints (the other deploy checks judge
    the test settings, not the caches)."""
    out, err = StringIO(), StringIO()
    call_command("check", deploy=deploy, tags=["caches"], stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_a_per_process_default_cache_is_a_deploy_warning(settings):
    settings.CACHES = {"default": LOCAL}
    (warning,) = check_shared_generations(None)
    assert warning.id == "kyanh_cms.W021"
    assert "with several app processes a publish reaches one process only" in warning.msg
    assert "Redis" in warning.hint and "docs/production.md" in warning.hint
    assert "kyanh_cms.W021" in cache_check_output()


def test_a_dummy_default_cache_is_a_deploy_warning_too(settings):
    settings.CACHES = {"default": DUMMY}
    (warning,) = check_shared_generations(None)
    assert warning.id == "kyanh_cms.W021"
    assert "keeps nothing" in warning.msg
    assert "Redis" in warning.hint


def test_only_the_deploy_check_says_so(settings):
    """`runserver` and `migrate` (make demo) run the checks without --deploy: a local
    memory cache is right for one development process."""
    settings.CACHES = {"default": LOCAL}
    assert "kyanh_cms.W021" not in cache_check_output(deploy=False)


@pytest.mark.parametrize(
    "caches",
    [
        {"default": REDIS},
        # Pages in a per-process cache are W020's business (with the page cache on).
        {"default": REDIS, "local": LOCAL},
    ],
    ids=["redis", "redis-and-a-local-alias"],
)
def test_a_shared_default_cache_passes(settings, caches):
    settings.CACHES = caches
    assert check_shared_generations(None) == []
    output = cache_check_output()
    assert "kyanh_cms.W021" not in output
    assert "no issues" in output


def test_a_backend_that_is_not_installed_is_left_to_django(settings):
    settings.CACHES = {"default": {**REDIS, "BACKEND": "django_redis.cache.RedisCache"}}
    assert check_shared_generations(None) == []
