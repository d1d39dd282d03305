"""An editor marks one task of a tracked plan done; every page that embeds the plan shows it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kyanh_cms.models import (
    Organization,
    PortalHomePage,
    ShowcaseIndexPage,
    ShowcasePage,
    TaskItem,
    TaskPlan,
    TaskPlanIndexPage,
)

PASSWORD = "mat-khau-bien-tap"


@pytest.fixture
def plan_on_two_pages(portal):
    home = PortalHomePage.objects.get(pk=portal.root_page_id)
    ward = Organization.objects.create(name="Đảng ủy phường Kỳ Phương")
    plan = TaskPlan(title="Nhiệm vụ trọng tâm năm 2026", year=2026)
    plan.items = [
        TaskItem(title="Giải phóng mặt bằng đường ven biển", status="done", progress=100),
        TaskItem(
            title="Hồ sơ trực tuyến đạt 80%",
            status="in_progress",
            progress=50,
            responsible_organization=ward,
        ),
        TaskItem(title="Thư viện số cho trường học", status="not_started", progress=0),
    ]
    plan.save()
    embed = ("tracked_plan", {"task_plan": plan, "heading": "", "show_introduction": True})

    tasks_page = TaskPlanIndexPage(title="Nhiệm vụ trọng tâm", slug="nhiem-vu", body=[embed])
    home.add_child(instance=tasks_page)
    tasks_page.save_revision().publish()
    index = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=index)
    story = ShowcasePage(title="Dân vận khéo", organization=ward, year=2026, body=[embed])
    index.add_child(instance=story)
    story.save_revision().publish()
    get_user_model().objects.create_superuser("bientap", "bientap@example.com", PASSWORD)
    return plan, [tasks_page, story]


def task_item(page, title):
    return page.locator(".kyanh-stream li.kyanh-task", has_text=title)


def embedded_text(page):
    return " ".join(page.locator(".kyanh-stream").text_content().split())


def test_marking_a_task_done_updates_every_page_that_embeds_the_plan(
    plan_on_two_pages, live_server, open_page, output_dir
):
    plan, pages = plan_on_two_pages
    revisions_before = [p.revisions.count() for p in pages]
    visitor = open_page()
    for embedding in pages:
        visitor.goto(live_server.url + embedding.url)
        assert "Đang thực hiện" in task_item(visitor, "Hồ sơ trực tuyến").text_content()
        assert "Tiến độ chung 50% · 1/3 nhiệm vụ hoàn thành" in embedded_text(visitor)

    editor = open_page()
    editor.goto(live_server.url + reverse("wagtailadmin_login"))
    editor.fill("input[name=username]", "bientap")
    editor.fill("input[name=password]", PASSWORD)
    editor.locator("form button[type=submit]").first.click()
    editor.wait_for_url(live_server.url + reverse("wagtailadmin_home"))

    edit_url = reverse("wagtailsnippets_kyanh_cms_taskplan:edit", args=[plan.pk])
    editor.goto(live_server.url + edit_url)
    status = editor.locator("select[name=items-1-status]")
    assert status.input_value() == "in_progress"
    status.select_option("done")
    editor.fill("input[name=items-1-update_note]", "Đã đạt 82% trong tháng 11.")
    editor.locator("#w-editor-form button[type=submit]").first.click()
    editor.wait_for_url("**/snippets/kyanh_cms/taskplan/")
    editor.screenshot(path=str(output_dir / "tasks-admin-saved.png"))

    for embedding in pages:
        visitor.goto(live_server.url + embedding.url)
        item = task_item(visitor, "Hồ sơ trực tuyến").text_content()
        assert "Hoàn thành" in item and "100%" in item
        assert "Đã đạt 82% trong tháng 11." in item
        assert "Tiến độ chung 67% · 2/3 nhiệm vụ hoàn thành" in embedded_text(visitor)
    visitor.screenshot(path=str(output_dir / "tasks-plan-embedded.png"), full_page=True)
    # Neither page was saved or published again.
    assert [p.revisions.count() for p in pages] == revisions_before

    # The plan's history tells who changed it.
    editor.goto(
        live_server.url + reverse("wagtailsnippets_kyanh_cms_taskplan:history", args=[plan.pk])
    )
    assert "bientap" in editor.locator("main").text_content()
