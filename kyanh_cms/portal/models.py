from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model_string


class PortalSettings(BaseSiteSetting):
    """Who publishes the portal: drawn in the header and footer of every page.

    One row per Wagtail Site, so a ward's sub-portal can carry its own name.
    """

    portal_name = models.CharField(
        _("portal name"),
        max_length=200,
        default="Cổng thông tin điện tử",
        help_text=_("Shown in the header and in the browser's title bar."),
    )
    portal_tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("A short line under the portal name, for example the province."),
    )
    emblem = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The emblem or logo shown left of the portal name."),
    )
    publisher = models.CharField(
        _("publishing body"),
        max_length=200,
        blank=True,
        help_text=_("The agency responsible for the portal, shown in the footer."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    licence = models.CharField(
        _("licence line"),
        max_length=300,
        blank=True,
        help_text=_("The operating licence and the person responsible, shown in the footer."),
    )

    select_related = ["emblem"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("portal_name"), FieldPanel("portal_tagline"), FieldPanel("emblem")],
            heading=_("Header"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("licence"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("portal identity")
        verbose_name_plural = _("portal identity")
