from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import StreamField

from kyanh_cms.core.streams import Composition
from kyanh_cms.sidebar.defaults import default_sidebar


class SidebarSettings(BaseSiteSetting):
    """The right-hand column of every page of one Wagtail Site.

    Editors add, order and remove the widgets; a new site starts with the
    town map, website links and visit statistics (``default_sidebar``). The
    rendered sidebar is cached per site under the content generation, which saving
    this row moves on (``kyanh_cms.sidebar.rendering``). The widgets' blocks come
    from ``kyanh_cms.blocks.sidebar`` through the ``"sidebar"`` stream composition.
    """

    widgets = StreamField(
        Composition("sidebar"),
        verbose_name=_("widgets"),
        blank=True,
        default=default_sidebar,
        help_text=_("The widgets of the sidebar, top to bottom."),
    )
    visits_baseline = models.PositiveBigIntegerField(
        _("visits before this portal"),
        default=0,
        help_text=_(
            "The old portal's total visits, added to the visits counted here so the "
            "total carries on after the switch-over."
        ),
    )

    panels = [FieldPanel("widgets"), FieldPanel("visits_baseline")]

    class Meta:
        verbose_name = _("sidebar")
        verbose_name_plural = _("sidebars")
