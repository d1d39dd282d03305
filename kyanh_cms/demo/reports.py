"""Two articles that carry live data: the year's showcase figures and the key-task plan.

They run after the showcase and task steps, because their blocks point at
the showcases, organizations and the tracked plan those steps create.
"""

from datetime import datetime

from django.utils import timezone

from kyanh_cms.demo.showcases import DEMO_YEAR
from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.demo.tasks import BREAKTHROUGH_TASKS, PLAN_TITLE, SHORTCOMINGS, _task_list_value
from kyanh_cms.models import (
    NewsArticlePage,
    NewsIndexPage,
    Organization,
    PortalHomePage,
    ShowcasePage,
    TaskPlan,
)


def _paragraph(*texts):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def _showcase_report():
    chosen = list(
        ShowcasePage.objects.live()
        .filter(year=DEMO_YEAR)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    return (
        "xay-dung-dang",
        "ket-qua-dang-ky-mo-hinh-dien-hinh-nam-2026",
        {
            "title": "Các tổ chức cơ sở đảng đăng ký mô hình, điển hình học tập "
            "và làm theo Bác năm 2026",
            "lead": "Ban Thường vụ Thị ủy Kỳ Anh vừa tổng hợp kết quả đăng ký xây dựng mô hình "
            "tập thể và điển hình cá nhân trong học tập và làm theo tư tưởng, đạo đức, phong "
            "cách Hồ Chí Minh năm 2026.",
            "published_at": timezone.make_aware(datetime(DEMO_YEAR, 3, 12, 9, 0)),
        },
        [
            _paragraph(
                "Thực hiện kế hoạch của Ban Thường vụ Thị ủy, các tổ chức cơ sở đảng đã rà "
                "soát, lựa chọn việc làm cụ thể, thiết thực để đăng ký thành mô hình, điển hình "
                "ngay từ đầu năm. Số liệu dưới đây được cập nhật tự động mỗi khi có đơn vị "
                "đăng ký bổ sung."
            ),
            {
                "type": "showcase_statistics",
                "value": {"year": DEMO_YEAR, "heading": "", "show_details": True},
            },
            _paragraph(
                "Nhiều mô hình gắn với cải cách hành chính, chuyển đổi số và xây dựng nông "
                "thôn mới; các điển hình cá nhân tập trung ở lực lượng công an, y tế và giáo dục."
            ),
            {
                "type": "showcase_cards",
                "value": {"heading": "Một số mô hình tiêu biểu", "showcases": chosen},
            },
        ],
        ["mô hình", "học tập và làm theo Bác"],
    )


def _task_report(plan, organizations):
    return (
        "tin-hoat-dong",
        "so-ket-nhiem-vu-trong-tam-6-thang-2026",
        {
            "title": "Sơ kết việc thực hiện nhiệm vụ trọng tâm 6 tháng đầu năm 2026",
            "lead": "Hội nghị đánh giá ba nhiệm vụ đột phá, chỉ ra những hạn chế, tồn tại và "
            "giao nhiệm vụ cho 6 tháng cuối năm.",
            "published_at": timezone.make_aware(datetime(DEMO_YEAR, 7, 15, 14, 0)),
        },
        [
            _paragraph(
                "Chiều 15/7, UBND thị xã tổ chức hội nghị sơ kết. Các đại biểu thống nhất tiếp "
                "tục tập trung vào các nhiệm vụ đột phá đã đề ra từ đầu năm."
            ),
            {"type": "task_list", "value": _task_list_value(BREAKTHROUGH_TASKS, organizations)},
            {"type": "task_list", "value": _task_list_value(SHORTCOMINGS, organizations)},
            _paragraph("Tiến độ các nhiệm vụ trọng tâm được cập nhật trực tiếp dưới đây:"),
            {
                "type": "tracked_plan",
                "value": {"task_plan": plan.pk, "heading": "", "show_introduction": False},
            },
        ],
        ["nhiệm vụ trọng tâm", "sơ kết"],
    )


def seed(stdout):
    plan = TaskPlan.objects.get(title=PLAN_TITLE)
    # The town's categories: the demo communes have categories with the same slugs.
    town = PortalHomePage.objects.get(slug=HOME_SLUG)
    organizations = {org.short_name: org for org in Organization.objects.all()}
    created = 0
    for category_slug, slug, fields, body, tags in (
        _showcase_report(),
        _task_report(plan, organizations),
    ):
        category = NewsIndexPage.objects.descendant_of(town).get(slug=category_slug)
        if NewsArticlePage.objects.child_of(category).filter(slug=slug).exists():
            continue
        article = NewsArticlePage(
            slug=slug,
            search_description=fields["lead"][:160],
            first_published_at=fields["published_at"],
            **fields,
        )
        article.body = NewsArticlePage.body.field.stream_block.to_python(
            [_to_raw(block) for block in body]
        )
        article.tags.add(*tags)
        category.add_child(instance=article)
        article.save_revision().publish()
        created += 1
    stdout.write(f"Bài viết có số liệu trực tiếp: {created} bài mới")


def _to_raw(block):
    """Stream data as the database stores it: organizations and pages by id."""
    value = block["value"]
    if block["type"] == "task_list":
        value = {
            **value,
            "items": [
                {
                    **item,
                    "responsible_organization": getattr(
                        item["responsible_organization"], "pk", None
                    ),
                    "deadline": item["deadline"].isoformat() if item["deadline"] else None,
                }
                for item in value["items"]
            ],
        }
    return {"type": block["type"], "value": value}
