"""Visit counting: the beacon and pixel, forged hits, privacy, figures, most read, admin."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from kyanh_cms.caching import generation
from kyanh_cms.models import (
    DailyPageViews,
    DailySiteVisits,
    OnlineVisitor,
    PortalHomePage,
    SidebarSettings,
    VisitorSalt,
)
from kyanh_cms.sidebar import visits

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
BEACON = "/kyanh/visits/beacon/"
PIXEL = "/kyanh/visits/pixel.gif"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def beacon(client, page_id, **extra):
    """The beacon as a browser sends it from the portal's own page."""
    extra.setdefault("HTTP_USER_AGENT", BROWSER)
    extra.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")
    return client.post(
        BEACON, f"p={page_id}", content_type="application/x-www-form-urlencoded", **extra
    )


def total(site):
    return sum(DailySiteVisits.objects.filter(site=site).values_list("views", flat=True))


def page_views(page_id):
    return sum(DailyPageViews.objects.filter(page_id=page_id).values_list("views", flat=True))


@pytest.fixture
def article(portal):
    page = PortalHomePage(title="Kỳ Anh ra quân làm đường giao thông nông thôn", slug="ra-quan")
    portal.root_page.add_child(instance=page)
    return page


def test_a_beacon_counts_one_view_of_the_page_and_its_site(portal, article, client):
    response = beacon(client, article.pk)
    assert response.status_code == 204
    assert response.content == b""
    assert total(portal) == 1
    assert page_views(article.pk) == 1
    assert OnlineVisitor.objects.online_count(portal, 5) == 1

    beacon(client, portal.root_page_id)
    assert total(portal) == 2
    assert page_views(article.pk) == 1
    assert OnlineVisitor.objects.online_count(portal, 5) == 1  # the same visitor


def test_every_page_carries_the_beacon_and_the_noscript_pixel(portal, article, client):
    html = client.get(article.url).content.decode()
    assert f'data-page="{article.pk}"' in html
    assert "kyanh_cms/js/visit_beacon.js" in html
    assert f'<noscript><img class="kyanh-visit-pixel" src="{PIXEL}?p={article.pk}"' in html
    # Rendering the page counts nothing by itself: the beacon or the pixel does.
    assert total(portal) == 0


def test_the_noscript_pixel_counts_and_is_never_cached(portal, article, client):
    # The <noscript> picture, as a browser loads it for the page it is on.
    response = client.get(
        PIXEL, {"p": article.pk}, HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert page_views(article.pk) == 1
    client.head(
        PIXEL, {"p": article.pk}, HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert page_views(article.pk) == 1


@pytest.mark.parametrize(
    "send",
    [
        pytest.param(lambda c, pid: c.get(BEACON, {"p": pid}, HTTP_USER_AGENT=BROWSER), id="GET"),
        pytest.param(
            lambda c, pid: c.post(
                BEACON,
                f"p={pid}&" + "x" * 5000,
                content_type="application/x-www-form-urlencoded",
                HTTP_USER_AGENT=BROWSER,
            ),
            id="huge body",
        ),
        pytest.param(
            lambda c, pid: beacon(
                c, pid, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)"
            ),
            id="bot",
        ),
        pytest.param(lambda c, pid: beacon(c, pid, HTTP_USER_AGENT=""), id="no user agent"),
        pytest.param(lambda c, pid: beacon(c, pid, HTTP_USER_AGENT="curl/8.5.0"), id="curl"),
        pytest.param(lambda c, pid: beacon(c, "1 OR 1=1"), id="not a number"),
        pytest.param(lambda c, pid: beacon(c, 999999), id="no such page"),
        pytest.param(
            lambda c, pid: beacon(c, pid, HTTP_ORIGIN="https://evil.example"), id="other origin"
        ),
        pytest.param(lambda c, pid: beacon(c, pid, HTTP_SEC_PURPOSE="prefetch"), id="prefetch"),
    ],
)
def test_forged_or_foreign_hits_are_not_counted_and_get_no_error_page(
    portal, article, client, send
):
    response = send(client, article.pk)
    assert response.status_code in (204, 405, 413)
    assert len(response.content) < 100  # no error page
    assert total(portal) == 0
    assert page_views(article.pk) == 0


def test_a_page_of_another_site_is_not_counted_here(portal, article, client):
    root = Page.get_first_root_node()
    ward_home = root.add_child(instance=PortalHomePage(title="Phường Kỳ Trinh", slug="ky-trinh"))
    ward = Site.objects.create(hostname="kytrinh.example", port=80, root_page=ward_home)

    # A page id of the ward's site posted to the town's host…
    assert beacon(client, ward_home.pk).status_code == 204
    assert total(portal) == 0 and total(ward) == 0
    # …but counted when its own site reports it.
    beacon(client, ward_home.pk, HTTP_HOST="kytrinh.example")
    assert total(ward) == 1 and total(portal) == 0


def test_unpublished_pages_stop_counting(portal, article, client):
    beacon(client, article.pk)
    article.unpublish()
    beacon(client, article.pk)
    assert page_views(article.pk) == 1


def test_a_warm_beacon_hit_reads_neither_sites_nor_pages(portal, article, client):
    beacon(client, article.pk)  # the first hit of a process looks them up
    with CaptureQueriesContext(connection) as queries:
        assert beacon(client, article.pk).status_code == 204
    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if "wagtailcore_" in sql]
    if connection.vendor == "postgresql":
        assert len(statements) == 1  # the count itself
    assert page_views(article.pk) == 2


def test_a_page_another_worker_unpublished_stops_counting_at_once(portal, article, client):
    beacon(client, article.pk)
    # What another process does: the change in the database, and through its signal
    # handler a new content generation in the shared cache.
    Page.objects.filter(pk=article.pk).update(live=False)
    cache.set(generation.token_key(portal.pk), "another worker's", None)
    beacon(client, article.pk)
    assert page_views(article.pk) == 1


def test_counting_can_be_switched_off(portal, article, client, settings):
    settings.KYANH_CMS = {"COUNT_VISITS": False}
    assert "visit_beacon.js" not in client.get(article.url).content.decode()
    assert beacon(client, article.pk).status_code == 204
    assert total(portal) == 0


def test_a_database_failure_is_logged_and_harms_nothing(
    portal, article, client, monkeypatch, caplog
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(visits, "record_view", locked)
    with caplog.at_level(logging.ERROR, logger="kyanh_cms.sidebar.visits"):
        assert beacon(client, article.pk).status_code == 204
        assert client.get(PIXEL, {"p": article.pk}, HTTP_USER_AGENT=BROWSER).status_code == 200
    assert "Could not count a page view" in caplog.text
    assert client.get(article.url).status_code == 200


def test_a_cache_failure_is_logged_too(portal, article, client, monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(generation.cache, "get_many", down)
    with caplog.at_level(logging.ERROR, logger="kyanh_cms.sidebar.visits"):
        assert beacon(client, article.pk).status_code == 204
    assert "Could not count a page view" in caplog.text


def test_x_forwarded_for_is_ignored_unless_a_proxy_is_trusted(portal, article, client, settings):
    for address in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        beacon(client, article.pk, HTTP_X_FORWARDED_FOR=address)
    assert OnlineVisitor.objects.online_count(portal, 5) == 1  # all from REMOTE_ADDR

    OnlineVisitor.objects.all().delete()
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 1}
    for address in ("1.1.1.1", "2.2.2.2", "9.9.9.9, 2.2.2.2"):
        beacon(client, article.pk, HTTP_X_FORWARDED_FOR=address)
    # "9.9.9.9" was claimed by the client; the trusted proxy saw 2.2.2.2.
    assert OnlineVisitor.objects.online_count(portal, 5) == 2


def test_visitors_are_not_stored_by_address_and_the_salt_rotates(portal, article, rf):
    request = rf.post(BEACON, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.113.130.7")
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    first = visits.visitor_hash(request, portal.pk, today)
    second = visits.visitor_hash(request, portal.pk, tomorrow)
    assert first != second
    assert "203.113.130.7" not in first
    assert list(VisitorSalt.objects.values_list("day", flat=True)) == [tomorrow]

    visits.record_view(request, portal, article.pk)
    stored = list(OnlineVisitor.objects.values_list("visitor", flat=True))
    assert stored and all("203.113" not in value for value in stored)


def test_online_means_seen_in_the_last_minutes(portal, rf, settings):
    now = timezone.now()
    for number, minutes_ago in enumerate((1, 4, 6, 30)):
        request = rf.post(BEACON, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"10.0.0.{number}")
        visits.record_view(request, portal, None, now=now - timedelta(minutes=minutes_ago))
    assert visits.site_figures(portal)["online"] == 2
    settings.KYANH_CMS = {"ONLINE_WINDOW_MINUTES": 10}
    assert visits.site_figures(portal)["online"] == 3


def test_figures_add_the_baseline_and_split_by_day(portal):
    today = timezone.localdate()
    SidebarSettings.for_site(portal)
    SidebarSettings.objects.filter(site=portal).update(visits_baseline=2_060_856)
    DailySiteVisits.objects.create(site=portal, day=today, views=7)
    DailySiteVisits.objects.create(site=portal, day=today - timedelta(days=1), views=5)
    DailySiteVisits.objects.create(site=portal, day=today - timedelta(days=400), views=100)

    figures = visits.site_figures(portal, today=today)

    assert figures["total"] == 2_060_856 + 112
    assert figures["today"] == 7
    assert figures["yesterday"] == 5
    expected_month = 7 + (5 if (today - timedelta(days=1)).month == today.month else 0)
    assert figures["this_month"] == expected_month


def test_increment_is_an_update_in_the_database(portal):
    day = timezone.localdate()
    visits.increment(DailySiteVisits, site=portal, day=day)
    visits.increment(DailySiteVisits, site=portal, day=day)
    assert DailySiteVisits.objects.get(site=portal, day=day).views == 2


def test_increment_survives_losing_the_race_to_create_the_row(portal, monkeypatch):
    """Another process creates the day's row between our UPDATE and our INSERT."""
    day = timezone.localdate()
    real_filter = DailySiteVisits.objects.filter
    calls = []

    class RacingQuerySet:
        def __init__(self, **keys):
            self.keys = keys

        def update(self, **changes):
            calls.append("update")
            if len(calls) == 1:
                DailySiteVisits.objects.create(views=1, **self.keys)  # the other process
                return 0
            return real_filter(**self.keys).update(**changes)

    monkeypatch.setattr(DailySiteVisits.objects, "filter", lambda **keys: RacingQuerySet(**keys))
    visits.increment(DailySiteVisits, site=portal, day=day)
    monkeypatch.undo()
    assert DailySiteVisits.objects.get(site=portal, day=day).views == 2


def test_most_read_ranks_live_pages_by_views_in_the_period(portal, rf, settings):
    # Any page type can be ranked; the portal's default lists news articles only.
    settings.KYANH_CMS = {"MOST_READ_PAGE_MODEL": "wagtailcore.Page"}
    home = portal.root_page
    pages = {}
    for slug in ("a", "b", "c", "d"):
        page = PortalHomePage(title=f"Bài {slug}", slug=slug)
        home.add_child(instance=page)
        pages[slug] = page
    today = timezone.localdate()

    def views(slug, count, days_ago=0):
        DailyPageViews.objects.create(
            site=portal, page=pages[slug], day=today - timedelta(days=days_ago), views=count
        )

    views("a", 5)
    views("a", 4, days_ago=3)  # a: 9 in a week
    views("b", 12, days_ago=1)  # b: 12
    views("c", 50, days_ago=20)  # c: only in the month
    views("d", 99)
    pages["d"].unpublish()
    DailyPageViews.objects.create(site=portal, page=home, day=today, views=1000)

    week = [(page.title, n) for page, n in visits.most_read_pages(portal, 7, 5)]
    month = [(page.title, n) for page, n in visits.most_read_pages(portal, 30, 2)]

    assert week == [("Bài b", 12), ("Bài a", 9)]
    assert month == [("Bài c", 50), ("Bài b", 12)]


def test_most_read_lists_only_the_configured_page_model(portal, settings):
    page = PortalHomePage(title="Bài", slug="bai")
    portal.root_page.add_child(instance=page)
    DailyPageViews.objects.create(site=portal, page=page, day=timezone.localdate(), views=3)
    settings.KYANH_CMS = {"MOST_READ_PAGE_MODEL": "wagtailcore.Page"}
    assert [p.pk for p, _ in visits.most_read_pages(portal, 7, 5)] == [page.pk]


def test_clean_up_command_deletes_stale_rows(portal, settings):
    now = timezone.now()
    OnlineVisitor.objects.create(site=portal, visitor="a" * 64, last_seen=now - timedelta(days=2))
    OnlineVisitor.objects.create(site=portal, visitor="b" * 64, last_seen=now)
    VisitorSalt.objects.create(day=timezone.localdate() - timedelta(days=3), salt="x")
    page = portal.root_page
    DailyPageViews.objects.create(site=portal, page=page, day=timezone.localdate(), views=1)
    DailyPageViews.objects.create(
        site=portal, page=page, day=timezone.localdate() - timedelta(days=800), views=1
    )
    settings.KYANH_CMS = {"VISIT_HISTORY_DAYS": 400}
    out = io.StringIO()
    call_command("kyanh_visits_cleanup", stdout=out)
    assert OnlineVisitor.objects.count() == 1
    assert not VisitorSalt.objects.exists()
    assert DailyPageViews.objects.count() == 1
    assert "1" in out.getvalue()


# --- Admin -----------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bt@example.vn", "mat-khau-1")
    client.force_login(user)
    return client


def test_dashboard_panel_shows_today_month_and_online(portal, article, editor_client):
    for _ in range(3):
        beacon(editor_client, article.pk)
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Thống kê truy cập" in html
    assert 'data-figure="today">3<' in html
    assert 'data-figure="online">1<' in html


def test_report_needs_permission(portal, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("xem", "x@example.vn", "mat-khau-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("kyanh_cms_visits:report")
    assert client.get(url).status_code in (302, 403)
    assert "Thống kê truy cập" not in client.get(reverse("wagtailadmin_home")).content.decode()
