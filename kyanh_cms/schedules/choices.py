"""The fixed vocabularies of the work schedule: blocs, sessions, states, kinds of change."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Bloc(models.TextChoices):
    """The four blocs a commune's schedule is laid out by, in the order of the table."""

    PARTY = "dang-uy", pgettext_lazy("schedule bloc", "Party Committee")
    COUNCIL = "hdnd", pgettext_lazy("schedule bloc", "People's Council")
    COMMITTEE = "ubnd", pgettext_lazy("schedule bloc", "People's Committee")
    FRONT = "mttq", pgettext_lazy("schedule bloc", "Fatherland Front Committee")


class Session(models.TextChoices):
    MORNING = "sang", _("morning")
    AFTERNOON = "chieu", _("afternoon")
    EVENING = "toi", _("evening")


class EntryState(models.TextChoices):
    """``CHANGED`` is never chosen by hand: an edit after publication sets it."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CHANGED = "changed", pgettext_lazy("schedule entry", "Changed")
    CANCELLED = "cancelled", pgettext_lazy("schedule entry", "Postponed")


#: What visitors see: drafts are the editors' own.
VISIBLE_STATES = (EntryState.PUBLISHED, EntryState.CHANGED, EntryState.CANCELLED)


class ChangeKind(models.TextChoices):
    ADDED = "added", pgettext_lazy("schedule change", "Added")
    CHANGED = "changed", pgettext_lazy("schedule change", "Changed")
    CANCELLED = "cancelled", pgettext_lazy("schedule change", "Postponed")
