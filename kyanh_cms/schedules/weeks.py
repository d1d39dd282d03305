"""ISO weeks as the schedule names them in addresses: ``?tuan=2026-W49``.

A week runs Monday to Sunday (ISO 8601), which is how Vietnamese offices plan
("Thứ Hai … Chủ nhật"). Anything that is not a real week — a typo, week 54,
year 0 — falls back to the current week rather than an error page.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_WEEK = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")

#: Day names in the order of an ISO week (Monday first).
DAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)

#: Years the schedule can be asked about; outside them a week is not worth a query.
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def of(cls, day):
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def current(cls):
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, text):
        """``"2026-W49"`` (or ``"2026W49"``, ``"2026-w9"``) → ``Week``; ``None`` if not a week."""
        match = _WEEK.match(text or "")
        if not match:
            return None
        year, number = int(match[1]), int(match[2])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        try:
            datetime.date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        return cls(year, number)

    @classmethod
    def from_param(cls, text):
        return cls.parse(text) or cls.current()

    def __str__(self):
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self):
        return datetime.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self):
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    def shifted(self, weeks):
        return Week.of(self.monday + datetime.timedelta(weeks=weeks))

    @property
    def previous(self):
        return self.shifted(-1)

    @property
    def next(self):
        return self.shifted(1)

    def contains(self, day):
        return self.monday <= day <= self.sunday
