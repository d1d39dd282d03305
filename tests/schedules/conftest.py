import datetime

import pytest
from django.utils import timezone

from kyanh_cms.models import PortalHomePage, ScheduleEntry, WorkSchedulePage
from kyanh_cms.schedules.weeks import Week


@pytest.fixture
def schedule(portal):
    home = PortalHomePage.objects.get(pk=portal.root_page_id)
    page = WorkSchedulePage(
        title="Lịch công tác tuần",
        slug="lich-cong-tac",
        issuing_body="Đảng ủy – HĐND – UBND xã Kỳ Hoa",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def this_week():
    return Week.of(timezone.localdate())


@pytest.fixture
def make_entry(schedule):
    def make(day=None, content="Họp giao ban", state="published", page=None, **fields):
        fields.setdefault("session", "sang")
        fields.setdefault("chair", "Đ/c Nguyễn Văn An – Chủ tịch UBND")
        entry = ScheduleEntry(
            schedule=page or schedule,
            date=day or timezone.localdate(),
            content=content,
            state=state,
            **fields,
        )
        entry.full_clean()
        entry.save()
        return entry

    return make


def monday_of(week):
    return week.monday


def day_in(week, weekday):
    return week.monday + datetime.timedelta(days=weekday)
