"""What other wings and the faces use of the schedules wing: the page type (the
provincial setup creates one per commune) and today's entries (the block)."""

from kyanh_cms.schedules.models import ScheduleEntry, WorkSchedulePage
from kyanh_cms.schedules.today import today_on

__all__ = ["ScheduleEntry", "WorkSchedulePage", "today_on"]
