"""The "Lịch công tác hôm nay" block in the sidebar (which the home page shows too)."""

import datetime

from django.utils import timezone

from kyanh_cms.models import SidebarSettings


def with_today_block(site, **value):
    settings = SidebarSettings.for_site(site)
    settings.widgets = [("today_schedule", {"title": "Lịch công tác hôm nay", "count": 2, **value})]
    settings.save()


def sidebar_of(client, url="/"):
    html = " ".join(client.get(url).content.decode().split())
    return html.split('class="kyanh-sidebar"', 1)[1]


def test_todays_entries_in_the_sidebar_with_a_link_to_the_week(
    portal, client, schedule, make_entry
):
    with_today_block(portal)
    make_entry(content="Giao ban đầu ngày", start_time=datetime.time(7, 30), session="")
    make_entry(content="Tiếp công dân", session="chieu", state="cancelled")
    make_entry(content="Họp tổ công tác", session="toi")
    make_entry(content="Việc ngày mai", day=timezone.localdate() + datetime.timedelta(days=1))
    make_entry(content="Bản nháp hôm nay", state="draft")
    sidebar = sidebar_of(client)
    assert "Lịch công tác hôm nay" in sidebar
    assert "07:30" in sidebar and "Giao ban đầu ngày" in sidebar
    assert "<s>Tiếp công dân</s>" in sidebar and "(Hoãn)" in sidebar
    assert "Họp tổ công tác" not in sidebar and "và 1 mục khác" in sidebar
    assert "Việc ngày mai" not in sidebar and "Bản nháp hôm nay" not in sidebar
    assert f'href="{schedule.url}"' in sidebar


def test_an_entry_saved_today_shows_at_once_and_an_empty_day_says_so(
    portal, client, schedule, make_entry
):
    with_today_block(portal)
    assert "Hôm nay không có lịch công tác." in sidebar_of(client)
    make_entry(content="Kiểm tra đột xuất")
    assert "Kiểm tra đột xuất" in sidebar_of(client)
