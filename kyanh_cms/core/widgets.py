"""Admin widgets of the extension."""

from wagtail.admin.widgets import SlugInput

from kyanh_cms.core.text import slug_formatters, slugify_vietnamese


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input, folding Vietnamese titles to ASCII as the server does.

    "Đảng bộ thị xã Kỳ Anh" gives ``dang-bo-thi-xa-ky-anh`` while the editor
    types the title, whatever ``WAGTAIL_ALLOW_UNICODE_SLUGS`` says.
    """

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs, formatters=[*slug_formatters(), *(formatters or [])], locale=locale)

    def value_from_datadict(self, data, files, name):
        # Fold what was posted before the form checks it against the siblings' slugs, so
        # "tin-tức" that folds onto an existing "tin-tuc" is refused with a message
        # instead of failing when the page is saved.
        value = super().value_from_datadict(data, files, name)
        return (slugify_vietnamese(value) or value) if value else value
