"""The comment form's image captcha: django-simple-captcha, answered at most once.

django-simple-captcha draws the challenge with Pillow and stores it in
``CaptchaStore``. Its own field reads the challenge and then deletes it, so
two requests racing with one solved challenge can both pass. Here the
answer is checked by the DELETE itself: only the request whose DELETE
removed the row has solved it, whatever the number of parallel requests,
and because it runs inside the comment's transaction, the challenge and the
comment are spent or kept together.

Every challenge allows one attempt, right or wrong, as in django-simple-captcha;
the form that comes back carries a new one.

A challenge belongs to the visitor it was drawn for. Its key is a random
nonce followed by a keyed hash of the nonce and the visitor's CSRF secret
(the cookie every form of the portal already sets), so a key solved by
someone else — a captcha-solving service, another browser — is refused
without being spent, and no key can be paired with another visitor's
answer. The binding needs no storage of its own: the key is all of it, and
the 40 hex characters fit django-simple-captcha's ``hashkey`` column.
"""

import enum
import secrets

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django.conf import settings
from django.forms import MultiValueField
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

NONCE_HEX = 20
SEAL_HEX = 20


class Verdict(enum.Enum):
    SOLVED = "solved"
    WRONG = "wrong"
    GONE = "gone"  # expired, already used, or never issued


MESSAGES = {
    Verdict.WRONG: _("The verification code is not correct."),
    Verdict.GONE: _(
        "This verification code has expired or was already used. Please type the new code."
    ),
}


def _test_mode() -> bool:
    # Read at call time (django-simple-captcha reads it once at import), so
    # tests can switch it; checks.py refuses it when DEBUG is off.
    return bool(getattr(settings, "CAPTCHA_TEST_MODE", False))


def visitor_binding(request) -> str:
    """What a challenge is bound to: the visitor's CSRF secret (set now if missing)."""
    get_token(request)
    return request.META["CSRF_COOKIE"]


def _seal(nonce: str, binding: str) -> str:
    return salted_hmac(
        "kyanh_cms.engagement.captcha", f"{nonce}|{binding}", algorithm="sha256"
    ).hexdigest()[:SEAL_HEX]


def bound_key(nonce: str, binding: str) -> str:
    """The challenge key of ``nonce`` (20 hex digits) for the visitor ``binding``."""
    return nonce + _seal(nonce, binding)


def is_bound_to(key: str, binding: str) -> bool:
    """Whether ``key`` was drawn for the visitor whose binding is ``binding``."""
    if len(key) != NONCE_HEX + SEAL_HEX or not binding:
        return False
    nonce, seal = key[:NONCE_HEX], key[NONCE_HEX:]
    return constant_time_compare(seal, _seal(nonce, binding))


def consume_challenge(key: str, answer: str, binding: str) -> Verdict:
    """Spend the challenge ``key`` with ``answer``; run it inside the write's transaction.

    A key drawn for another visitor is GONE for this one and is left untouched."""
    if not is_bound_to(key or "", binding):
        return Verdict.GONE
    answer = (answer or "").strip().lower()
    live = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now())
    if _test_mode() and answer == "passed":
        solved = live.delete()[0] == 1
    else:
        solved = bool(answer) and live.filter(response=answer).delete()[0] == 1
    if solved:
        verdict = Verdict.SOLVED
    elif live.delete()[0] == 1:
        verdict = Verdict.WRONG
    else:
        verdict = Verdict.GONE
    CaptchaStore.remove_expired()
    return verdict


def new_challenge(binding: str) -> str:
    """Draw a challenge for the visitor whose binding is ``binding``; returns its key."""
    challenge, response = captcha_settings.get_challenge()()
    key = bound_key(secrets.token_hex(NONCE_HEX // 2), binding)
    CaptchaStore.objects.create(challenge=challenge, response=response, hashkey=key)
    return key


def image_urls(key: str) -> dict:
    urls = {"image": reverse("kyanh_cms:captcha_image", kwargs={"key": key})}
    if captcha_settings.CAPTCHA_2X_IMAGE:
        urls["image_2x"] = reverse("kyanh_cms:captcha_image_2x", kwargs={"key": key})
    if captcha_settings.CAPTCHA_FLITE_PATH:
        # For people who cannot read the picture: django-simple-captcha has flite spell it.
        urls["audio"] = reverse("kyanh_cms:captcha_audio", kwargs={"key": key})
    return urls


class ReaderCaptchaWidget(CaptchaTextInput):
    """The captcha image, a refresh button and the answer box; URLs under kyanh_cms.urls."""

    template_name = "kyanh_cms/engagement/captcha_widget.html"
    #: Set by the form: whom the challenges it draws belong to.
    binding = ""

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        self._key = new_challenge(self.binding)
        self._value = [self._key, ""]
        self.id_ = self.build_attrs(attrs).get("id", None)

    def get_context(self, name, value, attrs):
        context = super(CaptchaTextInput, self).get_context(name, value, attrs)
        context.update(image_urls(self._key))
        context["refresh_url"] = reverse("kyanh_cms:captcha_refresh")
        return context


class ReaderCaptchaField(CaptchaField):
    """Checks only that a key and an answer came back; the form spends the challenge."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", ReaderCaptchaWidget(attrs={"maxlength": 32}))
        super().__init__(**kwargs)

    def clean(self, value):
        return MultiValueField.clean(self, value)

    def compress(self, data_list):
        if data_list and all(data_list):
            return {"key": data_list[0], "answer": data_list[1]}
        return None
