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
        "how many comment submissions one client address may make per COMMENT_RATE_WINDOW",
    ),
    "COMMENT_RATE_WINDOW": Option(600, int, "the comment rate-limit window, in seconds"),
    "RATING_RATE_LIMIT": Option(
        30, int, "how many votes one client address may cast per RATING_RATE_WINDOW"
    ),
    "RATING_RATE_WINDOW": Option(3600, int, "the vote rate-limit window, in seconds"),
    "RATE_LIMIT_CACHE": Option(
        "default",
        str,
        "the cache alias that counts submissions for the rate limits; use a cache that all "
        "app processes share (Redis, Memcached, database) in production",
    ),
}


def get_setting(name: str) -> Any:
    """The value of ``KYANH_CMS[name]``, or its default."""
    option = OPTIONS[name]
    return getattr(django_settings, "KYANH_CMS", {}).get(name, option.default)
