"""Content blocks of a news article body.

Every block renders through its own template under
``kyanh_cms/templates/kyanh_cms/blocks/`` and previews in the admin's block
picker through ``kyanh_cms/blocks/preview.html`` (the portal's stylesheet).
What a template needs to decide (alt text, file type, cached embed HTML) is
computed by the ``StructValue`` subclasses here, not in templates.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.images import get_image_model

from kyanh_cms.caching.store import cached
from kyanh_cms.core.alt_text import ImageBlock as AltTextImageBlock
from kyanh_cms.core.alt_text import image_alt
from kyanh_cms.core.formats import format_date, format_number
from kyanh_cms.core.richtext import ARTICLE_TEXT_FEATURES, SHORT_TEXT_FEATURES
from kyanh_cms.core.text import slugify_vietnamese

PREVIEW_TEMPLATE = "kyanh_cms/blocks/preview.html"


PREVIEW_TEXT = (
    "<p>Sáng 25/11, Ủy ban nhân dân thị xã Kỳ Anh tổ chức hội nghị sơ kết công tác "
    "chuyển đổi số. Đến nay <b>100%</b> hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.</p>"
)


def _latest_image():
    """A picture for block previews in the admin: the newest image in the library."""
    return get_image_model().objects.order_by("-created_at").first()


class HeadingValue(blocks.StructValue):
    def tag(self):
        return "h3" if self.get("level") == "h3" else "h2"

    def anchor(self):
        """An ASCII ``id`` so the heading can be linked to (``#ket-qua-noi-bat``)."""
        return slugify_vietnamese(self.get("text"), max_length=60)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use sub-headings only under a section heading."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "kyanh_cms/blocks/heading.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = HeadingValue
        description = _("A heading that divides a long article into sections.")
        preview_value = {"text": "Kết quả nổi bật năm 2026", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ARTICLE_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "kyanh_cms/blocks/paragraph.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Paragraphs with bold, italic, lists and links.")
        preview_value = PREVIEW_TEXT


class ImageValue(blocks.StructValue):
    def alt_text(self):
        image = self.get("image")
        if image is None:
            return ""
        # Wagtail's ImageBlock puts the alt text written for this place on the image.
        return image_alt(image, image.contextual_alt_text, image.decorative)

    def is_full_width(self):
        return self.get("placement", "full") == "full"


class ImageBlock(blocks.StructBlock):
    image = AltTextImageBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, max_length=300, help_text=_("Shown under the image.")
    )
    credit = blocks.CharBlock(
        label=_("credit"),
        required=False,
        max_length=120,
        help_text=_("Who took the picture, for example “Ảnh: Hà Trang”."),
    )
    placement = blocks.ChoiceBlock(
        label=_("placement"),
        choices=[
            ("full", _("Full width")),
            ("left", _("Left, text beside")),
            ("right", _("Right, text beside")),
        ],
        default="full",
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "kyanh_cms/blocks/image.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = ImageValue
        description = _("A picture with caption and credit, across the column or beside the text.")
        preview_value = lambda: {  # noqa: E731 - evaluated when the admin asks for a preview
            "image": _latest_image(),
            "caption": "Quang cảnh hội nghị sơ kết tại hội trường thị xã.",
            "credit": "Ảnh: Hà Trang",
            "placement": "full",
        }


class GalleryImageBlock(blocks.StructBlock):
    image = AltTextImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Picture")
        value_class = ImageValue


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("pictures"), min_num=1, max_num=24)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Photo gallery")
        template = "kyanh_cms/blocks/gallery.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Several pictures in a grid; each opens in full size.")
        preview_value = lambda: {  # noqa: E731
            "title": "Một số hình ảnh tại buổi lễ",
            "images": [{"image": _latest_image(), "caption": "Đại biểu dự lễ"}] * 3,
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(
        label=_("said by"), required=False, max_length=200, help_text=_("Who said it.")
    )
    role = blocks.CharBlock(
        label=_("role"),
        required=False,
        max_length=200,
        help_text=_("Their position, for example “Chủ tịch UBND thị xã”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "kyanh_cms/blocks/quote.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A quotation with who said it.")
        preview_value = {
            "quote": "Chuyển đổi số phải lấy người dân làm trung tâm, "
            "lấy sự hài lòng của người dân "
            "làm thước đo.",
            "attribution": "Nguyễn Văn A",
            "role": "Chủ tịch UBND thị xã",
        }


class DocumentValue(blocks.StructValue):
    def name(self):
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    def file_type(self):
        """``"PDF"``, ``"DOCX"``… from the file name."""
        document = self.get("document")
        return document.file_extension.upper() if document else ""

    def file_size(self):
        """``"245 KB"``, ``"1,2 MB"``; empty when the file cannot be measured."""
        document = self.get("document")
        if document is None:
            return ""
        # Wagtail measures the file through its storage once and keeps the size on the row.
        size = document.get_file_size()
        if size is None:
            return ""
        if size < 1024 * 1024:
            return f"{format_number(max(1, round(size / 1024)))} KB"
        return f"{format_number(size / (1024 * 1024), 1)} MB"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("name"),
        required=False,
        max_length=255,
        help_text=_("Shown instead of the document's title, if given."),
    )
    description = blocks.CharBlock(label=_("description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "kyanh_cms/blocks/document.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = DocumentValue
        description = _("A file to download (decision, plan, report), with its type and size.")


class LenientEmbedBlock(EmbedBlock):
    """An embed URL that is accepted even when no embed provider knows it.

    Wagtail's own block refuses to save a URL it cannot embed; a news body
    should still link to a video on a site without oEmbed (the article shows
    a plain link), and an editor working offline should still be able to save.
    """

    def clean(self, value):
        if isinstance(value, EmbedValue):
            # The address must still be a well-formed URL; the form field checks that
            # on the text (FieldBlock.clean would hand a string to value_for_form, which
            # expects an EmbedValue: the admin's save answered 500).
            self.field.clean(value.url)
            return value
        return super().clean(value)


class EmbedValueWithFallback(blocks.StructValue):
    def embed_html(self):
        """The provider's HTML, cached; empty when the URL cannot be embedded."""
        embed = self.get("url")
        if embed is None or not embed.url:
            return ""
        # A provider's answer is not content: no generation governs it, and an
        # address that could not be embedded is asked again within the hour.
        return cached(
            "embed",
            (embed.url,),
            lambda: embed_to_frontend_html(embed.url) or "",
            scope=None,
            kind=lambda html: "embed" if html else "content",
        )

    def link_text(self):
        embed = self.get("url")
        return self.get("title") or (embed.url if embed else "")


class MediaEmbedBlock(blocks.StructBlock):
    url = LenientEmbedBlock(
        label=_("address (URL)"),
        help_text=_(
            "A video or map page, for example on YouTube. If the site cannot be embedded, "
            "readers get a plain link."
        ),
    )
    title = blocks.CharBlock(
        label=_("title"), required=False, max_length=200, help_text=_("Text of the link.")
    )

    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "kyanh_cms/blocks/embed.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = EmbedValueWithFallback
        description = _("A video or map from another site, with a plain link as fallback.")
        preview_value = {
            "url": "https://www.youtube.com/@kyanh",
            "title": "Phóng sự: Kỳ Anh chuyển mình",
        }


class NumberCellBlock(blocks.DecimalBlock):
    """A table number written the Vietnamese way: 2.060.856 ; 4,3."""

    def render_basic(self, value, context=None):
        if value is None:
            return ""
        value = Decimal(value)
        exponent = value.normalize().as_tuple().exponent
        decimals = 0 if exponent >= 0 else min(-exponent, 3)
        return format_number(value, decimals)


class DateCellBlock(blocks.DateBlock):
    def render_basic(self, value, context=None):
        return format_date(value)


class TableBlock(TypedTableBlock):
    text = blocks.CharBlock(label=_("Text"))
    number = NumberCellBlock(label=_("Number"))
    date = DateCellBlock(label=_("Date"))
    rich_text = blocks.RichTextBlock(label=_("Formatted text"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "table"
        label = _("Table")
        template = "kyanh_cms/blocks/table.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("A table whose columns hold text, numbers or dates.")
        preview_value = {
            "caption": "Hồ sơ nộp trực tuyến năm 2026",
            "columns": [
                {"type": "text", "heading": "Đơn vị"},
                {"type": "number", "heading": "Số hồ sơ"},
                {"type": "number", "heading": "Tỉ lệ (%)"},
            ],
            "rows": [
                {"values": ["Phường Sông Trí", "12560", "98.5"]},
                {"values": ["Xã Kỳ Hà", "3210", "91.2"]},
            ],
        }


class HighlightBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=SHORT_TEXT_FEATURES)
    tone = blocks.ChoiceBlock(
        label=_("tone"),
        choices=[("info", _("Information")), ("note", _("Note")), ("important", _("Important"))],
        default="info",
    )

    class Meta:
        icon = "warning"
        label = _("Highlight box")
        template = "kyanh_cms/blocks/highlight.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "A boxed note that stands out from the text: key figures, a deadline, a hotline."
        )
        preview_value = {
            "title": "Đường dây nóng",
            "text": "<p>Người dân phản ánh qua số <b>0239 3 000 000</b> (24/7).</p>",
            "tone": "info",
        }
