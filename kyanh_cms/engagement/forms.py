"""The visitor's forms: a rating and a comment.

Text is normalised (NFC, Unix line ends) before any check, so a comment
typed on a keyboard that sends decomposed Vietnamese is measured as it will
be stored. A box that holds nothing visible (only spaces, zero-width
characters, direction marks, a byte-order mark, soft hyphens) counts as
empty. A field sent twice (``stars=1&stars=5``) is refused instead of
silently taking one of the values. Control characters (a NUL, a bell) are
removed before anything else sees the text (``core.input``).
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.input import ControlCharacterFreeFormMixin, without_control_characters
from kyanh_cms.core.text import nfc
from kyanh_cms.engagement.captcha import MESSAGES, ReaderCaptchaField, Verdict, consume_challenge
from kyanh_cms.engagement.models import MAX_STARS, MIN_STARS

STARS_MESSAGE = _("Please choose from 1 to 5 stars.")
REPEATED_MESSAGE = _(
    "This box arrived twice with the form, so nothing was saved. Please check it and send "
    "the form again."
)
# Drawn as nothing, though Unicode does not call them format characters.
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")


def has_visible_text(text: str) -> bool:
    """False when ``text`` holds only white space and invisible characters (Unicode
    format characters such as U+200B, U+200E, U+FEFF, U+00AD, and blank fillers)."""
    return any(
        not char.isspace() and unicodedata.category(char) != "Cf" and char not in _BLANK_LETTERS
        for char in text
    )


class ReaderTextField(forms.CharField):
    """A reader's text: NFC with Unix line ends before the length is checked, and
    refused when nothing in it is visible."""

    default_error_messages = {"invisible": _("Please write something readers can see.")}

    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value.replace("\r\n", "\n")) if value else value

    def validate(self, value):
        super().validate(value)
        if value and not has_visible_text(value):
            raise ValidationError(self.error_messages["invisible"], code="invisible")


class SingleValueForm(forms.Form):
    """Refuses a request that repeats one of the form's fields."""

    def repeated_fields(self) -> list[str]:
        getlist = getattr(self.data, "getlist", None)
        if getlist is None:
            return []
        repeated = []
        for name, field in self.fields.items():
            html_name = self.add_prefix(name)
            widget = field.widget
            if isinstance(widget, forms.MultiWidget):
                sent = [f"{html_name}{suffix}" for suffix in widget.widgets_names]
            else:
                sent = [html_name]
            if any(len(getlist(key)) > 1 for key in sent):
                repeated.append(name)
        return repeated

    def clean(self):
        cleaned = super().clean()
        for name in self.repeated_fields():
            self.add_error(name, REPEATED_MESSAGE)
        return cleaned


class RatingForm(SingleValueForm):
    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, n) for n in range(MAX_STARS, MIN_STARS - 1, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": STARS_MESSAGE, "invalid_choice": STARS_MESSAGE},
    )


class CommentForm(ControlCharacterFreeFormMixin, SingleValueForm):
    """A reader's comment. ``website`` is a honeypot: people never see it, bots fill it.

    ``binding`` is whom the form's captcha challenges belong to
    (``captcha.visitor_binding``); the verdict on the answer is kept in
    ``captcha_verdict`` so the view can slow down repeated wrong answers.
    """

    name = ReaderTextField(
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
    content = ReaderTextField(
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

    def __init__(self, *args, binding, **kwargs):
        super().__init__(*args, **kwargs)
        self.binding = binding
        self.captcha_verdict = None
        self.fields["captcha"].widget.binding = binding
        limit = get_setting("COMMENT_MAX_LENGTH")
        content = self.fields["content"]
        content.max_length = limit
        # No maxlength attribute: browsers count UTF-16 units of what is typed, and a
        # keyboard sending decomposed Vietnamese would be stopped well before the limit.
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
        if self.repeated_fields():
            return cleaned  # a malformed request spends no challenge
        challenge = cleaned.get("captcha")
        if challenge:
            verdict = consume_challenge(challenge["key"], challenge["answer"], self.binding)
            self.captcha_verdict = verdict
            if verdict is not Verdict.SOLVED:
                self.add_error("captcha", MESSAGES[verdict])
        return cleaned


def typed_text(data) -> dict:
    """What the reader typed, to refill a fresh comment form (the captcha is always new)."""
    keep = 2 * get_setting("COMMENT_MAX_LENGTH")
    return {
        name: without_control_characters(str(data.get(name, ""))[:keep], name == "content")
        for name in ("name", "email", "content")
    }
