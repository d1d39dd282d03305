"""What integrators and operators rely on: checks, the trusted-proxy rule, cache safety, budgets."""

import re

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory

from kyanh_cms.core.visitors import client_ip


def ids_of(errors):
    return {error.id for error in errors}


def test_captcha_test_mode_is_refused_when_debug_is_off(settings, db):
    settings.CAPTCHA_TEST_MODE = True
    settings.DEBUG = False
    assert "kyanh_cms.E011" in ids_of(run_checks())
    settings.DEBUG = True
    assert "kyanh_cms.E011" not in ids_of(run_checks())


def test_the_example_site_passes_every_check(db):
    assert [error for error in run_checks() if error.id.startswith("kyanh_cms")] == []


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"RATE_LIMIT_CACHE": "nowhere"}, "kyanh_cms.E012"),
        ({"COMMENT_RATE_LIMIT": 0}, "kyanh_cms.E013"),
        ({"TRUSTED_PROXY_HOPS": -1}, "kyanh_cms.E013"),
        ({"COMMENTS_ENABLED": "no"}, "kyanh_cms.E003"),
        ({"COMMENT_MAX_LENGTH": True}, "kyanh_cms.E003"),
    ],
)
def test_bad_engagement_settings_fail_at_startup(settings, options, error, db):
    settings.KYANH_CMS = options
    assert error in ids_of(run_checks())


@pytest.mark.parametrize(
    ("hops", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1", "10.0.0.1"),  # no proxy: the header is anyone's
        (1, "203.0.113.7", "10.0.0.1", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "10.0.0.1", "203.0.113.7"),  # forged left part ignored
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1", "10.0.0.1"),  # fewer hops than configured
        (1, "not-an-address", "10.0.0.1", None),
        (1, "2001:DB8::1", "10.0.0.1", "2001:db8::1"),
        (0, "", "", None),
    ],
)
def test_client_ip_reads_only_the_trusted_hop(settings, hops, forwarded, remote, expected):
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": hops}
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_the_article_html_is_the_same_for_everyone_and_safe_to_cache(client, make_article):
    article = make_article()
    response = client.get(article.url)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "captcha_0" not in html
    assert not response.cookies
    # The forms come from uncached URLs, with links for browsers without JavaScript.
    assert f'data-kyanh-fragment="/kyanh/engagement/{article.pk}/rating/"' in html
    assert f'data-kyanh-fragment="/kyanh/engagement/{article.pk}/comments/"' in html
    assert f'href="/kyanh/engagement/{article.pk}/#binh-luan"' in html
    for url in (f"/kyanh/engagement/{article.pk}/comments/", f"/kyanh/engagement/{article.pk}/"):
        response = client.get(url)
        assert "no-cache" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_each_form_load_brings_a_new_challenge(client, make_article):
    article = make_article()
    keys = {
        re.search(r'name="captcha_0" value="(\w+)"', client.get(url).content.decode()).group(1)
        for url in [f"/kyanh/engagement/{article.pk}/comments/"] * 2
    }
    assert len(keys) == 2


def test_the_article_costs_the_same_queries_with_0_and_50_comments(
    client, make_article, django_assert_num_queries, approved_comments
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kyanh_cms.caching.generation import content_changed

    article = make_article()
    client.get(article.url)  # warm Wagtail's per-process caches and the settings
    # Both measured views draw the comments anew (as after moderating), not from
    # the cached fragment.
    content_changed()
    with CaptureQueriesContext(connection) as empty:
        assert client.get(article.url).status_code == 200
    approved_comments(article, 50)
    content_changed()
    with django_assert_num_queries(len(empty.captured_queries)):
        html = client.get(article.url).content.decode()
    assert html.count('class="kyanh-comment"') == 50


def test_the_include_works_in_any_page_template(rf, make_article):
    from django.template import Context, Template

    article = make_article()
    request = rf.get(article.url)
    html = Template('{% include "kyanh_cms/includes/engagement.html" %}').render(
        Context({"page": article, "request": request})
    )
    assert "Đánh giá: 0 lượt đánh giá, trung bình: 0,0" in " ".join(
        re.sub(r"<[^>]+>", "", html).split()
    )
