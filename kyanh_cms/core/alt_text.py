"""Every image a visitor sees has alternative text, or is marked decorative.

One rule wherever an editor chooses an image (WCAG 1.1.1; Thông tư
32/2017/TT-BTTTT): the image carries alternative text written for that
place, or the editor ticks "decorative" and screen readers skip it. The rule
is checked when content is published or submitted for review; a draft may
stay incomplete, as Wagtail defers required fields on drafts.

- In StreamFields the image is ``ImageBlock`` below: Wagtail's own (image,
  "decorative" tick, alt text), which enforces the rule itself; its
  Vietnamese message comes from ``kyanh_cms.wagtail_vi``.
- Page models that choose an image through a foreign key add the same pair
  of fields with ``alt_text_field()`` / ``decorative_field()``, name the
  triples in ``image_alt_fields`` (and, for inline images,
  ``image_alt_formsets``) and use ``AltTextPageForm``, which raises the same
  message.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images.blocks import ImageBlock as WagtailImageBlock

# The message of Wagtail's ImageBlock, so editors meet one sentence everywhere.
ALT_TEXT_MISSING = _("Please add some alt text for your image or mark it as decorative")


class ImageBlock(WagtailImageBlock):
    """Wagtail's ImageBlock with its image chooser labelled through gettext.

    Wagtail names that child "Image" from its field name, which no catalogue
    translates; the other two children already have translated labels.
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"].label = _("Image")


def alt_text_field():
    return models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, read out to people who cannot see it. Required "
            "unless the image is decorative."
        ),
    )


def decorative_field():
    return models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_(
            "Tick only if the image adds nothing the text does not say; screen readers "
            "then skip it."
        ),
    )


def image_alt(image, alt_text, decorative):
    """The alt attribute for an image placement: empty when decorative."""
    if image is None or decorative:
        return ""
    return alt_text or image.default_alt_text


def _missing(data, image_field, alt_field, decorative_field_name):
    return (
        data.get(image_field)
        and not (data.get(alt_field) or "").strip()
        and not data.get(decorative_field_name)
    )


class AltTextPageForm(WagtailAdminPageForm):
    """Refuses to publish an image without alternative text or the decorative tick."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        model = self._meta.model
        for image_field, alt_field, decorative in getattr(model, "image_alt_fields", ()):
            if _missing(cleaned_data, image_field, alt_field, decorative):
                self.add_error(alt_field, ALT_TEXT_MISSING)
        for relation, fields in getattr(model, "image_alt_formsets", {}).items():
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            image_field, alt_field, decorative = fields
            for form in formset.forms:
                # Validates the inline form now; Django keeps its errors for the formset.
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                if _missing(form.cleaned_data, image_field, alt_field, decorative):
                    form.add_error(alt_field, ALT_TEXT_MISSING)
        return cleaned_data
