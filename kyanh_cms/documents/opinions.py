"""Visitors' opinions on a draft during its consultation window.

The form lives at its own uncached address (``/kyanh/van-ban/<id>/y-kien/``),
so the draft's page can sit in every cache, and it works without JavaScript.
It uses the portal's image captcha (django-simple-captcha, the pictures drawn
at the engagement wing's captcha addresses) with the same discipline: one
attempt per challenge, spent by the DELETE that checks it inside the
opinion's transaction, so two posts racing with one solved code cannot both
pass. Limits per visitor (IPv4 address or IPv6 /64, ``core.visitors``) are
counted in the rate-limit cache: a few saved opinions per hour and a few
wrong codes per hour; a cache that is down lets people through (the captcha
and moderation still hold), never turns an opinion into an error page.
"""

import hashlib
import logging
import time

from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.input import ControlCharacterFreeFormMixin
from kyanh_cms.core.text import nfc
from kyanh_cms.core.visitors import client_network

logger = logging.getLogger(__name__)

OPINION_MAX_LENGTH = 5000
#: Saved opinions and wrong codes a visitor may send per window.
OPINIONS_PER_WINDOW = 5
WRONG_CODES_PER_WINDOW = 10
WINDOW_SECONDS = 3600

WRONG_CODE = _("The verification code is not correct. Please type the new code.")
GONE_CODE = _("This verification code has expired or was already used. Please type the new code.")


def new_challenge() -> str:
    challenge, response = captcha_settings.get_challenge()()
    key = get_random_string(40, "0123456789abcdef")
    CaptchaStore.objects.create(challenge=challenge, response=response, hashkey=key)
    return key


def consume_challenge(key, answer) -> str:
    """``"solved"``, ``"wrong"`` or ``"gone"``; run inside the opinion's transaction."""
    answer = (answer or "").strip().lower()
    live = CaptchaStore.objects.filter(hashkey=key or "", expiration__gt=timezone.now())
    test_mode = getattr(settings, "CAPTCHA_TEST_MODE", False) and answer == "passed"
    if answer and (live if test_mode else live.filter(response=answer)).delete()[0] == 1:
        verdict = "solved"
    elif live.delete()[0] == 1:
        verdict = "wrong"
    else:
        verdict = "gone"
    CaptchaStore.remove_expired()
    return verdict


def captcha_image_url(key):
    return reverse("kyanh_cms:captcha_image", kwargs={"key": key})


class OpinionForm(ControlCharacterFreeFormMixin, forms.Form):
    """Name, contact and opinion; ``website`` is a honeypot people never see."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Please write your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("Phone, email or address"),
        max_length=150,
        help_text=_("Only the drafting body sees it, to answer you. It is never published."),
        error_messages={"required": _("Please leave a way to contact you.")},
    )
    content = forms.CharField(
        label=_("Your opinion"),
        max_length=OPINION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please write your opinion."),
            "max_length": _(
                "Please keep the opinion under %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    captcha_key = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        help_text=_("Type the characters in the picture (capitals or not, as you like)."),
        error_messages={"required": _("Please type the verification code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()

    def clean_content(self):
        return nfc(self.cleaned_data["content"]).strip()

    def spend_captcha(self):
        """Check the answer by spending the challenge; adds the error. Call inside the
        transaction that saves the opinion."""
        self.captcha_verdict = consume_challenge(
            self.cleaned_data.get("captcha_key"), self.cleaned_data.get("captcha")
        )
        if self.captcha_verdict != "solved":
            self.add_error("captcha", WRONG_CODE if self.captcha_verdict == "wrong" else GONE_CODE)
        return self.captcha_verdict == "solved"

    def kept(self):
        """A fresh form holding what the visitor typed (the captcha is always new)."""
        data = {
            name: str(self.data.get(name, ""))[: 2 * OPINION_MAX_LENGTH]
            for name in ("name", "contact", "content")
        }
        return OpinionForm(initial=data)


# --- limits ------------------------------------------------------------------------


def _key(request, scope):
    network = client_network(request) or "unknown"
    visitor = hashlib.sha256(network.encode()).hexdigest()[:32]
    return f"kyanh_cms:rate:document-{scope}:{visitor}:{int(time.time() // WINDOW_SECONDS)}"


def _cache():
    return caches[get_setting("RATE_LIMIT_CACHE")]


def _count(request, scope):
    try:
        value = _cache().get(_key(request, scope), 0)
    except Exception:  # a cache that is down counts nothing (logged once by engagement)
        return 0
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _add(request, scope):
    key = _key(request, scope)
    try:
        cache = _cache()
        cache.add(key, 0, timeout=WINDOW_SECONDS + 1)
        cache.incr(key)
    except Exception:
        logger.warning("The opinion limits could not be counted.", exc_info=True)


def allowed(request) -> bool:
    return (
        _count(request, "opinion") < OPINIONS_PER_WINDOW
        and _count(request, "wrong-code") < WRONG_CODES_PER_WINDOW
    )


def save_opinion(request, document, form):
    """Validate ``form`` and store the opinion; True when stored (or silently dropped as
    a bot's). The captcha is spent in the same transaction as the row."""
    from kyanh_cms.documents.models import DocumentOpinion

    with transaction.atomic():
        if not form.is_valid() or not form.spend_captcha():
            if getattr(form, "captcha_verdict", None) == "wrong":
                _add(request, "wrong-code")
            return False
        if form.cleaned_data["website"]:
            logger.info("An opinion was dropped: the honeypot field was filled in.")
            return True
        DocumentOpinion.objects.create(
            document=document,
            name=form.cleaned_data["name"],
            contact=form.cleaned_data["contact"],
            content=form.cleaned_data["content"],
        )
    _add(request, "opinion")
    return True
