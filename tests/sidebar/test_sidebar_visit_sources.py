"""Which hits are visits: bots by the maintained crawlerdetect list (headless browsers
and HTTP libraries included), and only hits that come from the portal's own pages."""

import pytest
from django.core.cache import cache

from kyanh_cms.models import DailySiteVisits, PortalHomePage

BEACON = "/kyanh/visits/beacon/"
PIXEL = "/kyanh/visits/pixel.gif"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(portal):
    page = PortalHomePage(title="Hội nghị sơ kết 6 tháng", slug="so-ket")
    portal.root_page.add_child(instance=page)
    return page


def counted(site):
    return sum(DailySiteVisits.objects.filter(site=site).values_list("views", flat=True))


def beacon(client, page, **headers):
    headers.setdefault("HTTP_USER_AGENT", CHROME)
    return client.post(
        BEACON, f"p={page.pk}", content_type="application/x-www-form-urlencoded", **headers
    )


@pytest.mark.parametrize(
    "agent",
    [
        pytest.param(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/131.0.0.0 Safari/537.36",
            id="HeadlessChrome",
        ),
        pytest.param("Playwright/1.49.0 (x64; ubuntu 24.04) node/22.11", id="Playwright"),
        pytest.param("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", id="node-fetch"),
        pytest.param("node-fetch", id="node-fetch bare"),
        pytest.param("axios/1.7.9", id="axios"),
        pytest.param("PostmanRuntime/7.43.0", id="Postman"),
        pytest.param("curl/8.11.1", id="curl"),
        pytest.param("python-requests/2.32.3", id="python-requests"),
        pytest.param("Mozilla/5.0 (compatible; Googlebot/2.1)", id="Googlebot"),
        pytest.param("facebookexternalhit/1.1", id="link preview"),
        pytest.param("Wget/1.25.0", id="wget"),
        pytest.param("Go-http-client/2.0", id="Go"),
    ],
)
def test_bots_headless_browsers_and_http_libraries_are_not_visits(client, portal, article, agent):
    response = beacon(client, article, HTTP_USER_AGENT=agent, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 204
    client.get(PIXEL, {"p": article.pk}, HTTP_USER_AGENT=agent, HTTP_SEC_FETCH_SITE="same-origin")
    assert counted(portal) == 0


@pytest.mark.parametrize(
    "agent",
    [
        pytest.param(CHROME, id="Chrome"),
        pytest.param(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "coc_coc_browser/131.0.0 Chrome/125.0.6422.176 Safari/537.36",
            id="Cốc Cốc",
        ),
        pytest.param(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Mobile/15E148 Zalo iOS/472",
            id="Zalo in-app",
        ),
        pytest.param(
            "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", id="Firefox"
        ),
    ],
)
def test_people_browsers_are_visits(client, portal, article, agent):
    beacon(client, article, HTTP_USER_AGENT=agent, HTTP_SEC_FETCH_SITE="same-origin")
    assert counted(portal) == 1


@pytest.mark.parametrize(
    ("headers", "is_visit"),
    [
        pytest.param({"HTTP_SEC_FETCH_SITE": "same-origin"}, True, id="same origin"),
        pytest.param({"HTTP_SEC_FETCH_SITE": "cross-site"}, False, id="cross site"),
        pytest.param({"HTTP_SEC_FETCH_SITE": "same-site"}, False, id="another subdomain"),
        pytest.param({"HTTP_SEC_FETCH_SITE": "none"}, False, id="typed into the address bar"),
        pytest.param({"HTTP_ORIGIN": "http://testserver"}, True, id="old browser, own origin"),
        pytest.param({"HTTP_ORIGIN": "https://evil.example"}, False, id="other origin"),
        pytest.param({"HTTP_ORIGIN": "null"}, False, id="sandboxed frame"),
        pytest.param({"HTTP_REFERER": "http://testserver/so-ket/"}, True, id="own referer"),
        pytest.param({"HTTP_REFERER": "https://evil.example/"}, False, id="other referer"),
        pytest.param(
            {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_REFERER": "https://evil.example/"},
            False,
            id="forged mix",
        ),
        pytest.param({}, False, id="no sign at all"),
    ],
)
def test_the_beacon_counts_only_from_the_portals_own_pages(
    client, portal, article, headers, is_visit
):
    assert beacon(client, article, **headers).status_code == 204
    assert counted(portal) == (1 if is_visit else 0)


@pytest.mark.parametrize(
    ("headers", "is_visit"),
    [
        pytest.param({"HTTP_SEC_FETCH_SITE": "same-origin"}, True, id="on our page"),
        pytest.param(
            {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_REFERER": "https://blog.example/"},
            False,
            id="embedded on another site",
        ),
        pytest.param({"HTTP_SEC_FETCH_SITE": "cross-site"}, False, id="no-referrer embed"),
        pytest.param({"HTTP_REFERER": "http://testserver/so-ket/"}, True, id="old browser"),
        pytest.param({}, False, id="no referer, no fetch metadata"),
    ],
)
def test_the_pixel_counts_only_on_the_portals_own_pages(client, portal, article, headers, is_visit):
    response = client.get(PIXEL, {"p": article.pk}, HTTP_USER_AGENT=CHROME, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"  # the picture is always there
    assert counted(portal) == (1 if is_visit else 0)
