"""Today's entries for the "Lịch công tác hôm nay" block (sidebar, bodies).

Kept in the cache per site and day under the site's content generation: a saved
entry shows at once, the next day's list starts at midnight, and a warm page reads
no row.
"""

from django.utils import timezone

from kyanh_cms.caching.store import cached
from kyanh_cms.schedules.models import WorkSchedulePage


def site_schedule(site):
    """The first live schedule page of ``site`` (a commune has one)."""
    return (
        WorkSchedulePage.objects.live()
        .filter(path__startswith=site.root_page.path)
        .order_by("path")
        .first()
    )


def today_on(site, schedule=None, count=6, request=None):
    """``{"schedule_url", "entries", "more", "day"}`` for ``site`` today."""
    day = timezone.localdate()

    def build():
        page = schedule if schedule is not None and schedule.live else site_schedule(site)
        if page is None:
            return {"schedule_url": None, "entries": [], "more": 0, "day": day}
        entries = page.entries_on(day)
        return {
            "schedule_url": page.get_url(request),
            "entries": entries[:count],
            "more": max(len(entries) - count, 0),
            "day": day,
        }

    params = (getattr(schedule, "pk", None), count, day.isoformat())
    return cached("schedule-today", params, build, scope=site.pk, request=request)
