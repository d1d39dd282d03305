"""The example portal's own page type for trying reader engagement.

It carries the two switches that news articles carry (``ratings_enabled``,
``comments_enabled``) and includes ``kyanh_cms/includes/engagement.html``
under its body, exactly as an article template does.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from kyanh_cms.models import PortalPageMixin


class DemoArticlePage(PortalPageMixin, Page):
    lead = models.TextField("sapo", blank=True, help_text="Đoạn mở đầu in đậm dưới tiêu đề.")
    body = RichTextField("nội dung", blank=True, help_text="Nội dung bài viết.")
    ratings_enabled = models.BooleanField(
        "cho phép đánh giá", default=True, help_text="Bạn đọc có thể chấm sao bài viết."
    )
    comments_enabled = models.BooleanField(
        "cho phép bình luận", default=True, help_text="Bạn đọc có thể gửi bình luận (chờ duyệt)."
    )

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("ratings_enabled"), FieldPanel("comments_enabled")],
            heading="Tương tác của bạn đọc",
        )
    ]

    template = "kyanh_example/demo_article_page.html"

    class Meta:
        verbose_name = "bài viết mẫu"
        verbose_name_plural = "bài viết mẫu"
