import re

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from kyanh_cms.models import ReaderComment

SUMMARY = "Đánh giá: {count} lượt đánh giá, trung bình: {average}"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def summary_text(page):
    return " ".join(page.locator(".kyanh-rating__text").first.text_content().split())


def test_rating_with_javascript_updates_the_summary_in_place(
    portal, make_article, live_server, open_page, output_dir
):
    article = make_article(title="Kỳ Anh khởi công tuyến đường ven biển")
    page = open_page()
    page.goto(live_server.url + article.url)
    assert summary_text(page) == SUMMARY.format(count=0, average="0,0")

    page.locator(".kyanh-rating").scroll_into_view_if_needed()
    page.locator("label", has_text="4 sao").click()  # the star, labelling a hidden radio
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.get_by_text("Cảm ơn bạn đã đánh giá bài viết.").wait_for()

    assert summary_text(page) == SUMMARY.format(count=1, average="4,0")
    assert page.url == live_server.url + article.url  # no page load
    assert "Bạn đã đánh giá bài viết này 4 sao." in page.locator(".kyanh-rating").text_content()
    assert page.console_errors == []
    page.screenshot(path=str(output_dir / "engagement-rating-js.png"), full_page=True)

    # Reloaded, the visitor's vote is remembered and the form is not offered again.
    page.reload()
    page.locator(".kyanh-rating").scroll_into_view_if_needed()
    page.get_by_text("Bạn đã đánh giá bài viết này 4 sao.").wait_for()
    assert page.get_by_role("button", name="Gửi đánh giá").count() == 0


def test_rating_without_javascript(portal, make_article, live_server, open_page, output_dir):
    article = make_article(title="Hội nghị tổng kết năm")
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url + article.url)
    page.get_by_role("link", name="Đánh giá bài viết này").click()
    assert "/kyanh/engagement/" in page.url

    page.locator("label", has_text="5 sao").click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn bạn đã đánh giá bài viết." in page.locator(".kyanh-messages").text_content()
    assert summary_text(page) == SUMMARY.format(count=1, average="5,0")
    page.screenshot(path=str(output_dir / "engagement-rating-nojs.png"), full_page=True)

    page.get_by_role("link", name="Quay lại bài viết").click()
    assert summary_text(page) == SUMMARY.format(count=1, average="5,0")


def make_moderator():
    user = get_user_model().objects.create_user("kiemduyet", password="mat-khau-kiem-duyet")
    group = Group.objects.create(name="Kiểm duyệt bình luận")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="can_moderate"),
    )
    user.groups.add(group)
    return user


def test_comment_from_wrong_captcha_to_approval(
    portal, make_article, live_server, open_page, output_dir
):
    article = make_article(title="Lấy ý kiến nhân dân về quy hoạch phường Hưng Trí")
    words = "Tôi đồng ý với quy hoạch,\nnhưng đề nghị giữ lại sân bóng của tổ dân phố 3."
    visitor = open_page()
    visitor.goto(live_server.url + article.url)
    visitor.locator("#binh-luan").scroll_into_view_if_needed()
    visitor.get_by_label("Họ và tên").fill("Võ Thị Hằng")
    visitor.get_by_label("Email (không bắt buộc)").fill("hang@example.vn")
    visitor.get_by_label("Nội dung bình luận").fill(words)
    visitor.get_by_label("Mã xác thực").fill("sai")
    visitor.get_by_role("button", name="Gửi bình luận").click()

    visitor.get_by_text("Mã xác thực không đúng.").wait_for()
    assert visitor.get_by_label("Họ và tên").input_value() == "Võ Thị Hằng"
    assert visitor.get_by_label("Nội dung bình luận").input_value() == words
    assert visitor.get_by_label("Mã xác thực").input_value() == ""
    visitor.screenshot(
        path=str(output_dir / "engagement-comment-wrong-captcha.png"), full_page=True
    )

    # Solve the real challenge the page now shows, reading its answer from the database.
    key = visitor.locator("input[name=captcha_0]").input_value()
    assert visitor.locator(".kyanh-captcha__image").evaluate("img => img.naturalWidth") > 0
    visitor.get_by_label("Mã xác thực").fill(CaptchaStore.objects.get(hashkey=key).response)
    visitor.get_by_role("button", name="Gửi bình luận").click()
    visitor.get_by_text("Bình luận đã được gửi và đang chờ ban biên tập duyệt.").wait_for()
    assert ReaderComment.objects.get().status == ReaderComment.Status.PENDING
    visitor.reload()
    assert "sân bóng" not in visitor.content()

    make_moderator()
    moderator = open_page()
    moderator.goto(live_server.url + "/admin/login/")
    moderator.locator("#id_username").fill("kiemduyet")
    moderator.locator("#id_password").fill("mat-khau-kiem-duyet")
    moderator.locator("form button[type=submit]").first.click()
    moderator.wait_for_url(re.compile(r"/admin/$"))
    moderator.get_by_role("link", name=re.compile(r"Mở danh sách chờ duyệt")).click()
    row = moderator.locator("tr", has_text="sân bóng")
    row.get_by_role("link", name="Duyệt").click()
    moderator.get_by_role("button", name="Duyệt").click()
    moderator.get_by_text("Đã duyệt 1 bình luận.").wait_for()
    moderator.screenshot(path=str(output_dir / "engagement-moderation.png"), full_page=True)

    visitor.reload()
    comment = visitor.locator(".kyanh-comment", has_text="sân bóng")
    assert "Võ Thị Hằng" in comment.text_content()
    assert "hang@example.vn" not in visitor.content()
    # The wrong answer was answered 400 (with the form); nothing else went wrong.
    assert visitor.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]


class RefusedWrites:
    """The database refuses new reader comments, as a full disk or a failing replica
    would: the server really answers 500. Dropped again on leaving."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.table = connection.ops.quote_name(ReaderComment._meta.db_table)

    def __enter__(self):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(
                    "CREATE FUNCTION kyanh_test_refuse() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'no space left on device'; END $$ LANGUAGE plpgsql"
                )
                cursor.execute(
                    f"CREATE TRIGGER kyanh_test_refuse BEFORE INSERT ON {self.table} "
                    "FOR EACH ROW EXECUTE FUNCTION kyanh_test_refuse()"
                )
            else:
                cursor.execute(
                    f"CREATE TRIGGER kyanh_test_refuse BEFORE INSERT ON {self.table} "
                    "BEGIN SELECT RAISE(ABORT, 'no space left on device'); END"
                )
        return self

    def __exit__(self, *exc_info):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS kyanh_test_refuse ON {self.table}")
                cursor.execute("DROP FUNCTION IF EXISTS kyanh_test_refuse()")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS kyanh_test_refuse")


SEND_FAILED = "Chưa gửi được"


def test_the_typed_comment_survives_a_network_failure_and_a_server_error(
    portal, make_article, live_server, open_page, output_dir
):
    article = make_article(title="Lịch tiếp công dân tháng 12")
    words = "Đề nghị bổ sung lịch tiếp dân vào chiều thứ Bảy,\nvì bà con đi làm cả tuần."
    visitor = open_page()
    visitor.goto(live_server.url + article.url)
    visitor.locator("#binh-luan").scroll_into_view_if_needed()
    visitor.get_by_label("Họ và tên").fill("Nguyễn Văn Sáu")
    visitor.get_by_label("Nội dung bình luận").fill(words)
    key = visitor.locator("input[name=captcha_0]").input_value()
    visitor.get_by_label("Mã xác thực").fill(CaptchaStore.objects.get(hashkey=key).response)
    note = visitor.locator("[data-kyanh-send-note]")
    send = visitor.get_by_role("button", name="Gửi bình luận")

    # 1. The connection drops: nothing reaches the server.
    visitor.route("**/comments/send/", lambda route: route.abort("internetdisconnected"))
    send.click()
    note.get_by_text(SEND_FAILED).wait_for()
    assert visitor.get_by_label("Nội dung bình luận").input_value() == words
    visitor.unroute("**/comments/send/")

    # 2. The server fails for real (500 with its error page).
    with RefusedWrites():
        with visitor.expect_response("**/comments/send/") as answer:
            send.click()
        assert answer.value.status == 500
        note.get_by_text(SEND_FAILED).wait_for()
        assert visitor.get_by_label("Nội dung bình luận").input_value() == words
        assert visitor.get_by_label("Họ và tên").input_value() == "Nguyễn Văn Sáu"
        assert send.is_enabled()
        visitor.screenshot(path=str(output_dir / "engagement-send-failed.png"), full_page=True)
    assert not ReaderComment.objects.exists()

    # 3. Once the server is well again, the same form goes through: the failed write
    # was rolled back with the captcha it had spent.
    send.click()
    visitor.get_by_text("Bình luận đã được gửi và đang chờ ban biên tập duyệt.").wait_for()
    assert ReaderComment.objects.get().content == words
