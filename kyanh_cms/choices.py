"""Choices shared by models, blocks and forms.

Kept apart from the models so that blocks (which models' StreamFields use)
can import them without an import cycle.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 2000
MAX_YEAR = 2100


class OrganizationKind(models.TextChoices):
    COMMUNE = "commune", _("commune party committee")
    WARD = "ward", _("ward party committee")
    AGENCY = "agency", _("agency")
    SCHOOL = "school", _("school")
    HOSPITAL = "hospital", _("hospital or health centre")
    POLICE = "police", _("police")
    MILITARY = "military", _("military")
    ENTERPRISE = "enterprise", _("enterprise")
    OTHER = "other", _("other")


class ShowcaseKind(models.TextChoices):
    COLLECTIVE = "collective", _("collective model")
    INDIVIDUAL = "individual", _("individual exemplar")


class ShowcaseStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    IN_PROGRESS = "in_progress", _("in progress")
    RECOGNIZED = "recognized", _("recognized or commended")
    NOT_CARRIED_OUT = "not_carried_out", _("not carried out")


class TaskListKind(models.TextChoices):
    KEY_TASKS = "key_tasks", _("key tasks")
    BREAKTHROUGH = "breakthrough", _("breakthrough tasks")
    SOLUTIONS = "solutions", _("solutions")
    SHORTCOMINGS = "shortcomings", _("shortcomings")


class Numbering(models.TextChoices):
    PARENTHESES = "parentheses", "(1), (2), (3)"
    DECIMAL = "decimal", "1., 2., 3."
    LETTERS = "letters", "a), b), c)"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
