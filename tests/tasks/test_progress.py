"""One progress figure and one "overdue" rule: the admin listing (SQL), the plan list,
the embedded plan and the inline lists (Python) say the same thing about the same tasks."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kyanh_cms.blocks import TaskListBlock
from kyanh_cms.models import PortalHomePage, TaskItem, TaskPlan, TaskPlanIndexPage
from kyanh_cms.tasks.choices import TaskStatus
from kyanh_cms.tasks.progress import plan_percentage

DONE, IN_PROGRESS, NOT_STARTED = TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED


def make_plan(title, items):
    plan = TaskPlan(title=title, year=2026)
    plan.items = [
        TaskItem(title=f"Nhiệm vụ {n}", status=status, progress=progress)
        for n, (status, progress) in enumerate(items)
    ]
    plan.save()
    return plan


@pytest.fixture
def plans(db):
    """Plans whose figures trip up a careless rule: a mean ending in .5, which Python's
    round() takes down and a reader takes up; tasks whose stored percentage disagrees
    with their status (written by a bulk update that skips ``save()``); no task at all."""
    half = make_plan("Nửa phần trăm", [(IN_PROGRESS, 25), (IN_PROGRESS, 0)])  # 12.5 → 13
    stale = make_plan("Số liệu cũ", [(DONE, 100), (IN_PROGRESS, 50), (NOT_STARTED, 0)])
    stale.items.filter(status=DONE).update(progress=40)
    stale.items.filter(status=NOT_STARTED).update(progress=30)
    thirds = make_plan("Hai phần ba", [(DONE, 100), (DONE, 100), (NOT_STARTED, 0)])  # 66.7 → 67
    done = make_plan("Đã xong", [(DONE, 100)])
    empty = TaskPlan.objects.create(title="Chưa có nhiệm vụ", year=2026)
    return {"half": half, "stale": stale, "thirds": thirds, "done": done, "empty": empty}


def figures(plan):
    return (
        plan.item_count,
        plan.done_count,
        plan.started_count,
        plan.average_progress,
        plan.overall_status,
    )


def test_the_database_and_python_give_the_same_figures(plans):
    from_sql = {plan.pk: figures(plan) for plan in TaskPlan.objects.with_progress()}
    from_python = {}
    for plan in TaskPlan.objects.all():
        plan.set_progress(list(plan.items.all()))
        from_python[plan.pk] = figures(plan)
    assert from_sql == from_python
    assert {name: from_sql[plan.pk][3:] for name, plan in plans.items()} == {
        "half": (13, "in_progress"),
        "stale": (50, "in_progress"),  # done counts 100 and not started 0, as stored or not
        "thirds": (67, "in_progress"),
        "done": (100, "done"),
        "empty": (0, "not_started"),
    }


@pytest.fixture
def home(portal):
    return PortalHomePage.objects.get(pk=portal.root_page_id)


def test_every_screen_shows_the_same_percentage(client, home, plans):
    half = plans["half"]
    embed = ("tracked_plan", {"task_plan": half, "heading": "", "show_introduction": True})
    page = TaskPlanIndexPage(title="Nhiệm vụ trọng tâm", slug="nhiem-vu", body=[embed])
    home.add_child(instance=page)
    html = " ".join(client.get(page.url).content.decode().split())
    assert "Tiến độ chung 13% · 0/2 nhiệm vụ hoàn thành" in html  # the embedded plan
    plan_entry = html.split(f'id="ke-hoach-{half.pk}"')[1].split("</li>")[0]
    assert '<progress class="kyanh-progress" max="100" value="13"' in plan_entry  # the list

    client.force_login(get_user_model().objects.create_superuser("a", "a@example.vn", "p"))
    listing = client.get(reverse("wagtailsnippets_kyanh_cms_taskplan:list"))
    rows = BeautifulSoup(listing.content, "html.parser").select("tbody tr")
    row = next(row.get_text(" ", strip=True) for row in rows if half.title in row.get_text())
    assert "13%" in row and "0/2" in row


def test_a_plan_percentage_rounds_half_up_in_whole_numbers():
    assert [plan_percentage(total, 2) for total in (0, 1, 25, 199)] == [0, 1, 13, 100]
    assert plan_percentage(200, 3) == 67 and plan_percentage(100, 3) == 33
    assert plan_percentage(0, 0) == 0


def test_saving_a_task_stores_the_percentage_its_status_means(db):
    plan = make_plan("Kế hoạch", [(DONE, 40), (IN_PROGRESS, 40)])
    assert sorted(plan.items.values_list("status", "progress")) == [
        ("done", 100),
        ("in_progress", 40),
    ]


OVERDUE_CASES = [
    # (status, days to the deadline, overdue?)
    (IN_PROGRESS, -1, True),
    (NOT_STARTED, -30, True),
    (DONE, -1, False),
    (IN_PROGRESS, 0, False),  # due today is not late yet
    (IN_PROGRESS, None, False),
    ("", -1, False),  # a shortcoming or a solution: no status, never overdue
]


@pytest.mark.parametrize(("status", "days", "overdue"), OVERDUE_CASES)
def test_tracked_and_inline_tasks_are_overdue_by_the_same_rule(status, days, overdue):
    deadline = None if days is None else timezone.localdate() + timedelta(days=days)
    inline = (
        TaskListBlock()
        .child_blocks["items"]
        .child_block.to_python(
            {"title": "Việc", "status": status, "deadline": deadline and deadline.isoformat()}
        )
    )
    assert inline.is_overdue is overdue
    if status:
        assert TaskItem(title="Việc", status=status, deadline=deadline).is_overdue is overdue


def test_the_overdue_count_is_that_of_the_overdue_items_shown(client, home):
    yesterday = timezone.localdate() - timedelta(days=1)
    plan = TaskPlan(title="Kế hoạch", year=2026)
    plan.items = [
        TaskItem(title="Trễ", status=IN_PROGRESS, progress=10, deadline=yesterday),
        TaskItem(title="Chưa làm, trễ", status=NOT_STARTED, deadline=yesterday),
        TaskItem(title="Xong", status=DONE, deadline=yesterday),
    ]
    plan.save()
    embed = ("tracked_plan", {"task_plan": plan, "heading": "", "show_introduction": True})
    page = TaskPlanIndexPage(title="Nhiệm vụ", slug="nhiem-vu", body=[embed])
    home.add_child(instance=page)
    html = " ".join(client.get(page.url).content.decode().split())
    assert "2 nhiệm vụ quá hạn" in html
    embedded = html.split('class="kyanh-stream"')[1].split("</section>")[0]
    assert embedded.count(">Quá hạn<") == 2
