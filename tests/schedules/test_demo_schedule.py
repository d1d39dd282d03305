"""The demo's schedule: this week with a changed entry and a postponed one, the weeks
around it, and a second run that adds nothing."""

from kyanh_cms.demo import schedules as demo
from kyanh_cms.models import ScheduleEntry


class Quiet:
    def write(self, *args):
        pass


def test_demo_week_shows_a_change_and_a_postponement(portal, client):
    demo.seed(Quiet())
    count = ScheduleEntry.objects.count()
    demo.seed(Quiet())
    assert ScheduleEntry.objects.count() == count == 3 * len(demo.WEEK_PLAN)
    html = " ".join(client.get("/lich-cong-tac/").content.decode().split())
    assert "Giao ban lãnh đạo UBND thị xã đầu tuần" in html
    assert "Điều chỉnh" in html and demo.CHANGED[1] in html
    assert "Hoãn" in html and demo.POSTPONED[1] in html
    next_week = client.get("/lich-cong-tac/", {"tuan": "2000-W01"}).content.decode()
    assert "Không có lịch công tác trong tuần này." in next_week
