"""The week page as a visitor sees it: the days and blocs, weeks, filters, search,
changes with their reasons, other sites' entries kept out, query budgets."""

import datetime

import pytest
from django.utils import timezone

from kyanh_cms.models import ScheduleChange
from kyanh_cms.schedules.weeks import Week


def html_of(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_current_week_by_default_with_days_blocs_and_today(client, schedule, make_entry):
    today = timezone.localdate()
    make_entry(content="Họp giao ban UBND đầu tuần", bloc="ubnd", place="Hội trường UBND")
    make_entry(content="Hội nghị Ban Thường vụ Đảng ủy", bloc="dang-uy", session="chieu")
    html = html_of(client.get(schedule.url))
    week = Week.of(today)
    assert f"Tuần {week.number}" in html
    for day_name in ("Thứ Hai", "Thứ Ba", "Chủ nhật"):
        assert day_name in html
    assert '<th scope="col" id="khoi-ubnd">UBND</th>' in html
    assert "Đảng ủy" in html and "HĐND" in html and "Ủy ban MTTQ" in html
    assert "Họp giao ban UBND đầu tuần" in html and "Hội trường UBND" in html
    assert 'aria-current="date"' in html and "hôm nay" in html
    assert "is-today" in html


def test_drafts_are_not_shown(client, schedule, make_entry):
    make_entry(content="Dự thảo chưa duyệt", state="draft")
    html = html_of(client.get(schedule.url))
    assert "Dự thảo chưa duyệt" not in html
    assert "Không có lịch công tác trong tuần này." in html


def test_weeks_are_plain_links_and_a_bad_week_falls_back(client, schedule, make_entry):
    make_entry(day=datetime.date(2026, 12, 2), content="Tiếp công dân định kỳ")
    html = html_of(client.get(schedule.url + "?tuan=2026-W49"))
    assert "Tiếp công dân định kỳ" in html
    assert "từ ngày 30/11/2026 đến ngày 06/12/2026" in html
    assert "?tuan=2026-W48" in html and "?tuan=2026-W50" in html
    other = html_of(client.get(schedule.url + "?tuan=2026-W50"))
    assert "Tiếp công dân định kỳ" not in other
    for bad in ("2026-W60", "abc", "%00", "9999-W01"):
        assert client.get(schedule.url + "?tuan=" + bad).status_code == 200


def test_filters_by_bloc_and_leader(client, schedule, make_entry):
    make_entry(content="Làm việc với HTX Kỳ Hoa", bloc="ubnd", chair="Đ/c Lê Văn Bình")
    make_entry(content="Kỳ họp HĐND", bloc="hdnd", chair="Đ/c Trần Thị Cúc")
    html = html_of(client.get(schedule.url + "?khoi=hdnd"))
    assert "Kỳ họp HĐND" in html and "Làm việc với HTX Kỳ Hoa" not in html
    assert 'id="khoi-ubnd"' not in html
    html = html_of(client.get(schedule.url, {"lanh_dao": "Đ/c Lê Văn Bình"}))
    assert "Làm việc với HTX Kỳ Hoa" in html and "Kỳ họp HĐND" not in html
    # A leader who chairs nothing is ignored with a note, not an empty page.
    html = html_of(client.get(schedule.url, {"lanh_dao": "Không có"}))
    assert "Kỳ họp HĐND" in html


def test_search_ignores_accents_and_case(client, schedule, make_entry):
    old = timezone.localdate() - datetime.timedelta(weeks=10)
    make_entry(day=old, content="Kiểm tra công tác phòng chống lụt bão", place="Thôn Đông Hà")
    html = html_of(client.get(schedule.url, {"q": "LUT BAO"}))
    assert "Kiểm tra công tác phòng chống lụt bão" in html
    assert f"?tuan={Week.of(old)}" in html
    html = html_of(client.get(schedule.url, {"q": "dong ha"}))
    assert "phòng chống lụt bão" in html
    html = html_of(client.get(schedule.url, {"q": "hạn hán"}))
    assert "Không có mục nào chứa những từ này." in html


def test_changed_and_postponed_entries_show_their_reason(client, schedule, make_entry):
    moved = make_entry(content="Hội nghị sơ kết", state="changed")
    ScheduleChange.objects.create(
        entry=moved, kind="changed", reason="Trùng lịch họp của tỉnh", summary="Buổi: Sáng → Chiều"
    )
    off = make_entry(content="Kiểm tra thôn Đông", state="cancelled")
    ScheduleChange.objects.create(entry=off, kind="cancelled", reason="Mưa lớn")
    html = html_of(client.get(schedule.url))
    assert "Điều chỉnh" in html and "Lý do: Trùng lịch họp của tỉnh" in html
    assert "Hoãn" in html and "<s>Kiểm tra thôn Đông</s>" in html and "Lý do: Mưa lớn" in html


def test_an_entry_saved_shows_at_once(client, schedule, make_entry):
    entry = make_entry(content="Họp chi bộ")
    assert "Họp chi bộ" in html_of(client.get(schedule.url))
    entry.content = "Họp chi bộ thôn Bắc"
    entry.save()
    assert "Họp chi bộ thôn Bắc" in html_of(client.get(schedule.url))


def test_another_sites_entries_stay_there(client, schedule, make_entry):
    from wagtail.models import Site

    from kyanh_cms.models import PortalHomePage, WorkSchedulePage

    other_home = PortalHomePage(title="Xã Kỳ Lạc", slug="ky-lac")
    schedule.get_parent().get_parent().add_child(instance=other_home)
    Site.objects.create(hostname="kylac.example", root_page=other_home)
    other = WorkSchedulePage(title="Lịch công tác", slug="lich-cong-tac")
    other_home.add_child(instance=other)
    other.save_revision().publish()
    make_entry(content="Việc của Kỳ Lạc", page=other)
    make_entry(content="Việc của Kỳ Hoa")
    html = html_of(client.get(schedule.url))
    assert "Việc của Kỳ Hoa" in html and "Việc của Kỳ Lạc" not in html
    html = html_of(client.get("/lich-cong-tac/", HTTP_HOST="kylac.example"))
    assert "Việc của Kỳ Lạc" in html and "Việc của Kỳ Hoa" not in html
    # The leader filter offers only this site's leaders.
    assert html.count("Đ/c Nguyễn Văn An") >= 1


@pytest.mark.usefixtures("fragments_off")
def test_week_page_query_budget_does_not_grow_with_entries(
    client, schedule, make_entry, django_assert_max_num_queries, this_week
):
    client.get(schedule.url)
    for n in range(3):
        make_entry(day=this_week.monday + datetime.timedelta(days=n), content=f"Việc {n}")
    # The layout's own (site, menu, settings, sidebar, visit figures) and three of the
    # schedule: the leaders, the week's entries, their changes.
    with django_assert_max_num_queries(16) as few:
        client.get(schedule.url)
    for n in range(30):
        make_entry(day=this_week.monday + datetime.timedelta(days=n % 7), content=f"Việc thêm {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html_of(client.get(schedule.url))


def test_warm_week_page_runs_no_entry_query(
    client, schedule, make_entry, django_assert_num_queries
):
    make_entry(content="Họp giao ban")
    client.get(schedule.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as warm:
        html_of(client.get(schedule.url))
    assert not [q for q in warm.captured_queries if "scheduleentry" in q["sql"]]


def test_schedule_pages_pass_the_content_security_policy(client, schedule, make_entry):
    from bs4 import BeautifulSoup

    make_entry(content="Họp giao ban", state="cancelled")
    for url in (schedule.url, schedule.url + "in/", schedule.url + "?q=hop&khoi=ubnd"):
        response = client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"], url
        html = BeautifulSoup(response.content, "html.parser")
        data = ("application/json", "application/ld+json")
        assert all(s.get("src") or s.get("type") in data for s in html.find_all("script")), url
        assert html.find_all("style") == [] and html.find_all(style=True) == [], url
        assert not [n for tag in html.find_all(True) for n in tag.attrs if n.startswith("on")]


def test_the_invitation_is_offered_for_download(client, schedule, make_entry, news):
    invitation = news.document(title="Giấy mời họp sơ kết")
    make_entry(content="Hội nghị sơ kết", attachment=invitation)
    html = html_of(client.get(schedule.url))
    assert f'href="{invitation.url}"' in html and "Giấy mời: Giấy mời họp sơ kết" in html
