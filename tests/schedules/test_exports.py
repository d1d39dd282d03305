"""The week's print view, Word file, calendar feeds and RSS of changes, opened with the
libraries a person's software would use (python-docx, icalendar)."""

import datetime
import io

import docx
import icalendar
from defusedxml import ElementTree
from django.utils import timezone

from kyanh_cms.models import ScheduleChange
from kyanh_cms.schedules.weeks import Week

WEEK = Week(2026, 49)


def test_print_view_is_one_landscape_sheet_with_the_document_heading(client, schedule, make_entry):
    make_entry(day=datetime.date(2026, 12, 1), content="Họp Ban Thường vụ", bloc="dang-uy")
    response = client.get(schedule.url + "in/?tuan=2026-W49")
    html = response.content.decode()
    assert response.status_code == 200
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "ĐẢNG ỦY – HĐND – UBND XÃ KỲ HOA" in html
    assert "Họp Ban Thường vụ" in html
    assert "kyanh_cms/css/schedules.css" in html
    assert " style=" not in html and "<style" not in html and "<script" not in html
    css = (
        __import__("pathlib").Path(__import__("kyanh_cms").__file__).parent
        / "static/kyanh_cms/css/schedules.css"
    ).read_text()
    assert "size: A4 landscape" in css


def test_docx_is_an_administrative_document_of_the_week(client, schedule, make_entry):
    make_entry(
        day=datetime.date(2026, 11, 30),
        content="Giao ban Thường trực Đảng ủy",
        bloc="dang-uy",
        start_time=datetime.time(7, 30),
        end_time=datetime.time(11, 0),
        chair="Đ/c Phan Văn Dũng – Bí thư",
        place="Phòng họp Đảng ủy",
    )
    off = make_entry(day=datetime.date(2026, 12, 3), content="Kiểm tra đê", state="cancelled")
    ScheduleChange.objects.create(entry=off, kind="cancelled", reason="Bão số 9")
    make_entry(day=datetime.date(2026, 12, 8), content="Tuần sau")
    response = client.get(schedule.url + "word/?tuan=2026-W49")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert 'filename="lich-cong-tac-2026-W49.docx"' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    heading, table = document.tables
    left, right = (cell.text for cell in heading.rows[0].cells)
    assert left == "ĐẢNG ỦY – HĐND – UBND XÃ KỲ HOA"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    texts = [p.text for p in document.paragraphs]
    assert "LỊCH CÔNG TÁC TUẦN" in texts
    assert "(Tuần 49, từ ngày 30/11/2026 đến ngày 06/12/2026)" in texts
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][:4] == ["Ngày", "Thời gian", "Nội dung", "Chủ trì"]
    assert rows[1][0] == "Thứ Hai\n30/11" and rows[1][1] == "07:30 – 11:00"
    assert rows[1][2] == "Giao ban Thường trực Đảng ủy" and rows[1][5] == "Phòng họp Đảng ủy"
    assert rows[2][2] == "[Hoãn] Kiểm tra đê\nLý do: Bão số 9"
    assert len(rows) == 3  # next week's entry is not in this week's file


def test_docx_of_an_empty_week_says_so(client, schedule):
    document = docx.Document(io.BytesIO(client.get(schedule.url + "word/?tuan=2026-W01").content))
    assert "Không có lịch công tác trong tuần này." in document.tables[1].rows[1].cells[0].text


def test_ical_feed_holds_the_sites_entries_in_vietnam_time(client, schedule, make_entry):
    today = timezone.localdate()
    make_entry(
        content="Tiếp công dân định kỳ",
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        session="",
        place="Trụ sở UBND",
        bloc="ubnd",
    )
    off = make_entry(content="Họp MTTQ", bloc="mttq", state="cancelled")
    ScheduleChange.objects.create(entry=off, kind="cancelled", reason="Trùng lịch")
    make_entry(content="Bản nháp", state="draft")
    response = client.get(schedule.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Lịch công tác tuần"
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Tiếp công dân định kỳ", "Họp MTTQ"}
    meeting = events["Tiếp công dân định kỳ"]
    start = meeting.decoded("DTSTART")
    assert start.date() == today and (start.hour, start.minute) == (14, 0)
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert meeting.decoded("DTEND").hour == 16
    assert str(meeting["LOCATION"]) == "Trụ sở UBND"
    assert "Chủ trì: Đ/c Nguyễn Văn An" in str(meeting["DESCRIPTION"])
    assert str(events["Họp MTTQ"]["STATUS"]) == "CANCELLED"
    assert "Trùng lịch" in str(events["Họp MTTQ"]["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE")  # phones place the times right

    by_bloc = icalendar.Calendar.from_ical(client.get(schedule.url + "ical/mttq/").content)
    assert [str(e["SUMMARY"]) for e in by_bloc.walk("VEVENT")] == ["Họp MTTQ"]
    assert client.get(schedule.url + "ical/khong-co/").status_code == 404


def test_rss_of_changes(client, schedule, make_entry):
    entry = make_entry(day=datetime.date(2026, 12, 2), content="Hội nghị sơ kết", state="changed")
    ScheduleChange.objects.create(
        entry=entry, kind="changed", reason="Trùng lịch của tỉnh", summary="Buổi: Sáng → Chiều"
    )
    response = client.get(schedule.url + "thay-doi/rss/")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    (item,) = root.iter("item")
    assert item.findtext("title") == "Điều chỉnh: Hội nghị sơ kết (02/12/2026)"
    assert "Lý do: Trùng lịch của tỉnh" in item.findtext("description")
    assert "?tuan=2026-W49" in item.findtext("link")


def test_docx_and_ical_within_query_budget_and_cached(
    client, schedule, make_entry, django_assert_max_num_queries
):
    for n in range(20):
        make_entry(day=WEEK.monday + datetime.timedelta(days=n % 7), content=f"Việc {n}")
    with django_assert_max_num_queries(10):
        client.get(schedule.url + "word/?tuan=2026-W49")
    with django_assert_max_num_queries(10):
        client.get(schedule.url + "ical/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as warm:
        client.get(schedule.url + "word/?tuan=2026-W49")
    assert not [q for q in warm.captured_queries if "scheduleentry" in q["sql"]]
