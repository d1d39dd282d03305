"""The schedule as an iCalendar feed (RFC 5545, the ``icalendar`` package) that a
phone's calendar subscribes to and refreshes by itself.

Times are Vietnam's (``Asia/Ho_Chi_Minh``, with its VTIMEZONE). An entry given only
a session gets the session's usual hours. A postponed entry stays in the feed with
``STATUS:CANCELLED`` so subscribed calendars strike it out instead of silently
keeping the old event; every recorded change raises its ``SEQUENCE``.
"""

import datetime
import zoneinfo

from icalendar import Calendar, Event

from kyanh_cms.schedules.choices import Session
from kyanh_cms.schedules.weeks import Week

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
#: An entry with a start time and no end is shown as an hour long.
ONE_HOUR = datetime.timedelta(hours=1)
SESSION_HOURS = {
    Session.MORNING: (datetime.time(7, 30), datetime.time(11, 30)),
    Session.AFTERNOON: (datetime.time(13, 30), datetime.time(17, 0)),
    Session.EVENING: (datetime.time(19, 0), datetime.time(21, 0)),
}


def entry_times(entry):
    """``(start, end)`` aware datetimes of an entry."""
    session_start, session_end = SESSION_HOURS.get(entry.session, SESSION_HOURS[Session.MORNING])
    start_time = entry.start_time or session_start
    if entry.end_time:
        end_time = entry.end_time
    elif entry.start_time:
        one_hour_later = datetime.datetime.combine(entry.date, start_time) + ONE_HOUR
        end_time = one_hour_later.time()
        end_time = max(end_time, start_time)
    else:
        end_time = session_end
    start = datetime.datetime.combine(entry.date, start_time, tzinfo=VIETNAM)
    end = datetime.datetime.combine(entry.date, end_time, tzinfo=VIETNAM)
    return start, max(end, start)


def schedule_calendar(entries, name, page_url, host):
    """``bytes`` of a VCALENDAR holding ``entries`` (with their changes prefetched)."""
    calendar = Calendar()
    calendar.add("prodid", "-//kyanh-cms//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    # Ask subscribers to look again every few hours (Apple, Google and Outlook read one
    # of these two).
    calendar.add("refresh-interval", datetime.timedelta(hours=3), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT3H")
    for entry in entries:
        event = Event()
        start, end = entry_times(entry)
        event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
        event.add("dtstamp", entry.updated_at)
        event.add("last-modified", entry.updated_at)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", entry.content)
        if entry.place:
            event.add("location", entry.place)
        details = []
        if entry.chair:
            details.append(f"Chủ trì: {entry.chair}")
        if entry.participants:
            details.append(f"Thành phần: {entry.participants}")
        if entry.preparing_unit:
            details.append(f"Chuẩn bị: {entry.preparing_unit}")
        change = entry.latest_change
        if change is not None:
            details.append(f"{change.get_kind_display()}: {change.reason}")
        if details:
            event.add("description", "\n".join(details))
        event.add("categories", [entry.get_bloc_display()])
        event.add("url", f"{page_url}?tuan={Week.of(entry.date)}")
        event.add("sequence", len(entry.changes.all()))
        event.add("status", "CANCELLED" if entry.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
