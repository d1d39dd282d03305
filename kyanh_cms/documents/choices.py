"""The fixed lists of the document library: statuses and the kinds of relation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    """Where a document stands today, worked out from its dates and relations
    (``status.py``); never typed by editors, so it cannot drift from the dates."""

    DRAFT = "draft", _("draft for comment")
    NOT_YET = "not_yet", _("not yet in force")
    IN_FORCE = "in_force", _("in force")
    AMENDED = "amended", _("amended or supplemented")
    REPLACED = "replaced", _("replaced")
    EXPIRED = "expired", _("expired")


class RelationKind(models.TextChoices):
    """How a document bears on an earlier one. Each is shown on both documents:
    the label here on the newer one, ``INVERSE_LABELS`` on the one it points to."""

    REPLACES = "replaces", pgettext_lazy("document relation", "replaces")
    AMENDS = "amends", pgettext_lazy("document relation", "amends or supplements")
    GUIDES = "guides", pgettext_lazy("document relation", "guides the implementation of")


INVERSE_LABELS = {
    RelationKind.REPLACES: pgettext_lazy("document relation", "replaced by"),
    RelationKind.AMENDS: pgettext_lazy("document relation", "amended or supplemented by"),
    RelationKind.GUIDES: pgettext_lazy("document relation", "implementation guided by"),
}


class IssuerLevel(models.TextChoices):
    COMMUNE = "commune", _("the commune's own body")
    HIGHER = "higher", _("a higher level")


class Sort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    OLDEST = "oldest", _("Oldest first")
