"""The visitor side of reader engagement.

Article pages may come from a full-page or front-end cache, so they carry
no CSRF token and no captcha. Instead, each form is fetched from a small
uncached endpoint (``rating_form``, ``comment_form``) by
``kyanh_cms/js/engagement.js`` and submitted in place; without JavaScript,
a link in the same spot leads to ``engagement_page``, which renders both
forms uncached. Posts answer a fragment to JavaScript (header
``X-Kyanh-Fragment: 1``, also on the answer, so the script can tell our
fragment from an error page in between) and a redirect or a whole page
otherwise.

A comment goes through, in order: size, CSRF, "already received" (the same
comment a moment ago, e.g. a double click), the visitor's comment allowance
and the wait after wrong captcha answers (``ratelimit``), then the form with
its captcha, spent in the comment's transaction.

The POST views check CSRF themselves (they are ``csrf_exempt`` for the
middleware only): a visitor whose token went stale gets the form back with
what they typed and a "please try again" note, never Django's bare 403 page.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from captcha import views as captcha_views
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.input import without_control_characters
from kyanh_cms.core.text import nfc
from kyanh_cms.core.visitors import client_ip
from kyanh_cms.engagement import captcha, ratelimit, ratings
from kyanh_cms.engagement.forms import CommentForm, RatingForm, typed_text
from kyanh_cms.engagement.models import EngagementSettings, ReaderComment
from kyanh_cms.engagement.notifications import notify_new_comment
from kyanh_cms.engagement.policy import get_engagement_or_404

logger = logging.getLogger(__name__)

FRAGMENT_HEADER = "HTTP_X_KYANH_FRAGMENT"
# A comment of COMMENT_MAX_LENGTH characters, each up to 4 bytes in UTF-8 and
# up to 9 once percent-encoded, fits with room to spare; anything bigger is
# refused before Django parses it.
MAX_BODY_FACTOR = 12
MIN_MAX_BODY = 16 * 1024


@dataclass(frozen=True)
class Notice:
    level: str  # "success", "info" or "error"
    text: str


STALE_FORM = Notice(
    "error",
    _(
        "The form had expired, so nothing was sent. Your text is still here: "
        "please check it and send it again."
    ),
)
TOO_BIG = Notice("error", _("What you sent is far too long, so nothing was saved."))
ALREADY_RECEIVED = Notice(
    "info",
    _(
        "We already have this comment: it arrived a moment ago and is waiting for the "
        "editors' approval, so it was not saved twice."
    ),
)


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def _no_view():
    """Stands in for the view, so the check below is not skipped as csrf_exempt."""


def csrf_failure_reason(request) -> str | None:
    """Django's CSRF verdict for this request: None when it passes, else the reason."""
    check = _CsrfCheck(lambda request: None)
    check.process_request(request)
    verdict = check.process_view(request, _no_view, (), {})
    return verdict if isinstance(verdict, str) else None


def _wants_fragment(request) -> bool:
    return request.META.get(FRAGMENT_HEADER) == "1"


def _body_too_big(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > max(MIN_MAX_BODY, MAX_BODY_FACTOR * get_setting("COMMENT_MAX_LENGTH"))


def _rating_context(request, engagement, form=None, notice=None, voter_token=None):
    page = engagement.page
    form = form or RatingForm()
    token = voter_token or ratings.voter_token(request)
    own_vote = ratings.own_vote_of(page, token) if token else None
    return {
        "rating_form": form,
        "rating_summary": ratings.summary_for(page),
        "rating_own_vote": own_vote,
        "rating_selected": str(form["stars"].value() or ""),
        "rating_notice": notice,
    }


def _new_comment_form(request, data=None, **kwargs):
    return CommentForm(data, binding=captcha.visitor_binding(request), **kwargs)


def _comment_context(request, engagement, form=None, notice=None):
    return {"comment_form": form or _new_comment_form(request), "comment_notice": notice}


def _respond(request, engagement, part, status=200, **kwargs):
    """The rating box or the comment form as a fragment, or the whole engagement page."""
    base = {"page": engagement.page, "engagement": engagement}
    if _wants_fragment(request):
        if part == "rating":
            context = base | _rating_context(request, engagement, **kwargs)
            template = "kyanh_cms/engagement/rating_box.html"
        else:
            context = base | _comment_context(request, engagement, **kwargs)
            template = "kyanh_cms/engagement/comment_form.html"
        response = render(request, template, context, status=status)
        response["X-Kyanh-Fragment"] = "1"
        return response
    context = base | {"kyanh_cms_layout": get_setting("BASE_TEMPLATE")}
    if engagement.ratings:
        context |= _rating_context(request, engagement, **(kwargs if part == "rating" else {}))
    if engagement.comments:
        context |= _comment_context(request, engagement, **(kwargs if part == "comment" else {}))
        context["comments"] = list(ReaderComment.objects.public_for_page(engagement.page))
    return render(request, "kyanh_cms/engagement/engagement_page.html", context, status=status)


#: Where a visitor without JavaScript lands after sending a form: the message saying
#: what happened (it stands above both forms; an anchor at a form scrolled past it).
MESSAGES_ANCHOR = "#thong-bao"


def _back_to_form(engagement):
    return redirect(reverse("kyanh_cms:engagement", args=[engagement.page.pk]) + MESSAGES_ANCHOR)


@require_safe
@never_cache
def engagement_page(request, page_id):
    """Both forms, uncached: where the links lead when JavaScript is off."""
    engagement = get_engagement_or_404(request, page_id)
    return _respond(request, engagement, part=None)


@require_safe
@never_cache
def rating_form(request, page_id):
    engagement = get_engagement_or_404(request, page_id, ratings=True)
    return _respond(request, engagement, "rating")


@require_safe
@never_cache
def comment_form(request, page_id):
    engagement = get_engagement_or_404(request, page_id, comments=True)
    return _respond(request, engagement, "comment")


@csrf_exempt  # checked below, so a stale form gets a friendly answer
@require_POST
@never_cache
def rate(request, page_id):
    engagement = get_engagement_or_404(request, page_id, ratings=True)
    if _body_too_big(request):
        return _respond(request, engagement, "rating", status=413, notice=TOO_BIG)
    if csrf_failure_reason(request):
        chosen = request.POST.get("stars", "")
        form = RatingForm(
            initial={"stars": chosen if chosen in {"1", "2", "3", "4", "5"} else None}
        )
        return _respond(request, engagement, "rating", status=403, form=form, notice=STALE_FORM)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _respond(request, engagement, "rating", status=400, form=form)
    if not ratelimit.allow_vote(request):
        notice = Notice("error", _("Too many ratings from your connection. Please try later."))
        return _respond(request, engagement, "rating", status=429, notice=notice)

    token = ratings.voter_token(request) or ratings.new_voter_token()
    result = ratings.record_vote(engagement.page, token, form.cleaned_data["stars"])
    if result.accepted:
        notice = Notice("success", _("Thank you for rating this article."))
    else:
        notice = Notice(
            "info",
            _("You have already rated this article; each reader rates an article once."),
        )
    if _wants_fragment(request):
        response = _respond(request, engagement, "rating", notice=notice, voter_token=token)
    else:
        level = messages.SUCCESS if result.accepted else messages.INFO
        messages.add_message(request, level, notice.text)
        response = _back_to_form(engagement)
    ratings.remember_voter(request, response, token)
    return response


def _normalised(text, multiline=False) -> str:
    """As the form stores it: no control characters (a NUL would make PostgreSQL refuse
    the query), NFC, Unix line ends, no surrounding space."""
    return nfc(without_control_characters(str(text), multiline)).strip()


def _already_received(request, page, name, content) -> bool:
    """The same comment from the same address on this page, a moment ago."""
    seconds = get_setting("COMMENT_DUPLICATE_SECONDS")
    if not seconds or not content:
        return False
    return ReaderComment.objects.filter(
        page=page,
        name=_normalised(name),
        content=_normalised(content, multiline=True),
        ip_address=client_ip(request),
        created_at__gte=timezone.now() - timedelta(seconds=seconds),
    ).exists()


def _received_answer(request, engagement):
    if _wants_fragment(request):
        return _respond(request, engagement, "comment", notice=ALREADY_RECEIVED)
    messages.info(request, ALREADY_RECEIVED.text)
    return _back_to_form(engagement)


def _kept_form(request):
    return _new_comment_form(request, initial=typed_text(request.POST))


@csrf_exempt  # checked below, so a stale form gets a friendly answer with the text kept
@require_POST
@never_cache
def comment(request, page_id):
    engagement = get_engagement_or_404(request, page_id, comments=True)
    if _body_too_big(request):
        return _respond(request, engagement, "comment", status=413, notice=TOO_BIG)
    if csrf_failure_reason(request):
        form = _kept_form(request)
        return _respond(request, engagement, "comment", status=403, form=form, notice=STALE_FORM)
    if "refresh_captcha" in request.POST:  # the no-JavaScript "new code" button
        return _respond(request, engagement, "comment", form=_kept_form(request))
    posted = request.POST
    if _already_received(request, engagement.page, posted.get("name", ""), posted.get("content")):
        return _received_answer(request, engagement)
    if not ratelimit.comment_allowed(request):
        form = _kept_form(request)
        notice = Notice(
            "error",
            _(
                "You have sent several comments in a short time. Please wait a few minutes "
                "and send it again; your text is kept below."
            ),
        )
        return _respond(request, engagement, "comment", status=429, form=form, notice=notice)
    if wait := ratelimit.captcha_wait(request):
        return _respond(
            request, engagement, "comment", status=429, form=_kept_form(request), notice=_wait(wait)
        )

    form = _new_comment_form(request, request.POST)
    duplicate = False
    with transaction.atomic():
        # The captcha is spent inside this transaction: of two posts with one
        # solved challenge, only the one whose DELETE removed it gets here.
        if not form.is_valid():
            valid = False
        elif form.is_bot:
            valid = True
            logger.info("Reader comment dropped: the honeypot field was filled in.")
        elif _already_received(
            request, engagement.page, form.cleaned_data["name"], form.cleaned_data["content"]
        ):  # sent twice at once (two tabs): the first one is kept
            valid = duplicate = True
        else:
            valid = True
            data = form.cleaned_data
            saved = ReaderComment.objects.create(
                page=engagement.page,
                name=_normalised(data["name"]),
                email=data["email"],
                content=_normalised(data["content"], multiline=True),
                ip_address=client_ip(request),
                user_agent=_normalised(request.META.get("HTTP_USER_AGENT", ""))[:300],
            )
            address = EngagementSettings.for_request(request).notification_email
            if address:
                transaction.on_commit(lambda: notify_new_comment(saved, address))
    if not valid:
        notice = None
        # Only a wrong answer to a live challenge tells a guesser anything: an expired
        # or reused one (a double click) does not slow anyone down.
        if form.captcha_verdict is captcha.Verdict.WRONG:
            if wait := ratelimit.captcha_failed(request):
                notice = _wait(wait)
        return _respond(request, engagement, "comment", status=400, form=form, notice=notice)
    if duplicate:
        return _received_answer(request, engagement)
    if not form.is_bot:
        ratelimit.comment_saved(request)

    notice = Notice(
        "success",
        _("Thank you! Your comment was sent and is waiting for the editors' approval."),
    )
    if _wants_fragment(request):
        return _respond(request, engagement, "comment", notice=notice)
    messages.success(request, notice.text)
    return _back_to_form(engagement)


@require_safe
@never_cache
def captcha_refresh(request):
    """A new challenge for the comment form's "new code" button (JavaScript)."""
    key = captcha.new_challenge(captcha.visitor_binding(request))
    return JsonResponse({"key": key, **captcha.image_urls(key)})


@require_safe
@never_cache
def captcha_audio(request, key):
    """The challenge read aloud by django-simple-captcha's flite view: each one starts a
    speech synthesiser on the server, so one address may ask only so often."""
    if not ratelimit.allow_captcha_audio(request):
        response = HttpResponse(
            gettext("Too many spoken codes were asked for from your connection. Please try later."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(get_setting("CAPTCHA_AUDIO_RATE_WINDOW"))
        return response
    return captcha_views.captcha_audio(request, key)


def _wait(seconds: int) -> Notice:
    return Notice(
        "error",
        ngettext(
            "Several wrong codes came from your connection. Please wait %(seconds)d second, "
            "then type the new code; your text is kept below.",
            "Several wrong codes came from your connection. Please wait %(seconds)d seconds, "
            "then type the new code; your text is kept below.",
            seconds,
        )
        % {"seconds": seconds},
    )
