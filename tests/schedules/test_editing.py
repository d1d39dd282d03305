"""Editors: changes after publication need a reason and keep their history; copy last
week; publish a week; a commune's editors reach only their commune's schedule."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from kyanh_cms.models import ScheduleChange, ScheduleEntry
from kyanh_cms.schedules.weeks import Week


def form_data(entry=None, schedule=None, **changes):
    data = {
        "schedule": schedule.pk if schedule else entry.schedule_id,
        "date": f"{entry.date:%Y-%m-%d}" if entry else "2026-12-02",
        "session": entry.session if entry else "sang",
        "start_time": f"{entry.start_time:%H:%M}" if entry and entry.start_time else "",
        "end_time": "",
        "content": entry.content if entry else "Họp giao ban",
        "chair": entry.chair if entry else "Đ/c Nguyễn Văn An",
        "participants": entry.participants if entry else "",
        "place": entry.place if entry else "Hội trường",
        "preparing_unit": "",
        "bloc": entry.bloc if entry else "ubnd",
        "attachment": "",
        "state": entry.state if entry else "draft",
        "change_reason": "",
    }
    data.update(changes)
    return data


def edit_url(entry):
    return reverse("kyanh_schedule_entries:edit", args=[entry.pk])


def test_a_published_entry_changed_needs_a_reason_and_keeps_history(
    admin_client, schedule, make_entry, client
):
    entry = make_entry(
        day=datetime.date(2026, 12, 2), content="Hội nghị sơ kết", place="Hội trường"
    )
    response = admin_client.post(edit_url(entry), form_data(entry, place="Phòng họp số 2"))
    assert response.status_code == 200  # the form comes back
    html = response.content.decode()
    assert "Mục này đã công bố: hãy ghi lý do thay đổi." in html
    assert "Phòng họp số 2" in html  # with what was typed
    entry.refresh_from_db()
    assert entry.place == "Hội trường" and not ScheduleChange.objects.exists()

    response = admin_client.post(
        edit_url(entry),
        form_data(entry, place="Phòng họp số 2", change_reason="Hội trường sửa chữa"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == "changed" and entry.place == "Phòng họp số 2"
    change = ScheduleChange.objects.get()
    assert change.kind == "changed" and change.reason == "Hội trường sửa chữa"
    assert "Hội trường → Phòng họp số 2" in change.summary

    html = client.get(schedule.url + "?tuan=2026-W49").content.decode()
    assert "Điều chỉnh" in html and "Hội trường sửa chữa" in html


def test_postponing_needs_a_reason_and_shows_hoan(admin_client, schedule, make_entry, client):
    entry = make_entry(day=datetime.date(2026, 12, 3), content="Kiểm tra đê biển")
    admin_client.post(
        edit_url(entry), form_data(entry, state="cancelled", change_reason="Bão số 9")
    )
    entry.refresh_from_db()
    assert entry.state == "cancelled"
    assert ScheduleChange.objects.get().kind == "cancelled"
    html = client.get(schedule.url + "?tuan=2026-W49").content.decode()
    assert "Hoãn" in html and "Bão số 9" in html


def test_drafts_change_freely_and_an_addition_to_a_published_week_is_a_change(
    admin_client, schedule, make_entry
):
    draft = make_entry(day=datetime.date(2026, 12, 2), state="draft")
    response = admin_client.post(edit_url(draft), form_data(draft, place="Nhà văn hóa"))
    assert response.status_code == 302 and not ScheduleChange.objects.exists()

    make_entry(day=datetime.date(2026, 12, 1), content="Đã công bố")
    add = reverse("kyanh_schedule_entries:add")
    data = form_data(schedule=schedule, content="Tiếp đoàn kiểm tra của tỉnh", state="published")
    assert admin_client.post(add, data).status_code == 200
    data["change_reason"] = "Đoàn của tỉnh báo lịch muộn"
    assert admin_client.post(add, data).status_code == 302
    added = ScheduleEntry.objects.get(content="Tiếp đoàn kiểm tra của tỉnh")
    assert added.state == "changed"
    assert ScheduleChange.objects.get(entry=added).kind == "added"


def test_the_end_time_must_follow_the_start(admin_client, schedule):
    data = form_data(schedule=schedule, start_time="14:00", end_time="08:00", session="")
    response = admin_client.post(reverse("kyanh_schedule_entries:add"), data)
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not ScheduleEntry.objects.exists()


def test_copy_last_week_then_publish_the_week(admin_client, schedule, make_entry, client):
    week = Week(2026, 49)
    make_entry(
        day=datetime.date(2026, 11, 23),
        content="Giao ban đầu tuần",
        start_time=datetime.time(7, 30),
    )
    make_entry(day=datetime.date(2026, 11, 25), content="Tiếp công dân")
    make_entry(day=datetime.date(2026, 11, 26), content="Đã hoãn", state="cancelled")
    copy = reverse("kyanh_schedule_entries:copy_week")
    response = admin_client.post(copy, {"schedule": schedule.pk, "week": str(week)})
    assert response.status_code == 302
    copies = ScheduleEntry.objects.in_week(week).order_by("date")
    assert [(e.date, e.content, e.state) for e in copies] == [
        (datetime.date(2026, 11, 30), "Giao ban đầu tuần", "draft"),
        (datetime.date(2026, 12, 2), "Tiếp công dân", "draft"),
    ]
    # Twice would double the week: refused, nothing written.
    response = admin_client.post(copy, {"schedule": schedule.pk, "week": str(week)})
    assert "đã có lịch" in response.content.decode()
    assert ScheduleEntry.objects.in_week(week).count() == 2
    assert "Giao ban đầu tuần" not in client.get(schedule.url + "?tuan=2026-W49").content.decode()

    publish = reverse("kyanh_schedule_entries:publish_week")
    assert (
        admin_client.post(publish, {"schedule": schedule.pk, "week": "2026-W49"}).status_code == 302
    )
    assert set(ScheduleEntry.objects.in_week(week).values_list("state", flat=True)) == {"published"}
    assert "Giao ban đầu tuần" in client.get(schedule.url + "?tuan=2026-W49").content.decode()


@pytest.fixture
def commune_editor(django_user_model, schedule):
    """An editor whose pages are the schedule's commune only (a provincial install)."""
    from kyanh_cms.models import PortalHomePage, WorkSchedulePage

    province_root = schedule.get_parent().get_parent()
    other_home = PortalHomePage(title="Xã Kỳ Lạc", slug="ky-lac")
    province_root.add_child(instance=other_home)
    other = WorkSchedulePage(title="Lịch công tác Kỳ Lạc", slug="lich-cong-tac")
    other_home.add_child(instance=other)
    group = Group.objects.create(name="Biên tập viên Kỳ Lạc")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__endswith="_scheduleentry"),
    )
    GroupPagePermission.objects.create(
        group=group, page=other_home, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("kylac", password="x")
    user.groups.add(group)
    return user, other


def test_a_commune_editor_reaches_only_their_communes_entries(
    client, schedule, make_entry, commune_editor
):
    user, own = commune_editor
    theirs = make_entry(content="Việc của Kỳ Lạc", page=own)
    others = make_entry(content="Việc của Kỳ Hoa")
    client.force_login(user)
    listing = client.get(reverse("kyanh_schedule_entries:index")).content.decode()
    assert "Việc của Kỳ Lạc" in listing and "Việc của Kỳ Hoa" not in listing
    assert client.get(edit_url(theirs)).status_code == 200
    assert client.get(edit_url(others)).status_code == 404
    # Nor can the form put an entry on another commune's schedule.
    data = form_data(schedule=schedule, content="Lén thêm")
    response = client.post(reverse("kyanh_schedule_entries:add"), data)
    assert response.status_code == 200 and not ScheduleEntry.objects.filter(content="Lén thêm")


def test_the_admin_screens_are_in_vietnamese(admin_client, schedule, make_entry):
    make_entry(content="Họp giao ban", day=datetime.date(2026, 12, 2))
    listing = admin_client.get(reverse("kyanh_schedule_entries:index") + "?week=2026-W49")
    html = listing.content.decode()
    assert listing.status_code == 200 and "Họp giao ban" in html
    assert "Sao chép tuần trước" in html and "Công bố lịch tuần" in html and "Tuần 49/2026" in html
    add = admin_client.get(reverse("kyanh_schedule_entries:add")).content.decode()
    assert "Lý do thay đổi" in add and "Chủ trì" in add
    copy = admin_client.get(reverse("kyanh_schedule_entries:copy_week")).content.decode()
    assert "Sao chép thành bản nháp" in copy
    publish = admin_client.get(reverse("kyanh_schedule_entries:publish_week")).content.decode()
    assert "Công bố các bản nháp" in publish
