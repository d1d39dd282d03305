"""The town's key-task plan for the demo year, an inline-task page, and the plan embedded twice.

"Nhiệm vụ trọng tâm năm 2026" is kept as a tracked plan and shown both on
the "Nhiệm vụ trọng tâm" page (next to the inline breakthrough tasks and
shortcomings) and in the story of Kỳ Phương's showcase.
"""

from datetime import date

from kyanh_cms.demo.showcases import DEMO_YEAR
from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.models import (
    Organization,
    PortalHomePage,
    ShowcasePage,
    TaskItem,
    TaskPlan,
    TaskPlanIndexPage,
)
from kyanh_cms.tasks.choices import Numbering, TaskListKind, TaskStatus

PLAN_TITLE = f"Nhiệm vụ trọng tâm năm {DEMO_YEAR}"
INDEX_SLUG = "nhiem-vu-trong-tam"
STORY_TITLE = "Dân vận khéo gắn với thực hiện nhiệm vụ trọng tâm của phường"

# (title, status, progress, deadline, responsible organization's short name, latest update)
PLAN_ITEMS = [
    (
        "Hoàn thành giải phóng mặt bằng tuyến đường ven biển đoạn qua phường Kỳ Trinh, Kỳ Phương",
        TaskStatus.DONE,
        100,
        date(DEMO_YEAR, 6, 30),
        "Kỳ Trinh",
        "Đã bàn giao toàn bộ mặt bằng cho nhà thầu.",
    ),
    (
        "Nâng tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến lên 80%",
        TaskStatus.IN_PROGRESS,
        70,
        date(DEMO_YEAR, 12, 31),
        "Cơ quan Chính quyền",
        "Tháng 11 đạt 74%; tiếp tục hướng dẫn tại bộ phận một cửa.",
    ),
    (
        "Xây dựng 2 khu dân cư kiểu mẫu tại phường Kỳ Liên và xã Kỳ Hà",
        TaskStatus.IN_PROGRESS,
        55,
        date(DEMO_YEAR, 9, 30),
        "Kỳ Liên",
        "Kỳ Liên đã hoàn thiện nhà văn hóa; Kỳ Hà còn thiếu đường chiếu sáng.",
    ),
    (
        "Giảm 1,5% tỷ lệ hộ nghèo theo chuẩn đa chiều",
        TaskStatus.IN_PROGRESS,
        80,
        date(DEMO_YEAR, 12, 31),
        "Khối Đảng, đoàn thể",
        "Đã hỗ trợ sinh kế cho 112 hộ.",
    ),
    (
        "Hoàn thành chỉnh trang 12 tuyến phố văn minh, sạch đẹp",
        TaskStatus.DONE,
        100,
        date(DEMO_YEAR, 10, 31),
        "Hưng Trí",
        "",
    ),
    (
        "Kiểm tra, giám sát 100% tổ chức cơ sở đảng đăng ký mô hình, điển hình",
        TaskStatus.IN_PROGRESS,
        60,
        date(DEMO_YEAR, 12, 15),
        "Khối Đảng, đoàn thể",
        "Đã kiểm tra 18/30 tổ chức.",
    ),
    (
        "Đưa vào sử dụng thư viện số tại các trường trung học phổ thông",
        TaskStatus.NOT_STARTED,
        0,
        date(DEMO_YEAR + 1, 3, 31),
        "THPT Kỳ Anh",
        "Đang chờ phê duyệt kinh phí.",
    ),
]

BREAKTHROUGH_TASKS = {
    "title": "Ba nhiệm vụ đột phá",
    "kind": TaskListKind.BREAKTHROUGH,
    "numbering": Numbering.PARENTHESES,
    "items": [
        {
            "title": "Tập trung hoàn thiện hạ tầng giao thông kết nối khu kinh tế Vũng Áng",
            "details": "<p>Ưu tiên vốn cho đường ven biển và các trục nối cảng với khu đô thị.</p>",
            "status": TaskStatus.IN_PROGRESS,
            "deadline": None,
        },
        {
            "title": "Đẩy mạnh cải cách hành chính, chuyển đổi số",
            "details": "<p>Mọi thủ tục đủ điều kiện được cung cấp trực tuyến toàn trình.</p>",
            "status": TaskStatus.IN_PROGRESS,
            "deadline": None,
        },
        {
            "title": "Phát triển nguồn nhân lực chất lượng cao phục vụ công nghiệp và dịch vụ",
            "details": "",
            "status": TaskStatus.NOT_STARTED,
            "deadline": None,
        },
    ],
}

SHORTCOMINGS = {
    "title": "Hạn chế, tồn tại",
    "kind": TaskListKind.SHORTCOMINGS,
    "numbering": Numbering.DECIMAL,
    "items": [
        {
            "title": "Tiến độ giải ngân vốn đầu tư công ở một số dự án còn chậm",
            "details": "",
            "status": None,
            "deadline": None,
        },
        {
            "title": "Việc phân loại rác tại nguồn chưa đồng đều giữa các xã, phường",
            "details": "",
            "status": None,
            "deadline": None,
        },
        {
            "title": "Một số mô hình đăng ký nhưng chưa triển khai, chưa có sản phẩm cụ thể",
            "details": "",
            "status": None,
            "deadline": None,
        },
    ],
}


def _task_list_value(data, organizations):
    items = []
    for item in data["items"]:
        items.append(
            {
                "title": item["title"],
                "details": item["details"],
                "responsible_organization": item.get("organization")
                and organizations.get(item["organization"]),
                "deadline": item["deadline"],
                "status": item["status"] or "",
            }
        )
    return {**data, "items": items}


def _plan(organizations):
    plan = TaskPlan.objects.filter(title=PLAN_TITLE).first()
    if plan:
        return plan
    plan = TaskPlan(
        title=PLAN_TITLE,
        year=DEMO_YEAR,
        kind=TaskListKind.KEY_TASKS,
        numbering=Numbering.PARENTHESES,
        introduction=(
            "Các nhiệm vụ trọng tâm Ban Thường vụ Thị ủy giao trong năm, cập nhật tiến độ "
            "hằng tháng."
        ),
    )
    plan.items = [
        TaskItem(
            title=title,
            status=status,
            progress=progress,
            deadline=deadline,
            responsible_organization=organizations.get(short),
            update_note=note,
        )
        for title, status, progress, deadline, short, note in PLAN_ITEMS
    ]
    plan.save()
    plan.save_revision(log_action=True)
    return plan


def _index_page(plan, organizations):
    index = TaskPlanIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index:
        return index
    home = PortalHomePage.objects.get(slug=HOME_SLUG)
    index = TaskPlanIndexPage(
        title="Nhiệm vụ trọng tâm",
        slug=INDEX_SLUG,
        show_in_menus=True,
        search_description=f"Nhiệm vụ đột phá, nhiệm vụ trọng tâm năm {DEMO_YEAR} và tiến độ.",
        body=[
            (
                "paragraph",
                f"<p>Năm {DEMO_YEAR}, thị xã tập trung thực hiện ba nhiệm vụ đột phá và các "
                "nhiệm vụ trọng tâm dưới đây, đồng thời khắc phục những hạn chế đã chỉ ra.</p>",
            ),
            ("task_list", _task_list_value(BREAKTHROUGH_TASKS, organizations)),
            ("tracked_plan", {"task_plan": plan, "heading": "", "show_introduction": True}),
            ("task_list", _task_list_value(SHORTCOMINGS, organizations)),
        ],
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _embed_in_story(plan):
    story = ShowcasePage.objects.filter(title=STORY_TITLE, year=DEMO_YEAR).first()
    if story is None or any(block.block_type == "tracked_plan" for block in story.body):
        return
    story.body.append(
        ("tracked_plan", {"task_plan": plan, "heading": "", "show_introduction": False})
    )
    story.save_revision().publish()


def seed(stdout):
    organizations = {org.short_name: org for org in Organization.objects.all()}
    plan = _plan(organizations)
    _index_page(plan, organizations)
    _embed_in_story(plan)
    stdout.write(f"{PLAN_TITLE}: {plan.items.count()} nhiệm vụ, gắn vào 2 trang")
