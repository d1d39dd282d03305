"""The town's work schedule: the previous, current and next weeks around today, with a
changed entry and its reason and a postponed one.

Dates are counted from today's week, so the demo always shows a live week. Entries are
looked up by schedule, date and content: a second run on the same day adds nothing.
"""

import datetime

from django.utils import timezone

from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.models import PortalHomePage, ScheduleChange, ScheduleEntry, WorkSchedulePage
from kyanh_cms.schedules.choices import ChangeKind, EntryState
from kyanh_cms.schedules.weeks import Week

SLUG = "lich-cong-tac"

BI_THU = "Đ/c Phan Văn Dũng – Bí thư Thị ủy"
CHU_TICH_HDND = "Đ/c Nguyễn Thị Hà – Chủ tịch HĐND thị xã"
CHU_TICH = "Đ/c Lê Minh Tuấn – Chủ tịch UBND thị xã"
PHO_CHU_TICH = "Đ/c Trần Văn Hùng – Phó Chủ tịch UBND thị xã"
CHU_TICH_MTTQ = "Đ/c Võ Thị Lan – Chủ tịch Ủy ban MTTQ thị xã"

# (weekday 0–6, session, start, end, bloc, content, chair, participants, place, unit)
WEEK_PLAN = [
    (
        0,
        "sang",
        (7, 30),
        (9, 0),
        "dang-uy",
        "Giao ban Thường trực Thị ủy",
        BI_THU,
        "Thường trực Thị ủy; Chánh Văn phòng Thị ủy",
        "Phòng họp Thị ủy",
        "Văn phòng Thị ủy",
    ),
    (
        0,
        "sang",
        (9, 30),
        None,
        "ubnd",
        "Giao ban lãnh đạo UBND thị xã đầu tuần",
        CHU_TICH,
        "Các Phó Chủ tịch UBND; Chánh Văn phòng HĐND và UBND",
        "Phòng họp tầng 2 UBND",
        "Văn phòng HĐND và UBND",
    ),
    (
        1,
        "chieu",
        (14, 0),
        (17, 0),
        "ubnd",
        "Tiếp công dân định kỳ",
        CHU_TICH,
        "Trưởng phòng Tài nguyên và Môi trường; Chánh Thanh tra",
        "Trụ sở Tiếp công dân",
        "Ban Tiếp công dân",
    ),
    (
        2,
        "sang",
        (8, 0),
        None,
        "hdnd",
        "Giám sát việc giải quyết kiến nghị cử tri tại phường Kỳ Trinh",
        CHU_TICH_HDND,
        "Thường trực HĐND; Ban Kinh tế – Xã hội",
        "UBND phường Kỳ Trinh",
        "Ban Kinh tế – Xã hội HĐND",
    ),
    (
        2,
        "chieu",
        (14, 0),
        None,
        "ubnd",
        "Kiểm tra tiến độ giải phóng mặt bằng tuyến đường ven biển",
        PHO_CHU_TICH,
        "Ban Quản lý dự án; UBND các phường Kỳ Phương, Kỳ Trinh",
        "Thực địa",
        "Ban Quản lý dự án đầu tư xây dựng",
    ),
    (
        3,
        "sang",
        (7, 30),
        None,
        "mttq",
        "Hội nghị hiệp thương cử Ban Thanh tra nhân dân",
        CHU_TICH_MTTQ,
        "Ủy viên Ủy ban MTTQ; đại diện các đoàn thể",
        "Hội trường Ủy ban MTTQ",
        "Ban Thường trực Ủy ban MTTQ",
    ),
    (
        3,
        "chieu",
        None,
        None,
        "dang-uy",
        "Làm việc với Đảng ủy phường Kỳ Long về công tác xây dựng Đảng",
        BI_THU,
        "Ban Tổ chức Thị ủy; Ủy ban Kiểm tra Thị ủy",
        "Đảng ủy phường Kỳ Long",
        "Ban Tổ chức Thị ủy",
    ),
    (
        4,
        "sang",
        (8, 0),
        (11, 30),
        "ubnd",
        "Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn",
        CHU_TICH,
        "Thành viên Ban Chỉ đạo; Chủ tịch UBND các xã, phường",
        "Hội trường UBND thị xã",
        "Phòng Kinh tế",
    ),
    (
        4,
        "chieu",
        (14, 0),
        None,
        "hdnd",
        "Họp Thường trực HĐND chuẩn bị kỳ họp cuối năm",
        CHU_TICH_HDND,
        "Thường trực HĐND; Trưởng các Ban HĐND",
        "Phòng họp HĐND",
        "Văn phòng HĐND và UBND",
    ),
    (
        5,
        "sang",
        (7, 0),
        None,
        "mttq",
        "Ra quân vệ sinh môi trường \u201cNgày Chủ nhật xanh\u201d",
        CHU_TICH_MTTQ,
        "Các đoàn thể; nhân dân khu phố",
        "Khu phố 3, phường Sông Trí",
        "Ủy ban MTTQ thị xã",
    ),
]

CHANGED = (
    "Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn",
    "Lùi sang 14 giờ 00 để lãnh đạo dự hội nghị trực tuyến của tỉnh.",
)
POSTPONED = (
    "Kiểm tra tiến độ giải phóng mặt bằng tuyến đường ven biển",
    "Mưa lớn kéo dài, đường vào thực địa bị ngập.",
)


def _schedule():
    page = WorkSchedulePage.objects.filter(slug=SLUG).first()
    if page is None:
        home = PortalHomePage.objects.get(slug=HOME_SLUG)
        page = WorkSchedulePage(
            title="Lịch công tác tuần",
            slug=SLUG,
            show_in_menus=True,
            issuing_body="Thị ủy – HĐND – UBND thị xã Kỳ Anh",
            introduction=(
                "Lịch công tác của Thường trực Thị ủy, HĐND, UBND và Ủy ban MTTQ thị xã. "
                "Lịch đăng trên Cổng thông tin thay giấy mời đối với các cuộc họp có tên."
            ),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def _entries(schedule, week, state):
    created = {}
    for weekday, session, start, end, bloc, content, chair, people, place, unit in WEEK_PLAN:
        day = week.monday + datetime.timedelta(days=weekday)
        entry = ScheduleEntry.objects.filter(schedule=schedule, date=day, content=content).first()
        if entry is None:
            entry = ScheduleEntry.objects.create(
                schedule=schedule,
                date=day,
                session=session,
                start_time=datetime.time(*start) if start else None,
                end_time=datetime.time(*end) if end else None,
                bloc=bloc,
                content=content,
                chair=chair,
                participants=people,
                place=place,
                preparing_unit=unit,
                state=state,
            )
        created[content] = entry
    return created


def _change(entry, kind, reason, summary, **fields):
    if entry.changes.exists():
        return
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.state = EntryState.CANCELLED if kind == ChangeKind.CANCELLED else EntryState.CHANGED
    entry.save()
    ScheduleChange.objects.create(entry=entry, kind=kind, reason=reason, summary=summary)


def seed(stdout):
    schedule = _schedule()
    this_week = Week.of(timezone.localdate())
    _entries(schedule, this_week.previous, EntryState.PUBLISHED)
    current = _entries(schedule, this_week, EntryState.PUBLISHED)
    _entries(schedule, this_week.next, EntryState.PUBLISHED)
    content, reason = CHANGED
    _change(
        current[content],
        ChangeKind.CHANGED,
        reason,
        "Giờ bắt đầu: 08:00 → 14:00; Buổi: Sáng → Chiều",
        start_time=datetime.time(14, 0),
        end_time=datetime.time(17, 0),
        session="chieu",
    )
    content, reason = POSTPONED
    _change(current[content], ChangeKind.CANCELLED, reason, "")
    stdout.write(f"Lịch công tác: tuần {this_week} ({schedule.entries.count()} mục trong ba tuần)")
