"""A pixel limit this server can render in time: on upload, and for images already stored.

A PNG of 11,000 × 11,000 pixels weighs a few KB (one colour compresses to
nothing) yet decodes to 484 MB and takes seconds of CPU per rendition. Wagtail's
own limit (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``, 128 megapixels by default) lets
it through, and a page using it then times out on every visit, because a
rendition that is never finished is never saved.

``KYANH_CMS["MAX_IMAGE_PIXELS"]`` (docs/settings.md) is the limit; when the
project sets ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` lower, that one wins.

- **Upload.** Every Wagtail image form (add, multiple upload, chooser upload,
  edit, whichever image model and base form) checks its file through
  ``WagtailImageField.check_image_pixel_size``; the limit is checked there first,
  from the file's header (Willow would decode the whole picture to tell its
  size), with a message in the editor's language.
- **Rendering.** An image stored before the limit (or imported around the
  forms) is never decoded for a visitor: asking for its renditions raises
  Wagtail's ``SourceImageIOError`` before the file is even opened, which Wagtail's
  ``{% image %}``, ``{% picture %}`` and ``{% srcset_image %}`` already turn into
  an empty "not found" picture, and which the extension's own callers (sharing
  tags, feeds) treat as a missing picture. The decision reads the width and
  height Wagtail stored at upload: it costs no file access and no query.

Wagtail has no hook for either, so ``install()`` (called once from the app's
``ready()``) wraps those methods of Wagtail's classes; a custom image model that
overrides ``create_rendition`` or ``create_renditions`` must call ``super()``.
"""

import logging
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError

from kyanh_cms.core.conf import get_setting
from kyanh_cms.core.formats import format_number

logger = logging.getLogger(__name__)

_reported = set()  # image ids already logged by this process


class TooManyPixels(SourceImageIOError):
    """Raised instead of decoding an image over the limit: to Wagtail, a missing file."""


def max_image_pixels() -> int:
    """The smaller of ``KYANH_CMS["MAX_IMAGE_PIXELS"]`` and Wagtail's own limit, if set."""
    limit = get_setting("MAX_IMAGE_PIXELS")
    wagtail_limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    return min(limit, wagtail_limit) if wagtail_limit else limit


def has_too_many_pixels(image) -> bool:
    """Whether a stored image is over the limit, from its stored size (no file access).
    SVG images are drawn by the browser, never decoded here."""
    width, height = image.width or 0, image.height or 0
    if hasattr(image, "is_svg") and image.is_svg():
        return False
    return width * height > max_image_pixels()


def too_many_pixels_message(width, height) -> str:
    limit = max_image_pixels()
    most = format_number(limit / 1_000_000, decimals=0 if limit % 1_000_000 == 0 else 1)
    if width is None:
        return _(
            "This image has far more pixels than the portal takes (at most %(max)s "
            "megapixels). Make it smaller and upload it again."
        ) % {"max": most}
    return _(
        "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
        "the portal takes at most %(max)s megapixels. Make it smaller and upload it again."
    ) % {
        "width": format_number(width),
        "height": format_number(height),
        "megapixels": format_number(width * height / 1_000_000, decimals=1),
        "max": most,
    }


def _refuse(image):
    if image.pk not in _reported:
        _reported.add(image.pk)
        logger.warning(
            "Image %s (%s × %s) is over MAX_IMAGE_PIXELS: shown without renditions. "
            "Upload a smaller copy.",
            image.pk,
            image.width,
            image.height,
        )
    raise TooManyPixels(f"image {image.pk} has more than {max_image_pixels()} pixels")


def _guard_rendition(method):
    @wraps(method)
    def guarded(image, *filters, **kwargs):
        if filters and has_too_many_pixels(image):
            _refuse(image)
        return method(image, *filters, **kwargs)

    guarded.kyanh_pixel_guard = True
    return guarded


def _header_size(f):
    """``(width, height)`` from the file's header, or ``None`` when Pillow cannot tell.

    Willow's Pillow plugin decodes the whole picture to report its size (and Wagtail
    asks it to), so the size is read here with Pillow alone, which opens lazily.
    """
    from PIL import Image as PILImage

    source = getattr(getattr(f, "image", None), "f", None) or f
    try:
        source.seek(0)
        with PILImage.open(source) as picture:
            return picture.size
    except PILImage.DecompressionBombError:
        return None, None  # Pillow's own limit (twice 89 megapixels) is far over ours
    except Exception:  # noqa: BLE001 - not a Pillow format (SVG): Wagtail checks it
        return None
    finally:
        source.seek(0)


def _guard_upload(method):
    @wraps(method)
    def checked(field, f):
        size = _header_size(f)
        if size == (None, None):
            raise ValidationError(too_many_pixels_message(None, None), code="file_too_many_pixels")
        if size is not None and size[0] * size[1] > max_image_pixels():
            raise ValidationError(too_many_pixels_message(*size), code="file_too_many_pixels")
        return method(field, f)

    checked.kyanh_pixel_guard = True
    return checked


def install():
    """Wrap Wagtail's rendition and upload checks once (idempotent)."""
    from wagtail.images.fields import WagtailImageField
    from wagtail.images.models import AbstractImage

    for name in ("create_rendition", "create_renditions"):
        method = getattr(AbstractImage, name)
        if not getattr(method, "kyanh_pixel_guard", False):
            setattr(AbstractImage, name, _guard_rendition(method))
    check = WagtailImageField.check_image_pixel_size
    if not getattr(check, "kyanh_pixel_guard", False):
        WagtailImageField.check_image_pixel_size = _guard_upload(check)
