from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..conf import get_setting


class PortalPageMixin:
    """Gives a page what ``kyanh_cms/base.html`` needs to draw the portal layout.

    Every page type of the extension uses it; an integrator's own page types
    that extend ``kyanh_cms/base.html`` can use it too, so they are drawn in
    the layout chosen by ``KYANH_CMS["BASE_TEMPLATE"]``.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["kyanh_cms_layout"] = get_setting("BASE_TEMPLATE")
        return context


class PortalHomePage(PortalPageMixin, Page):
    """The portal's front page: the town's welcome and, below it, the news."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short welcome shown at the top of the home page."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    template = "kyanh_cms/pages/portal_home_page.html"

    class Meta:
        verbose_name = _("portal home page")
        verbose_name_plural = _("portal home pages")
