"""A commune added in one step gets its schedule page, and its editors reach its entries
only."""

from django.urls import reverse

from kyanh_cms.models import ScheduleEntry, WorkSchedulePage
from kyanh_cms.provincial.setup import add_commune


def test_a_new_commune_gets_its_schedule_and_its_editors_its_entries(
    portal, client, django_user_model
):
    kyhoa = add_commune("xã Kỳ Hoa", "xa-ky-hoa.example")
    kylac = add_commune("xã Kỳ Lạc", "xa-ky-lac.example")
    page = WorkSchedulePage.objects.child_of(kyhoa.home).get()
    assert page.live and page.slug == "lich-cong-tac" and page.issuing_body.endswith("xã Kỳ Hoa")
    assert add_commune("xã Kỳ Hoa", "xa-ky-hoa.example").changed is False

    other = WorkSchedulePage.objects.child_of(kylac.home).get()
    ScheduleEntry.objects.create(
        schedule=other, date="2026-12-02", content="Việc Kỳ Lạc", session="sang"
    )
    editor = django_user_model.objects.create_user("bientap-kyhoa", password="x")
    editor.groups.add(kyhoa.editors)
    client.force_login(editor)
    add = reverse("kyanh_schedule_entries:add")
    form = {
        "schedule": page.pk,
        "date": "2026-12-02",
        "session": "sang",
        "content": "Họp giao ban",
        "bloc": "ubnd",
        "state": "published",
    }
    assert client.post(add, form).status_code == 302
    assert ScheduleEntry.objects.get(content="Họp giao ban").schedule_id == page.pk
    listing = client.get(reverse("kyanh_schedule_entries:index")).content.decode()
    assert "Họp giao ban" in listing and "Việc Kỳ Lạc" not in listing
    # Kỳ Lạc's schedule is not even offered.
    assert client.post(add, {**form, "schedule": other.pk}).status_code == 200
    response = client.get(page.url, HTTP_HOST="xa-ky-hoa.example")
    assert (
        "Họp giao ban"
        in client.get(
            "/lich-cong-tac/?tuan=2026-W49", HTTP_HOST="xa-ky-hoa.example"
        ).content.decode()
    )
    assert response.status_code == 200
