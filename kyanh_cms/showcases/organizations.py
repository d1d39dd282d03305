"""Party base organizations and units: who registers showcases and who is responsible for tasks."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from kyanh_cms.core.text import nfc
from kyanh_cms.showcases.choices import OrganizationKind


def normalize_name(value) -> str:
    """The form of a name used to match it: NFC, lower case, single spaces.

    Spreadsheets typed on different machines mix composed and decomposed
    Vietnamese letters and stray spaces; "Đảng ủy  xã Kỳ Hà" and
    "đảng ủy xã kỳ hà" name the same organization.
    """
    text = nfc(value or "")
    return " ".join(text.split()).casefold()


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_site(self, site_id):
        """The organizations a site lists: its own and those every site shares.
        ``site_id`` ``None`` (no site, or the whole installation) gives them all."""
        if site_id is None:
            return self
        return self.filter(models.Q(site__isnull=True) | models.Q(site_id=site_id))

    def by_normalized_name(self):
        """A dict from the normalised name and short name to each organization (one query)."""
        lookup = {}
        for organization in self:
            for name in (organization.name, organization.short_name):
                if name:
                    lookup.setdefault(normalize_name(name), organization)
        return lookup


class Organization(index.Indexed, models.Model):
    """A party base organization or unit (commune, ward, agency, school, hospital…).

    Organizations register showcases each year (``ShowcasePage.organization``)
    and are responsible for tasks (``TaskItem.responsible_organization``).
    An organization that no longer exists is made inactive rather than
    deleted, so earlier years' figures keep it.
    """

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The full name, for example “Đảng ủy phường Kỳ Phương”."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("A short form used in tables and import files, for example “Kỳ Phương”."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.AGENCY,
        help_text=_("What sort of organization this is."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The organization this one belongs to, if any."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Inactive organizations are left out of this year's registration figures "
            "unless they registered a showcase."
        ),
    )
    order = models.PositiveIntegerField(
        _("order"),
        default=0,
        help_text=_("Lower numbers are listed first."),
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "The commune or ward portal whose showcase pages list it; leave empty for an "
            "organization every portal of the installation lists."
        ),
    )

    objects = OrganizationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("kind")]),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("order")]),
        FieldPanel("site"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="kyanh_cms_organization_unique_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def active_label(self):
        """ "Có"/"Không" for the admin list: the bare field was shown as "True"."""
        return _("Yes") if self.active else _("No")

    @property
    def parent_name(self):
        """For the export, where most organizations have no parent (``parent.name`` fails)."""
        return self.parent.name if self.parent_id else ""
