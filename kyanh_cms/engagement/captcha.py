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
"""

import enum

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django.conf import settings
from django.forms import MultiValueField
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


def consume_challenge(key: str, answer: str) -> Verdict:
    """Spend the challenge ``key`` with ``answer``; run it inside the write's transaction."""
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


def new_challenge() -> str:
    return CaptchaStore.generate_key()


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

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        self._key = new_challenge()
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
