"""Canonical, sharing, RSS, sitemap and robots.txt links name the address the portal is
served on — the request's scheme, host and port — not the Site record's defaults
(``http://localhost`` on port 80), and say https behind a TLS proxy."""

import re
import xml.etree.ElementTree as ET

import pytest

ORIGIN = "http://127.0.0.1:8123"
HOST = {"HTTP_HOST": "127.0.0.1:8123"}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def article(news):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    return news.article(category, title="Hội nghị sơ kết", slug="hoi-nghi-so-ket", lead="Tin.")


def test_the_site_record_says_localhost_on_port_80(portal):
    # What a default Wagtail install and the demo have: the cause of the wrong links.
    assert portal.root_url == "http://localhost"


def test_canonical_og_url_and_share_links_use_the_request_origin(client, article):
    html = client.get(article.url, **HOST).content.decode()
    address = f"{ORIGIN}/tin-hoat-dong/hoi-nghi-so-ket/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert f'<meta property="og:url" content="{address}">' in html
    assert f'data-url="{address}"' in html  # the "copy link" button
    assert "u=http%3A%2F%2F127.0.0.1%3A8123%2Ftin-hoat-dong%2Fhoi-nghi-so-ket%2F" in html
    assert "http://localhost/" not in html


def test_behind_a_tls_proxy_the_links_say_https(client, settings, article):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    html = client.get(
        article.url, HTTP_HOST="kyanh.gov.vn", HTTP_X_FORWARDED_PROTO="https"
    ).content.decode()
    address = "https://kyanh.gov.vn/tin-hoat-dong/hoi-nghi-so-ket/"
    assert f'<link rel="canonical" href="{address}">' in html
    assert f'<meta property="og:url" content="{address}">' in html
    assert "http://kyanh.gov.vn" not in html


def test_the_feed_agrees_with_itself(client, article):
    response = client.get(f"{article.get_parent().url}rss/", **HOST)
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    self_link = channel.find(f"{ATOM}link").get("href")
    links = [channel.findtext("link"), self_link] + [
        item.findtext("link") for item in channel.findall("item")
    ]
    assert len(links) == 3
    assert all(link.startswith(f"{ORIGIN}/tin-hoat-dong/") for link in links), links


def test_sitemap_locations_use_the_request_origin(client, article):
    xml = client.get("/sitemap.xml", **HOST).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"{ORIGIN}/tin-hoat-dong/hoi-nghi-so-ket/" in locations
    assert all(location.startswith(f"{ORIGIN}/") for location in locations)


def test_robots_txt_names_the_sitemap_of_the_requested_host(client, portal):
    response = client.get("/robots.txt", HTTP_HOST="xa-ky-hoa.localhost:8000")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /kyanh/", "Disallow: /tim-kiem/"} <= set(lines)
    assert "Sitemap: http://xa-ky-hoa.localhost:8000/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the portal's pages stay open to search engines
