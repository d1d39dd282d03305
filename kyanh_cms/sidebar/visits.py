"""Counting page views and visitors online, and reading the numbers back.

A page view is counted by the visit beacon (``views.visit_beacon``) that
every page extending ``kyanh_cms/base.html`` sends after it loads, or by the
``<noscript>`` pixel (``views.visit_pixel``) when JavaScript is off; so a page
served from a cache counts too, and each view counts once. Both end in
``count_view``, which ignores bots, other sites' pages and unpublished pages,
and never raises: a failure is logged and the visitor's page is unaffected.

Bots are recognised by the user agent with the maintained list of the
``crawlerdetect`` package (search engines, link previews, monitors, HTTP
libraries such as curl, python-requests, axios, node-fetch, Postman, and
headless browsers), plus the automation tools it does not list. A hit counts
only when the browser says it comes from the portal's own page: modern
browsers send ``Sec-Fetch-Site: same-origin``; older ones an ``Origin`` (the
beacon's POST) or a ``Referer`` of the same host. A hit with none of these
(a script, a page of another site with ``no-referrer``) is not a view.

Every write is an atomic ``UPDATE … SET views = views + 1`` on a daily row
with a unique constraint (see ``increment``), so several worker processes
never lose a hit. Visitors online are identified by a salted hash that
rotates daily (``visitor_hash``); no address is stored.
"""

import hashlib
import logging
import re
import secrets
import time
from datetime import timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from crawlerdetect import CrawlerDetect
from django.apps import apps
from django.core.exceptions import DisallowedHost
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Page, Site

from kyanh_cms.caching.generation import INSTALLATION, read_tokens
from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.visitors import client_ip
from kyanh_cms.sidebar.counters import DailyPageViews, DailySiteVisits, OnlineVisitor, VisitorSalt
from kyanh_cms.sidebar.models import SidebarSettings

logger = logging.getLogger("kyanh_cms.sidebar.visits")

# The maintained list (crawlerdetect); its answer depends on the agent string only.
_CRAWLERS = CrawlerDetect()
# Browser automation that names itself but is missing from that list.
AUTOMATION_USER_AGENT = re.compile(
    r"playwright|puppeteer|selenium|webdriver|phantomjs|headless", re.IGNORECASE
)
# A visitor's "last seen" is rewritten at most this often: online counts are by minutes.
ONLINE_REFRESH = timedelta(seconds=30)


@lru_cache(maxsize=4096)
def _is_bot_agent(user_agent):
    # The pattern search costs more than the rest of the checks together; the same
    # browsers come back all day, so each process remembers its recent answers.
    user_agent = user_agent[:1000]
    return (
        not user_agent.strip()
        or bool(AUTOMATION_USER_AGENT.search(user_agent))
        or _CRAWLERS.is_crawler(user_agent)
    )


def is_bot(request):
    return _is_bot_agent(request.META.get("HTTP_USER_AGENT", ""))


def is_prefetch(request):
    """Browsers' speculative loads say so; they are not views (yet)."""
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get("HTTP_PURPOSE", "")
    return "prefetch" in purpose.lower()


def _same_host(url, request):
    try:
        return urlsplit(url).netloc.lower() == request.get_host().lower()
    except (ValueError, DisallowedHost):  # a malformed URL, or a host not served here
        return False


def is_from_own_page(request):
    """Whether the browser says the hit comes from a page of this very host.

    Any sign of another site refuses it (``Sec-Fetch-Site`` other than ``same-origin``,
    an ``Origin`` or ``Referer`` of another host); at least one sign of this host is
    needed (current browsers send ``Sec-Fetch-Site``; older ones ``Origin`` on the
    beacon's POST, or a ``Referer``).
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "").lower()
    origin = request.META.get("HTTP_ORIGIN", "")
    referer = request.META.get("HTTP_REFERER", "")
    if fetch_site and fetch_site != "same-origin":
        return False
    if origin and not _same_host(origin, request):  # also "null": a sandboxed frame
        return False
    if referer and not _same_host(referer, request):
        return False
    return bool(fetch_site or origin or referer)


# The salt of a day never changes once created, so each process may remember it.
_salt_memo: dict = {}


def daily_salt(day):
    """The random salt of ``day``, created by whichever process needs it first."""
    salt = _salt_memo.get(day)
    if salt is not None:
        return salt
    row = VisitorSalt.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = VisitorSalt.objects.create(day=day, salt=secrets.token_hex(32))
        except IntegrityError:
            row = VisitorSalt.objects.get(day=day)
        # Yesterday's hashes become unlinkable once its salt is gone.
        VisitorSalt.objects.filter(day__lt=day).delete()
    _salt_memo.clear()
    _salt_memo[day] = row.salt
    return row.salt


def visitor_hash(request, site_id, day):
    material = "|".join(
        [
            daily_salt(day),
            str(site_id),
            client_ip(request) or "",
            request.META.get("HTTP_USER_AGENT", "")[:300],
        ]
    )
    return hashlib.sha256(material.encode()).hexdigest()


def increment(model, by=1, **keys):
    """``views + by`` on the row ``keys`` identifies, creating it on the day's first hit.

    Race-free on PostgreSQL and SQLite: the UPDATE is atomic in the database;
    when two processes both find no row, the unique constraint lets one INSERT
    win and the other, inside a savepoint, falls back to the UPDATE. A negative
    ``by`` (an import correcting its earlier count) never takes a row below zero
    and creates none.
    """
    if by < 0:
        model.objects.filter(**keys, views__gte=-by).update(views=F("views") + by)
        return
    if model.objects.filter(**keys).update(views=F("views") + by):
        return
    try:
        with transaction.atomic():
            model.objects.create(views=by, **keys)
    except IntegrityError:
        model.objects.filter(**keys).update(views=F("views") + by)


def _record_view_postgresql(site_id, page_id, day, visitor, now):
    """The three writes of a view as one statement (one round trip, atomic by itself):
    ``INSERT … ON CONFLICT DO UPDATE SET views = views + 1`` is PostgreSQL's race-free
    insert-or-increment."""
    quote = connection.ops.quote_name
    site_table = quote(DailySiteVisits._meta.db_table)
    page_table = quote(DailyPageViews._meta.db_table)
    online_table = quote(OnlineVisitor._meta.db_table)
    # Only the quoted table names are put into the SQL; every value is a parameter.
    site_hit = (
        "site_hit AS (INSERT INTO {t} (site_id, day, views) VALUES (%s, %s, 1) "
        "ON CONFLICT (site_id, day) DO UPDATE SET views = {t}.views + 1)"
    ).replace("{t}", site_table)
    steps, params = [site_hit], [site_id, day]
    if page_id is not None:
        page_hit = (
            "page_hit AS (INSERT INTO {t} (site_id, page_id, day, views) "
            "VALUES (%s, %s, %s, 1) ON CONFLICT (page_id, site_id, day) "
            "DO UPDATE SET views = {t}.views + 1)"
        ).replace("{t}", page_table)
        steps.append(page_hit)
        params += [site_id, page_id, day]
    online_seen = (
        "INSERT INTO {t} (site_id, visitor, last_seen) VALUES (%s, %s, %s) "
        "ON CONFLICT (site_id, visitor) DO UPDATE SET last_seen = EXCLUDED.last_seen "
        "WHERE {t}.last_seen < %s"
    ).replace("{t}", online_table)
    sql = "WITH " + ", ".join(steps) + " " + online_seen
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, site_id, visitor, now, now - ONLINE_REFRESH])


def record_view(request, site, page_id=None, now=None):
    """Count one view of ``page_id`` (or of a page-less view) on ``site``."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    visitor = visitor_hash(request, site.pk, day)
    if connection.vendor == "postgresql":
        _record_view_postgresql(site.pk, page_id, day, visitor, now)
        return
    with transaction.atomic():
        increment(DailySiteVisits, site=site, day=day)
        if page_id is not None:
            increment(DailyPageViews, site=site, page_id=page_id, day=day)
        OnlineVisitor.objects.bulk_create(
            [OnlineVisitor(site=site, visitor=visitor, last_seen=now)],
            update_conflicts=True,
            unique_fields=["site", "visitor"],
            update_fields=["last_seen"],
        )


# Each hit needs the requesting host's site and whether the page id is a live page of
# it. Each process remembers both answers for up to LOOKUP_SECONDS, as long as the
# content generations (``caching.generation``, kept in the shared cache) stay the same:
# the host's site while the installation's generation does (saving or deleting a Site
# moves it on), a page's answer while its site's generation does (publishing,
# unpublishing, moving or deleting a page of the site moves it on). Every worker drops
# its copy on its next hit. A warm hit so costs one cache read (both tokens at once)
# and no query besides the count itself.
LOOKUP_SECONDS = 60
LOOKUP_MAX_PAGES = 20_000
_lookups = {"installation": None, "until": 0.0, "hosts": {}, "sites": None, "pages": {}}


def _host_key(request):
    hostname, _port = split_domain_port(request.get_host())
    return hostname, int(request.get_port() or 80)


def _current_lookups(request):
    """The process's remembered answers, checked against the current generations, and
    the generation tokens read for this hit."""
    lookups = _lookups
    known = lookups["hosts"].get(_host_key(request))
    scopes = [INSTALLATION] + ([known.pk] if known is not None else [])
    tokens = read_tokens(scopes)
    now = time.monotonic()
    if (
        tokens[INSTALLATION] != lookups["installation"]
        or now >= lookups["until"]
        or len(lookups["pages"]) > LOOKUP_MAX_PAGES
    ):
        lookups.update(
            installation=tokens[INSTALLATION],
            until=now + LOOKUP_SECONDS,
            hosts={},
            sites=None,
            pages={},
        )
    return lookups, tokens


def _find_site(sites, hostname, port):
    """Like ``Site.find_for_request``: the same host and port, else the only site with
    that host name, else the default site."""
    same_host = [site for site in sites if site.hostname == hostname]
    exact = [site for site in same_host if site.port == port]
    default = [site for site in sites if site.is_default_site]
    for candidates in (exact, same_host if len(same_host) == 1 else [], default):
        if candidates:
            return candidates[0]
    return None


def site_for_request(request, lookups):
    """The request's Wagtail Site, as ``Site.find_for_request`` finds it, without a query
    on a warm hit."""
    key = _host_key(request)
    hosts = lookups["hosts"]
    if key not in hosts:
        if lookups["sites"] is None:
            lookups["sites"] = list(
                Site.objects.only("pk", "hostname", "port", "is_default_site", "root_page_id")
            )
        hosts[key] = _find_site(lookups["sites"], *key)
    return hosts[key]


def is_countable_page(site, page_id, lookups, site_token):
    """Whether ``page_id`` is a live page under ``site``'s root (remembered while the
    site's generation is ``site_token``)."""
    key = (site.pk, page_id)
    remembered = lookups["pages"].get(key)
    if remembered is not None and remembered[0] == site_token:
        return remembered[1]
    countable = Page.objects.filter(
        pk=page_id,
        live=True,
        path__startswith=Page.objects.filter(pk=site.root_page_id).values("path")[:1],
    ).exists()
    lookups["pages"][key] = (site_token, countable)
    return countable


def parse_page_id(raw):
    """``None`` for "no page", the id for a number, ``False`` for anything else."""
    if raw in (None, ""):
        return None
    raw = str(raw).strip()
    if not raw.isdigit() or len(raw) > 18:
        return False
    return int(raw)


def count_view(request, raw_page_id):
    """Count the view the beacon or pixel reports; True if it was counted.

    Never raises: a database that is busy, locked or gone, or a cache that is
    down, costs this one hit (logged), not the visitor's page.
    """
    if not get_setting("COUNT_VISITS"):
        return False
    if is_bot(request) or is_prefetch(request) or not is_from_own_page(request):
        return False
    page_id = parse_page_id(raw_page_id)
    if page_id is False:
        return False
    try:
        lookups, tokens = _current_lookups(request)
        site = site_for_request(request, lookups)
        if site is None:
            return False
        if page_id is not None:
            if site.pk not in tokens:  # the host's site was not known before this hit
                tokens.update(read_tokens([site.pk]))
            site_token = tokens[site.pk]
            if not is_countable_page(site, page_id, lookups, site_token):
                return False
        record_view(request, site, page_id)
    except Exception:
        logger.exception("Could not count a page view; the hit is skipped.")
        return False
    return True


# --- Reading the numbers -----------------------------------------------------------------------


def site_figures(site, today=None):
    """Total (with the site's baseline), today, yesterday, this month, online."""
    today = today or timezone.localdate()
    baseline = (
        SidebarSettings.objects.filter(site=site).values_list("visits_baseline", flat=True).first()
        or 0
    )
    figures = DailySiteVisits.objects.figures(site, today)
    figures["counted"] = figures["total"]
    figures["total"] += baseline
    figures["online"] = OnlineVisitor.objects.online_count(
        site, get_setting("ONLINE_WINDOW_MINUTES")
    )
    return figures


def most_read_page_model():
    return apps.get_model(get_setting("MOST_READ_PAGE_MODEL"))


def most_read_pages(site, days, limit):
    """``[(page, views), …]``: live, public pages of ``MOST_READ_PAGE_MODEL`` on ``site``
    with the most views in the last ``days`` days (the home page itself is left out)."""
    pages = most_read_page_model().objects.live().public().exclude(pk=site.root_page_id)
    ranked = DailyPageViews.objects.most_read(site, days, limit, pages)
    by_id = Page.objects.in_bulk([page_id for page_id, _views in ranked])
    return [(by_id[page_id], views) for page_id, views in ranked if page_id in by_id]


def delete_old_rows(now=None):
    """What ``manage.py kyanh_visits_cleanup`` deletes; returns the numbers deleted."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    deleted = {
        "online visitors": OnlineVisitor.objects.filter(
            last_seen__lt=now - timedelta(days=1)
        ).delete()[0],
        "salts": VisitorSalt.objects.filter(day__lt=today).delete()[0],
        "page days": 0,
    }
    keep_days = get_setting("VISIT_HISTORY_DAYS")
    if keep_days:
        deleted["page days"] = DailyPageViews.objects.filter(
            day__lt=today - timedelta(days=keep_days)
        ).delete()[0]
    return deleted
