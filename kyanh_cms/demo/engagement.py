"""Ratings and reader comments on three of the demo's own articles.

``seed_pages(pages, stdout)`` works on any pages; ``seed`` names the demo
articles by slug under the town's home page. It never picks "the newest
articles": on a second run those may be an editor's real work, which must
not receive fake votes and comments. Idempotent: votes are keyed by a demo
voter name, comments by their text. Comments are dated after the article's
own date and never later than now.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from kyanh_cms.demo.site import HOME_SLUG
from kyanh_cms.engagement.ratings import record_vote
from kyanh_cms.models import NewsArticlePage, PortalHomePage, ReaderComment

#: The demo's own articles that carry its ratings and comments (news.py, reports.py).
ENGAGED_ARTICLES = [
    "so-ket-nhiem-vu-trong-tam-6-thang-2026",
    "ket-qua-dang-ky-mo-hinh-dien-hinh-nam-2026",
    "ky-anh-day-manh-chuyen-doi-so-thu-tuc-hanh-chinh",
]

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


def demo_articles():
    """The demo's engaged articles that exist, in the order of ``ENGAGED_ARTICLES``."""
    town = PortalHomePage.objects.get(slug=HOME_SLUG)
    found = {
        page.slug: page
        for page in NewsArticlePage.objects.descendant_of(town).filter(slug__in=ENGAGED_ARTICLES)
    }
    return [found[slug] for slug in ENGAGED_ARTICLES if slug in found]


def comment_times(page, count, now=None):
    """``count`` times a few hours apart after the article's date, none in the future."""
    now = now or timezone.now()
    published = page.published_at or page.first_published_at or now
    times = [published + timedelta(hours=2 + 3 * offset) for offset in range(count)]
    if times and times[-1] > now:
        # A recent article: the same spacing, ending an hour ago.
        shift = times[-1] - (now - timedelta(hours=1))
        times = [max(time - shift, published) for time in times]
    return times


def seed_pages(pages: list[Page], stdout):
    for index, page in enumerate(pages):
        votes = VOTES if index == 0 else VOTES[: 5 + index]
        added = 0
        for number, stars in enumerate(votes):
            with transaction.atomic():
                added += record_vote(page, f"demo-voter-{number:02d}-xxxxxxxxxxxx", stars).accepted
        comments = COMMENTS if index == 0 else COMMENTS[1:3]
        times = comment_times(page, len(comments))
        for (name, content, status, reply), created_at in zip(comments, times, strict=True):
            ReaderComment.objects.get_or_create(
                page=page,
                content=content,
                defaults={
                    "name": name,
                    "status": status,
                    "reply": reply,
                    "created_at": created_at,
                    "replied_at": min(created_at + timedelta(hours=1), timezone.now())
                    if reply
                    else None,
                },
            )
        stdout.write(f"Tương tác bạn đọc: {page.title} ({added} lượt đánh giá mới)")


def seed(stdout):
    seed_pages(demo_articles(), stdout)
