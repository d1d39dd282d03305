"""Headers of public pages: a Content-Security-Policy the pages really pass, and no
``Vary: Cookie`` for anonymous visitors, so that a reverse-proxy cache can keep them."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from kyanh_cms.models import NewsArticlePage, NewsIndexPage


class _Silent:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def demo(db):
    call_command("kyanh_demo", stdout=_Silent())
    # The town's pages (the default site, which the test client's host reaches): the
    # demo's communes have sites of their own.
    town = Site.objects.get(is_default_site=True).root_page
    article = (
        NewsArticlePage.objects.live().descendant_of(town).order_by("-first_published_at").first()
    )
    listing = NewsIndexPage.objects.live().descendant_of(town).first()
    return ["/", listing.url, article.url, "/tim-kiem/?q=cầu"]


def policy(response):
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }


def test_public_pages_pass_their_policy_and_a_proxy_may_keep_them(client, demo, admin_user):
    for url in demo:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"]
        # What the policy would refuse is not in the page: no inline script (data blocks
        # only), no style attribute, no event-handler attribute.
        html = BeautifulSoup(response.content, "html.parser")
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") in (
                "application/json",
                "application/ld+json",
            ), (url, str(script)[:120])
        assert html.find_all("style") == [], url
        styled = [str(tag)[:120] for tag in html.find_all(style=True)]
        assert styled == [], (url, styled)
        handlers = [
            (tag.name, name)
            for tag in html.find_all(True)
            for name in tag.attrs
            if name.lower().startswith("on")
        ]
        assert handlers == [], (url, handlers)

    # Anonymous pages do not vary on cookies (a proxy may keep one copy for everyone);
    # an editor's do.
    for url in demo:
        response = client.get(url, HTTP_COOKIE="_ga=GA1.2.3; kyanh-text-size=large")
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert not response.cookies, url
    client.force_login(admin_user)
    response = client.get(demo[2])
    assert "cookie" in response["Vary"].lower()  # the userbar: per editor


def test_the_admin_is_left_out_of_the_policy(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
