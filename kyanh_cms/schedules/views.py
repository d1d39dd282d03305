"""What the schedule page answers: the week (HTML), its print view, the Word file,
the calendar feeds. Functions of the page (``models.WorkSchedulePage`` routes here).

Each answer is built from the week's rows in three queries and kept in the cache
(``caching.store.cached``) under the site's content generation, which an entry's
save moves: a warm week costs no query, and a change shows at once.
"""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from kyanh_cms.caching.fragments import is_cacheable, lazy_parts
from kyanh_cms.caching.sites import request_scope
from kyanh_cms.caching.store import cached
from kyanh_cms.core.input import clean_params
from kyanh_cms.schedules.choices import Bloc
from kyanh_cms.schedules.docx import week_document
from kyanh_cms.schedules.filters import BLOC, LEADER, WEEK, ScheduleFilterForm
from kyanh_cms.schedules.ical import schedule_calendar
from kyanh_cms.schedules.weeks import DAY_NAMES, Week

#: Search results shown at most (newest first); more words narrow them.
SEARCH_LIMIT = 50


def requested_week(request):
    return Week.from_param(clean_params(request.GET).get(WEEK))


def week_rows(entries, week, blocs, today):
    """One row per day, Monday first: ``{date, name, is_today, cells: [(bloc, entries)]}``."""
    by_cell = {}
    for entry in entries:
        by_cell.setdefault((entry.date, entry.bloc), []).append(entry)
    rows = []
    for day in week.days:
        cells = [(bloc, by_cell.get((day, bloc.value), [])) for bloc in blocs]
        rows.append(
            {
                "date": day,
                "name": DAY_NAMES[day.weekday()],
                "is_today": day == today,
                "cells": cells,
                "is_empty": not any(items for _bloc, items in cells),
            }
        )
    return rows


def week_url(page_url, week, params=None):
    """The page's address for ``week``, keeping the bloc and leader filters."""
    query = [(WEEK, str(week))]
    for name in (BLOC, LEADER):
        if params and params.get(name):
            query.append((name, params[name]))
    return f"{page_url}?{urlencode(query)}"


def week_context(page, request):
    """The week page's context: cheap parts at once, the table lazily (it sits in a
    cached fragment, so a warm page builds none of it)."""
    params = clean_params(request.GET)
    week = Week.from_param(params.get(WEEK))
    today = timezone.localdate()
    page_url = page.url or ""

    def table():
        form = ScheduleFilterForm(params, leaders=page.leaders(week.monday), week=week)
        filters = form.cleaned_filters()
        blocs = [Bloc(filters["bloc"])] if filters["bloc"] else list(Bloc)
        if filters["words"]:
            found = list(
                page.entries.visible()
                .matching(filters["words"])
                .for_display()
                .order_by("-date", "sort_time")[:SEARCH_LIMIT]
            )
            for entry in found:
                entry.week_url = week_url(page_url, Week.of(entry.date))
        else:
            found = None
        entries = page.entries_for_display(week, filters["bloc"], filters["leader"])
        return {
            "filter_form": form,
            "blocs": blocs,
            "rows": week_rows(entries, week, blocs, today),
            "week_is_empty": not entries,
            "search_results": found,
            "search_words": filters["words"],
        }

    context = {
        "week": week,
        "today": today,
        "is_current_week": week.contains(today),
        "previous_week_url": week_url(page_url, week.previous, params),
        "next_week_url": week_url(page_url, week.next, params),
        "current_week_url": week_url(page_url, Week.of(today), params),
        "print_url": f"{page_url}in/?{urlencode({WEEK: str(week)})}",
        "docx_url": f"{page_url}word/?{urlencode({WEEK: str(week)})}",
        "ical_url": f"{page_url}ical/",
        "ical_bloc_urls": [(bloc, f"{page_url}ical/{bloc.value}/") for bloc in Bloc],
        "changes_rss_url": f"{page_url}thay-doi/rss/",
        "cache_key_params": (str(week), params.urlencode(), today.isoformat()),
    }
    context.update(
        lazy_parts(
            table, "filter_form", "blocs", "rows", "week_is_empty", "search_results", "search_words"
        )
    )
    return context


def print_week(page, request):
    """The week on one A4 landscape sheet: the heading of an administrative document
    and the table, nothing else (``schedules.css``, ``@media print``)."""
    week = requested_week(request)
    entries = page.entries_for_display(week)
    context = {
        "page": page,
        "week": week,
        "issuing_body": page.issuing_body_for(request),
        "rows": week_rows(entries, week, list(Bloc), None),
        "blocs": list(Bloc),
        "week_is_empty": not entries,
    }
    return render(request, "kyanh_cms/schedules/print_week.html", context)


def docx_week(page, request):
    """The week as a Word document (``docx.week_document``), kept until the site's
    content changes."""
    week = requested_week(request)

    def build():
        return week_document(week, page.entries_for_display(week), page.issuing_body_for(request))

    content = _cached_for(request, "schedule-docx", (page.pk, str(week)), build)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="lich-cong-tac-{week}.docx"'
    return response


#: The weeks a calendar feed holds: recent past and what is planned ahead.
ICAL_WEEKS_BEFORE, ICAL_WEEKS_AFTER = 4, 12


def ical_feed(page, request, bloc=None):
    """The schedule (or one bloc's) as an iCalendar feed phones can subscribe to."""
    if bloc is not None and bloc not in Bloc.values:
        raise Http404
    today = timezone.localdate()
    start = Week.of(today).monday - datetime.timedelta(weeks=ICAL_WEEKS_BEFORE)
    end = Week.of(today).sunday + datetime.timedelta(weeks=ICAL_WEEKS_AFTER)
    page_url = page.get_full_url(request)
    name = page.title if bloc is None else f"{page.title} – {Bloc(bloc).label}"

    def build():
        entries = page.entries_between(start, end, bloc)
        return schedule_calendar(entries, name, page_url, request.get_host())

    content = _cached_for(request, "schedule-ical", (page.pk, bloc, start.isoformat()), build)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="lich-cong-tac{"-" + bloc if bloc else ""}.ics"'
    )
    return response


def _cached_for(request, name, params, build):
    if not is_cacheable(request):
        return build()
    return cached(name, params, build, scope=request_scope(request), request=request)
