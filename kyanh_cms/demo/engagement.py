"""Ratings and reader comments on the demo pages that accept them.

``seed_pages(pages, stdout)`` works on any pages; ``seed`` picks the live
pages whose type has ``ratings_enabled``/``comments_enabled`` switched on.
Idempotent: votes are keyed by a demo voter name, comments by their text.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, get_page_models

from kyanh_cms.engagement.ratings import record_vote
from kyanh_cms.models import ReaderComment

# (demo voter, stars) per page; the first page gets all of them.
VOTES = [5, 4, 5, 4, 3, 5, 4, 5, 5, 4, 4, 5]

COMMENTS = [
    (
        "Nguyễn Văn Hùng",
        "Mô hình rất thiết thực, mong thị xã nhân rộng ra các phường, xã khác.",
        ReaderComment.Status.APPROVED,
        "Cảm ơn bạn đọc. Thị xã đang chỉ đạo các địa phương học tập, nhân rộng mô hình.",
    ),
    (
        "Trần Thị Lan",
        "Tôi ở phường Sông Trí, thấy đường làng ngõ xóm sạch đẹp hơn nhiều so với năm trước.",
        ReaderComment.Status.APPROVED,
        "",
    ),
    (
        "Lê Minh Tuấn",
        "Đề nghị ban biên tập đăng thêm số liệu cụ thể của từng xã để bà con tiện theo dõi.",
        ReaderComment.Status.APPROVED,
        "",
    ),
    (
        "Phạm Thu Hà",
        "Bài viết hay, hình ảnh đẹp. Chúc thị xã Kỳ Anh ngày càng phát triển!",
        ReaderComment.Status.APPROVED,
        "",
    ),
    (
        "Hoàng Văn Nam",
        "Cho tôi hỏi thời gian đăng ký tham gia mô hình năm tới bắt đầu từ khi nào?",
        ReaderComment.Status.PENDING,
        "",
    ),
]


def pages_accepting_engagement(limit=3):
    """Up to ``limit`` live pages whose type carries the engagement switches, newest first."""
    pages = []
    for model in get_page_models():
        field_names = {field.name for field in model._meta.get_fields()}
        if {"ratings_enabled", "comments_enabled"} <= field_names and not model._meta.abstract:
            pages += model.objects.live().filter(ratings_enabled=True, comments_enabled=True)
    pages.sort(key=lambda page: page.first_published_at or timezone.now(), reverse=True)
    return pages[:limit]


def seed_pages(pages: list[Page], stdout):
    for index, page in enumerate(pages):
        votes = VOTES if index == 0 else VOTES[: 5 + index]
        added = 0
        for number, stars in enumerate(votes):
            with transaction.atomic():
                added += record_vote(page, f"demo-voter-{number:02d}-xxxxxxxxxxxx", stars).accepted
        comments = COMMENTS if index == 0 else COMMENTS[1:3]
        start = (page.first_published_at or timezone.now()) + timedelta(hours=2)
        for offset, (name, content, status, reply) in enumerate(comments):
            ReaderComment.objects.get_or_create(
                page=page,
                content=content,
                defaults={
                    "name": name,
                    "status": status,
                    "reply": reply,
                    "created_at": start + timedelta(hours=3 * offset),
                    "replied_at": start + timedelta(hours=3 * offset + 1) if reply else None,
                },
            )
        stdout.write(f"Tương tác bạn đọc: {page.title} ({added} lượt đánh giá mới)")


def seed(stdout):
    seed_pages(pages_accepting_engagement(), stdout)
