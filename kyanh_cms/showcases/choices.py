"""Kinds of organizations and showcases, and a showcase's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
