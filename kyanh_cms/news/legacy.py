"""What ``manage.py kyanh_import`` remembers about each article it brought over.

The old portal's address of an article (``legacy_url``) is the import's key:
a unique constraint makes a second run update the same page instead of
adding a copy. The record lives beside the page rather than on it, so the
article model carries no import-only field into every revision, and an
installation that never imports has an empty table and nothing else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyArticle(models.Model):
    """One article of the old portal and the news article page it became."""

    legacy_url = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_("The article's address on the old portal, as the export gave it."),
    )
    page = models.OneToOneField(
        "kyanh_cms.NewsArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legacy_record",
        help_text=_(
            "The article created from it; empty once an editor deleted the article, which "
            "later imports then leave deleted."
        ),
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        help_text=_("A hash of the exported record and its picture files at the last import."),
    )
    imported_revision_id = models.PositiveIntegerField(
        _("imported revision"),
        null=True,
        blank=True,
        help_text=_(
            "The revision the import published; a newer one means an editor changed the "
            "article, and the import leaves it alone."
        ),
    )
    view_count = models.PositiveBigIntegerField(
        _("old view count"),
        default=0,
        help_text=_("Views on the old portal, carried into the article's page views."),
    )
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")

    def __str__(self):
        return self.legacy_url
