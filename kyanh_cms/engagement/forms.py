from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from kyanh_cms.core.conf import get_setting
from kyanh_cms.engagement.captcha import MESSAGES, ReaderCaptchaField, Verdict, consume_challenge
from kyanh_cms.engagement.models import MAX_STARS, MIN_STARS

STARS_MESSAGE = _("Please choose from 1 to 5 stars.")


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, n) for n in range(MAX_STARS, MIN_STARS - 1, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": STARS_MESSAGE, "invalid_choice": STARS_MESSAGE},
    )


class CommentForm(forms.Form):
    """A reader's comment. ``website`` is a honeypot: people never see it, bots fill it."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        error_messages={"required": _("Please write your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Only the editorial office sees it, to answer you. It is never shown."),
        error_messages={"invalid": _("Please check the email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    content = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please write your comment.")},
    )
    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    captcha = ReaderCaptchaField(
        label=_("Verification code"),
        help_text=_("Type the characters in the picture (capitals or not, as you like)."),
        error_messages={
            "required": _("Please type the verification code."),
            "incomplete": _("Please type the verification code."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = get_setting("COMMENT_MAX_LENGTH")
        content = self.fields["content"]
        content.max_length = limit
        content.widget.attrs["maxlength"] = str(limit)
        content.validators.append(MaxLengthValidator(limit))
        content.error_messages["max_length"] = _(
            "Please keep the comment under %(limit_value)d characters (it has %(show_value)d)."
        )

    @property
    def is_bot(self) -> bool:
        """True when the honeypot was filled in (only meaningful after validation)."""
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        cleaned = super().clean()
        challenge = cleaned.get("captcha")
        if challenge:
            verdict = consume_challenge(challenge["key"], challenge["answer"])
            if verdict is not Verdict.SOLVED:
                self.add_error("captcha", MESSAGES[verdict])
        return cleaned


def typed_text(data) -> dict:
    """What the reader typed, to refill a fresh comment form (the captcha is always new)."""
    keep = 2 * get_setting("COMMENT_MAX_LENGTH")
    return {name: str(data.get(name, ""))[:keep] for name in ("name", "email", "content")}
