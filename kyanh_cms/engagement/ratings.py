"""Recording star ratings: one vote per visitor per page, counted atomically.

A second vote from the same visitor is refused, not replaced: the page says
so next to the stars. The visitor is known by a random token in a long-lived
cookie (stored only as a keyed hash). The client address is not used as the
identity because whole mobile networks and offices share one address.
"""

import re
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from kyanh_cms.caching.store import cached, forget
from kyanh_cms.engagement.models import Rating, RatingSummary

VOTER_COOKIE = "kyanh_voter"
VOTER_COOKIE_AGE = 2 * 365 * 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def voter_token(request) -> str | None:
    """The visitor's voter token from the cookie, if it looks like one we issued."""
    token = request.COOKIES.get(VOTER_COOKIE, "")
    return token if _TOKEN.match(token) else None


def new_voter_token() -> str:
    return secrets.token_urlsafe(24)


def voter_key(token: str) -> str:
    return salted_hmac("kyanh_cms.engagement.voter", token, algorithm="sha256").hexdigest()


def remember_voter(request, response, token: str):
    response.set_cookie(
        VOTER_COOKIE,
        token,
        max_age=VOTER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def own_vote_of(page, token: str) -> int | None:
    """How many stars the visitor holding ``token`` gave the page, or None."""
    return (
        Rating.objects.filter(page=page, voter=voter_key(token))
        .values_list("stars", flat=True)
        .first()
    )


def summary_for(page) -> RatingSummary:
    """The page's vote count and total, from the cache until the next vote on it.

    Every article shows its summary, so reading it costs no query when warm;
    ``record_vote`` drops it, so it is never out of date (with a cache that all
    app processes share). No content generation governs it: publishing does not
    change the votes.
    """
    count, total = cached(
        "rating-summary",
        (page.pk,),
        lambda: (
            RatingSummary.objects.filter(page=page).values_list("count", "total").first() or (0, 0)
        ),
        scope=None,
    )
    return RatingSummary(page=page, count=count, total=total)


def forget_summary(page_id):
    forget("rating-summary", (page_id,))


@dataclass(frozen=True)
class VoteResult:
    accepted: bool
    stars: int


def record_vote(page, token: str, stars: int) -> VoteResult:
    """Insert the vote and add it to the page's summary in one transaction.

    The unique constraint on (page, voter) refuses a second vote even when two
    arrive at once; the summary is changed with ``F()`` so concurrent votes
    never overwrite each other's counts.
    """
    with transaction.atomic():
        # Make sure the summary row exists (INSERT … ON CONFLICT DO NOTHING).
        RatingSummary.objects.bulk_create([RatingSummary(page=page)], ignore_conflicts=True)
        try:
            with transaction.atomic():
                Rating.objects.create(page=page, voter=voter_key(token), stars=stars)
        except IntegrityError:
            existing = Rating.objects.filter(page=page, voter=voter_key(token)).first()
            return VoteResult(False, existing.stars if existing else stars)
        RatingSummary.objects.filter(page=page).update(
            count=F("count") + 1, total=F("total") + stars
        )
        # Now for this request, and once committed for everyone.
        forget_summary(page.pk)
        transaction.on_commit(lambda: forget_summary(page.pk))
    return VoteResult(True, stars)
