"""Task lists: inline lists, tracked plans, overdue items, validation and query budgets."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from kyanh_cms.blocks import TaskListBlock
from kyanh_cms.caching.generation import content_changed
from kyanh_cms.models import Organization, PortalHomePage, TaskItem, TaskPlan, TaskPlanIndexPage
from kyanh_cms.tasks.choices import TaskStatus


def today():
    return timezone.localdate()


@pytest.fixture
def home(portal):
    return PortalHomePage.objects.get(pk=portal.root_page_id)


def make_plan(title="Nhiệm vụ trọng tâm năm 2026", year=2026, items=()):
    plan = TaskPlan(title=title, year=year)
    plan.items = [TaskItem(**fields) for fields in items]
    plan.save()
    return plan


def make_page(home, body, slug="nhiem-vu"):
    page = TaskPlanIndexPage(title="Nhiệm vụ trọng tâm", slug=slug, body=body)
    home.add_child(instance=page)
    return page


def plan_block(plan):
    return ("tracked_plan", {"task_plan": plan, "heading": "", "show_introduction": True})


def html_of(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_inline_list_is_a_numbered_list_with_status_and_overdue(client, home):
    ward = Organization.objects.create(name="Đảng ủy phường Kỳ Trinh")
    body = [
        (
            "task_list",
            {
                "title": "Ba nhiệm vụ đột phá",
                "kind": "breakthrough",
                "numbering": "letters",
                "items": [
                    {
                        "title": "Hạ tầng giao thông",
                        "status": "done",
                        "deadline": today() - timedelta(days=30),
                        "responsible_organization": ward,
                    },
                    {
                        "title": "Cải cách hành chính",
                        "status": "in_progress",
                        "deadline": today() - timedelta(days=1),
                    },
                    {
                        "title": "Nguồn nhân lực",
                        "status": "",
                        "deadline": today() - timedelta(days=1),
                    },
                ],
            },
        )
    ]
    html = html_of(client.get(make_page(home, body).url))
    assert '<ol class="kyanh-tasklist__items kyanh-tasklist__items--letters" type="a">' in html
    assert html.count('<li class="kyanh-task') == 3
    assert "kyanh-tasklist--breakthrough" in html
    assert "Chủ trì: Đảng ủy phường Kỳ Trinh" in html
    assert "Hoàn thành" in html and "Đang thực hiện" in html
    # Only the item that is past its deadline, has a status and is not done is overdue.
    assert html.count(">Quá hạn<") == 1
    assert html.index(">Quá hạn<") > html.index("Cải cách hành chính")


def test_inline_list_needs_items_with_titles():
    block = TaskListBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python(
                {"title": "Hạn chế", "kind": "shortcomings", "numbering": "decimal", "items": []}
            )
        )
    with pytest.raises((StructBlockValidationError, StreamBlockValidationError, ValidationError)):
        block.clean(
            block.to_python(
                {
                    "title": "Hạn chế",
                    "kind": "shortcomings",
                    "numbering": "decimal",
                    "items": [{"title": ""}],
                }
            )
        )


def test_done_means_100_percent_and_not_started_means_0():
    item = TaskItem(title="Việc", status=TaskStatus.DONE, progress=40)
    item.clean()
    assert item.progress == 100
    with pytest.raises(ValidationError) as error:
        TaskItem(title="Việc", status=TaskStatus.NOT_STARTED, progress=10).clean()
    assert "progress" in error.value.message_dict


def test_overdue_is_past_deadline_and_not_done():
    yesterday = today() - timedelta(days=1)
    assert TaskItem(status=TaskStatus.IN_PROGRESS, deadline=yesterday).is_overdue
    assert not TaskItem(status=TaskStatus.DONE, deadline=yesterday).is_overdue
    assert not TaskItem(status=TaskStatus.IN_PROGRESS, deadline=today()).is_overdue
    assert not TaskItem(status=TaskStatus.IN_PROGRESS, deadline=None).is_overdue


def test_tracked_plan_shows_live_progress_and_survives_a_deleted_organization(client, home):
    school = Organization.objects.create(name="Chi bộ Trường THPT Kỳ Anh")
    plan = make_plan(
        items=[
            {
                "title": "Thư viện số",
                "status": "in_progress",
                "progress": 50,
                "responsible_organization": school,
                "deadline": today() - timedelta(days=3),
                "update_note": "Đã mua máy chủ.",
            },
            {"title": "Sân thể thao", "status": "done", "progress": 100},
        ]
    )
    page = make_page(home, [plan_block(plan)])
    html = html_of(client.get(page.url))
    assert "Tiến độ chung 75% · 1/2 nhiệm vụ hoàn thành" in html
    assert "1 nhiệm vụ quá hạn" in html
    assert "Chủ trì: Chi bộ Trường THPT Kỳ Anh" in html
    assert "Cập nhật mới nhất: Đã mua máy chủ." in html

    school.delete()
    html = html_of(client.get(page.url))
    assert "Chủ trì" not in html
    assert "Thư viện số" in html

    plan.delete()
    html = html_of(client.get(page.url))
    assert "Thư viện số" not in html


def test_an_empty_plan_renders_cleanly(client, home):
    page = make_page(home, [plan_block(make_plan())])
    assert "Kế hoạch chưa có nhiệm vụ nào." in html_of(client.get(page.url))


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_plan_costs_the_same_queries_with_3_or_60_items(client, home):
    organizations = [Organization.objects.create(name=f"Tổ chức {n}") for n in range(60)]

    def items(count):
        return [
            {
                "title": f"Nhiệm vụ {n}",
                "status": "in_progress",
                "progress": 10,
                "responsible_organization": organizations[n],
                "deadline": date(2026, 1, 1),
            }
            for n in range(count)
        ]

    small = make_page(home, [plan_block(make_plan("Nhỏ", items=items(3)))], slug="nho")
    large = make_page(home, [plan_block(make_plan("Lớn", items=items(60)))], slug="lon")
    client.get(small.url)
    client.get(large.url)

    def drawn_anew(url):
        # The plans are drawn inside a cached fragment: count a rendering of it, as
        # after an editor's change.
        content_changed()
        return _queries_for(client, url)

    assert drawn_anew(small.url) == drawn_anew(large.url)

    # The plan list (every plan with its items) does not grow either.
    listing_small = drawn_anew(small.url + "?year=2026&status=in_progress")
    make_plan("Thêm", items=items(60))
    assert drawn_anew(small.url + "?year=2026&status=in_progress") == listing_small


def test_plan_list_filters_by_year_and_status(client, home):
    make_plan("Kế hoạch 2025 xong", year=2025, items=[{"title": "A", "status": "done"}])
    make_plan(
        "Kế hoạch 2026 đang làm",
        year=2026,
        items=[
            {"title": "B", "status": "done"},
            {"title": "C", "status": "in_progress", "progress": 30},
        ],
    )
    make_plan("Kế hoạch 2026 chưa làm", year=2026, items=[{"title": "D"}])
    page = make_page(home, [])

    def titles(**params):
        return [plan.title for plan in client.get(page.url, params).context["plans"]]

    assert titles(year=2026) == ["Kế hoạch 2026 chưa làm", "Kế hoạch 2026 đang làm"]
    assert titles(status="done") == ["Kế hoạch 2025 xong"]
    assert titles(year=2026, status="not_started") == ["Kế hoạch 2026 chưa làm"]
    assert len(titles(status="nonsense")) == 3
    in_progress = client.get(page.url, {"status": "in_progress"}).context["plans"][0]
    assert round(in_progress.average_progress) == 65


def test_demo_plan_is_embedded_in_two_pages(client, portal):
    from kyanh_cms.demo import showcases, tasks

    class Silent:
        def write(self, *args):
            pass

    showcases.seed(Silent())
    tasks.seed(Silent())
    tasks.seed(Silent())
    plan = TaskPlan.objects.get(title=tasks.PLAN_TITLE)
    descendants = PortalHomePage.objects.get(pk=portal.root_page_id).get_descendants().live()
    embedding = [
        page
        for page in descendants.specific()
        if any(block.block_type == "tracked_plan" for block in getattr(page, "body", None) or [])
    ]
    assert len(embedding) == 2
    for page in embedding:
        html = html_of(client.get(page.url))
        assert plan.title.upper() in html.upper()
    index = TaskPlanIndexPage.objects.get(slug=tasks.INDEX_SLUG)
    html = html_of(client.get(index.url))
    assert "Ba nhiệm vụ đột phá" in html and "Hạn chế, tồn tại" in html


def test_admin_edit_keeps_a_revision_history_of_who_changed_what(client, home):
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    editor = get_user_model().objects.create_superuser("bientap", "bt@example.com", "matkhau")
    client.force_login(editor)
    plan = make_plan(items=[{"title": "Thư viện số", "status": "in_progress", "progress": 40}])
    item = plan.items.get()
    edit_url = reverse("wagtailsnippets_kyanh_cms_taskplan:edit", args=[plan.pk])
    assert client.get(edit_url).status_code == 200

    data = nested_form_data(
        {
            "title": plan.title,
            "year": 2026,
            "kind": "key_tasks",
            "numbering": "parentheses",
            "introduction": "",
            "items": inline_formset(
                [
                    {
                        "id": item.pk,
                        "title": "Thư viện số",
                        "status": "done",
                        "progress": 40,
                        "deadline": "",
                        "responsible_organization": "",
                        "update_note": "Đã khai trương.",
                    }
                ],
                initial=1,
            ),
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert (item.status, item.progress) == ("done", 100)
    revision = plan.revisions.order_by("-created_at").first()
    assert revision.user == editor
    assert revision.content["items"][0]["status"] == "done"

    history = client.get(reverse("wagtailsnippets_kyanh_cms_taskplan:history", args=[plan.pk]))
    assert "bientap" in history.content.decode()

    # An item with no title comes back with a message and nothing is saved.
    data["items-0-title"] = ""
    response = client.post(edit_url, data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title == "Thư viện số"


def test_admin_screens_render(client, home):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.create_superuser("a", "a@example.com", "p"))
    make_plan(items=[{"title": "A"}])
    import_page = client.get(reverse("kyanh_showcase_import:index")).content.decode()
    assert "Chưa có trang danh sách mô hình" in import_page
    for name in [
        "kyanh_showcases:index",
        "kyanh_showcase_import:index",
        "wagtailsnippets_kyanh_cms_organization:list",
        "wagtailsnippets_kyanh_cms_taskplan:list",
    ]:
        assert client.get(reverse(name)).status_code == 200, name
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in [
        "kyanh_showcases:index",
        "kyanh_showcase_import:index",
        "wagtailsnippets_kyanh_cms_organization:list",
        "wagtailsnippets_kyanh_cms_taskplan:list",
    ]:
        assert reverse(name) in menu, f"{name} is missing from the admin menu"
