"""The extension's settings: one optional ``KYANH_CMS`` dict with defaults.

Integrators never have to set anything; every key they do set is validated
by a system check (see ``checks.py``) so a typo fails at startup, not on a
visitor's request.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings


@dataclass(frozen=True)
class Option:
    default: Any
    kind: type | tuple[type, ...]
    help: str


OPTIONS: dict[str, Option] = {
    "BASE_TEMPLATE": Option(
        "kyanh_cms/layout.html",
        str,
        "template that kyanh_cms/base.html extends; it must define the blocks "
        "title, extra_css, extra_js and content (as Wagtail's project template does)",
    ),
    # Visitors: who is asking (shared by reader engagement and visit counting).
    "TRUSTED_PROXY_HOPS": Option(
        0,
        int,
        "how many reverse proxies you run in front of the app, each appending to "
        "X-Forwarded-For; 0 means the client address is REMOTE_ADDR and the header is ignored",
    ),
    # Images (docs/production.md, "Hostile input").
    "MAX_IMAGE_PIXELS": Option(
        25_000_000,
        int,
        "the most pixels (width × height) an uploaded image may have; images "
        "stored before that are shown without renditions instead of being decoded on a "
        "visit. WAGTAILIMAGES_MAX_IMAGE_PIXELS wins when it is lower",
    ),
    # Reader engagement: star ratings and reader comments under articles.
    "RATINGS_ENABLED": Option(
        True, bool, "False hides star ratings on every page and refuses new votes"
    ),
    "COMMENTS_ENABLED": Option(
        True,
        bool,
        "False hides reader comments on every site and refuses new ones "
        "(each site can also turn them off in its engagement settings)",
    ),
    "COMMENT_MAX_LENGTH": Option(2000, int, "the longest reader comment, in characters"),
    "COMMENT_RATE_LIMIT": Option(
        5,
        int,
        "how many comments one client network (IPv4 address, IPv6 /64) may have saved per "
        "COMMENT_RATE_WINDOW; forms sent back with a note do not count",
    ),
    "COMMENT_RATE_WINDOW": Option(600, int, "the comment rate-limit window, in seconds"),
    "RATING_RATE_LIMIT": Option(
        30, int, "how many votes one client network may cast per RATING_RATE_WINDOW"
    ),
    "RATING_RATE_WINDOW": Option(3600, int, "the vote rate-limit window, in seconds"),
    "RATE_LIMIT_CACHE": Option(
        "default",
        str,
        "the cache alias that counts submissions for the rate limits; use a cache that all "
        "app processes share (Redis, Memcached, database) in production",
    ),
    "COMMENT_DUPLICATE_SECONDS": Option(
        600,
        int,
        "the same comment (name and text) from the same client address on the same page "
        "within this many seconds is not saved again; the visitor is told it arrived",
    ),
    "CAPTCHA_FREE_ATTEMPTS": Option(
        3,
        int,
        "wrong captcha answers one client address may give per hour before each further "
        "one makes the next attempt wait (2, 4, 8 … seconds)",
    ),
    "CAPTCHA_MAX_DELAY": Option(
        60, int, "the longest wait after wrong captcha answers, in seconds"
    ),
    "CAPTCHA_AUDIO_RATE_LIMIT": Option(
        20,
        int,
        "how many spoken captchas (each runs flite on the server) one client address may "
        "ask for per CAPTCHA_AUDIO_RATE_WINDOW",
    ),
    "CAPTCHA_AUDIO_RATE_WINDOW": Option(
        600, int, "the spoken-captcha rate-limit window, in seconds"
    ),
    # Sidebar and visit counting (docs/sidebar.md).
    "COUNT_VISITS": Option(
        True,
        bool,
        "count page views through the visit beacon; False leaves the beacon out of pages "
        "and makes the counting URLs answer without counting",
    ),
    "ONLINE_WINDOW_MINUTES": Option(
        5,
        int,
        "a visitor counts as online for this many minutes after their last page view (1-1440)",
    ),
    "SIDEBAR_CACHE_SECONDS": Option(
        3600,
        int,
        "how long the rendered sidebar of a site stays cached (saving the sidebar refreshes "
        "it at once); 0 renders it on every request",
    ),
    "VISIT_STATS_CACHE_SECONDS": Option(
        15,
        int,
        "how long the live numbers (visit statistics, most read) are reused before they are "
        "read from the database again; 0 reads them on every request",
    ),
    "MOST_READ_PAGE_MODEL": Option(
        "kyanh_cms.NewsArticlePage",
        str,
        'the page model ("app_label.ModelName") that the "most read" block lists; its '
        "subclasses are listed too",
    ),
    "BEACON_MAX_BYTES": Option(
        1024,
        int,
        "the largest visit beacon body accepted; bigger requests are refused with 413",
    ),
    "VISIT_HISTORY_DAYS": Option(
        0,
        int,
        "the clean-up command deletes per-page daily view rows older than this many days "
        "(0 keeps them all; site totals are always kept)",
    ),
    # How long cached values live (docs/performance.md). Whatever depends on content is
    # also dropped the moment its site's content generation moves on.
    "CONTENT_CACHE_SECONDS": Option(
        3600,
        int,
        "how long values computed from the content (settings, menus, routing, listings' "
        "page starts, related articles, search results, the rating summary) stay cached; "
        "publishing and saving refresh them at once; 0 computes them on every request",
    ),
    "EMBED_CACHE_SECONDS": Option(
        86400,
        int,
        "how long a video or map provider's embed code is kept (an address that cannot be "
        "embedded is asked again after at most an hour); 0 asks the provider every time",
    ),
    "FRAGMENT_CACHE_SECONDS": Option(
        3600,
        int,
        "how long rendered parts of public pages (an article's text, its comments, the "
        "home page's news) stay cached; publishing, moderating and saving settings or "
        "snippets refresh them at once; 0 renders them on every request",
    ),
    # The optional full-page cache for anonymous visitors (docs/performance.md).
    "PAGE_CACHE_SECONDS": Option(
        0,
        int,
        "how long a page is kept in the full-page cache for anonymous visitors; 0 (the "
        "default) turns the cache off. Needs kyanh_cms.middleware.PageCacheMiddleware in "
        "MIDDLEWARE; publishing and moderating purge it",
    ),
    "CACHE_EPOCH_CHECK_SECONDS": Option(
        1,
        int,
        "how often each app process asks the database whether a change could not be "
        "recorded in the shared cache (while it was unreachable); what was cached before "
        "then is no longer served. One small query per process per interval",
    ),
    "PAGE_CACHE_ALIAS": Option(
        "default",
        str,
        "the cache alias the full-page cache stores pages in; use a cache that all app "
        "processes share (Redis, Memcached, database, files), or a purge reaches one only",
    ),
}


def get_setting(name: str) -> Any:
    """The value of ``KYANH_CMS[name]``, or its default."""
    option = OPTIONS[name]
    return getattr(django_settings, "KYANH_CMS", {}).get(name, option.default)
