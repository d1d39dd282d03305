from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kyanh_cms.models import EngagementSettings, ReaderComment

FRAGMENT = {"HTTP_X_KYANH_FRAGMENT": "1"}
WRONG = "Mã xác thực không đúng."
WAITING = "Bình luận đã được gửi và đang chờ ban biên tập duyệt."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def form_url(page):
    return f"/kyanh/engagement/{page.pk}/comments/"


def send_url(page):
    return f"/kyanh/engagement/{page.pk}/comments/send/"


def comment_data(client, page, solve_captcha, answer=None, **fields):
    key, solution = solve_captcha(client.get(form_url(page)).content.decode())
    return {
        "name": "Nguyễn Thị Mai",
        "email": "mai@example.vn",
        "content": "Bài viết rất bổ ích cho bà con.",
        "website": "",
        "captcha_0": key,
        "captcha_1": solution if answer is None else answer,
        **fields,
    }


def text_of(html):
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())


def approve_all():
    """What the moderation queue's bulk approve does."""
    ReaderComment.objects.all().moderate(ReaderComment.Status.APPROVED, None)


def test_a_comment_waits_for_moderation_and_appears_nowhere_until_approved(
    client, make_article, solve_captcha
):
    article = make_article()
    response = client.post(send_url(article), comment_data(client, article, solve_captcha))
    assert response.status_code == 302
    assert response["Location"] == f"/kyanh/engagement/{article.pk}/#thong-bao"
    assert WAITING in client.get(response["Location"]).content.decode()

    comment = ReaderComment.objects.get()
    assert comment.status == ReaderComment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"
    for url in (article.url, f"/kyanh/engagement/{article.pk}/"):
        html = client.get(url).content.decode()
        assert "Bài viết rất bổ ích" not in html
        assert "Bình luận (0)" in text_of(html)

    approve_all()
    html = client.get(article.url).content.decode()
    assert "Bài viết rất bổ ích cho bà con." in html
    assert "Nguyễn Thị Mai" in html
    assert "Bình luận (1)" in text_of(html)
    assert "mai@example.vn" not in html
    assert timezone.localtime(comment.created_at).strftime("%d/%m/%Y %H:%M") in html


def test_javascript_gets_the_form_back_with_the_thank_you(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha)
    response = client.post(send_url(article), data, **FRAGMENT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert WAITING in html
    assert data["captcha_0"] not in html  # a fresh challenge for the next comment
    assert ReaderComment.objects.count() == 1


def test_wrong_captcha_shows_the_message_and_keeps_every_word(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(
        client, article, solve_captcha, answer="sai-roi", content="Dòng một\nDòng hai <b>đậm</b>"
    )
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert WRONG in html
    assert 'value="Nguyễn Thị Mai"' in html
    assert 'value="mai@example.vn"' in html
    assert "Dòng một\nDòng hai &lt;b&gt;đậm&lt;/b&gt;</textarea>" in html
    assert not ReaderComment.objects.exists()
    # One attempt per challenge: the old one is gone, the form carries a new one.
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()
    assert 'name="captcha_0" value="' in html


def test_a_solved_captcha_cannot_be_used_twice(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha)
    assert client.post(send_url(article), data).status_code == 302
    again = client.post(send_url(article), data | {"content": "Gửi lại lần nữa"})
    assert again.status_code == 400
    assert "đã hết hạn hoặc đã được dùng" in again.content.decode()
    assert ReaderComment.objects.count() == 1


def test_an_expired_captcha_is_refused(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha)
    CaptchaStore.objects.filter(hashkey=data["captcha_0"]).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    assert "đã hết hạn" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_captcha_answers_ignore_case_and_spaces(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha)
    data["captcha_1"] = f"  {data['captcha_1'].upper()} "
    assert client.post(send_url(article), data).status_code == 302


def test_script_and_html_are_shown_as_text(client, make_article, solve_captcha):
    article = make_article()
    attack = '<script>alert("x")</script><a href="http://spam.example">rẻ</a>'
    data = comment_data(client, article, solve_captcha, name=attack[:80], content=attack)
    assert client.post(send_url(article), data).status_code == 302
    approve_all()
    html = client.get(article.url).content.decode()
    assert "<script>alert" not in html
    assert '<a href="http://spam.example">' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert ReaderComment.objects.get().content == attack


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, "Vui lòng nhập họ và tên."),
        ({"content": ""}, "Vui lòng nhập nội dung bình luận."),
        ({"email": "khong-phai-email"}, "Vui lòng kiểm tra lại địa chỉ email."),
        ({"content": "ý" * 2001}, "Bình luận chỉ được tối đa 2000 ký tự (hiện có 2001)."),
        ({"captcha_1": ""}, "Vui lòng nhập mã xác thực."),
    ],
)
def test_bad_comments_get_a_clear_message(client, make_article, solve_captcha, fields, message):
    article = make_article()
    response = client.post(
        send_url(article), comment_data(client, article, solve_captcha, **fields)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_a_filled_honeypot_is_dropped_quietly(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha, website="http://spam.example")
    assert client.post(send_url(article), data).status_code == 302
    assert not ReaderComment.objects.exists()


def test_missing_csrf_gives_a_friendly_403_with_the_text_kept(make_article, solve_captcha):
    article = make_article()
    visitor = Client(enforce_csrf_checks=True)
    data = comment_data(visitor, article, solve_captcha, content="Nội dung quý giá")
    data.pop("csrfmiddlewaretoken", None)
    response = visitor.post(send_url(article), data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert "Nội dung quý giá</textarea>" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert not ReaderComment.objects.exists()
    # The captcha was not spent by the refused post.
    assert CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()


def test_a_valid_csrf_token_from_the_form_passes(make_article, solve_captcha):
    import re

    article = make_article()
    visitor = Client(enforce_csrf_checks=True)
    form = visitor.get(form_url(article)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    key, answer = solve_captcha(form)
    data = {"name": "An", "content": "Xin chào", "captcha_0": key, "captcha_1": answer}
    response = visitor.post(send_url(article), data | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ReaderComment.objects.count() == 1


def test_get_on_the_send_endpoint_is_405(client, make_article):
    assert client.get(send_url(make_article())).status_code == 405


def test_comments_on_missing_unpublished_or_closed_pages_are_404(client, make_article):
    data = {"name": "An", "content": "Xin chào"}
    assert client.post("/kyanh/engagement/999999/comments/send/", data).status_code == 404
    draft = make_article(title="Bản nháp")
    draft.unpublish()
    assert client.post(send_url(draft), data).status_code == 404
    closed = make_article(title="Đóng bình luận", comments_enabled=False)
    assert client.post(send_url(closed), data).status_code == 404
    assert client.get(form_url(closed)).status_code == 404
    assert "Viết bình luận" not in client.get(closed.url).content.decode()


def test_the_site_setting_closes_comments_everywhere(client, make_article, portal):
    article = make_article()
    settings_row = EngagementSettings.for_site(portal)
    settings_row.comments_enabled = False
    settings_row.save()
    assert client.post(send_url(article), {"name": "An"}).status_code == 404
    html = client.get(article.url).content.decode()
    assert "Viết bình luận" not in html
    assert "Đánh giá bài viết" in html  # ratings stay


def test_a_huge_body_is_refused_without_a_500(client, make_article):
    article = make_article()
    response = client.post(send_url(article), {"name": "An", "content": "x" * 1_000_000})
    assert response.status_code == 413
    assert "quá dài" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_rate_limit_keeps_the_text(client, make_article, solve_captcha, settings):
    settings.KYANH_CMS = {"COMMENT_RATE_LIMIT": 1}
    article = make_article()
    assert client.post(send_url(article), comment_data(client, article, solve_captcha)).status_code
    data = comment_data(client, article, solve_captcha, content="Lần thứ hai")
    response = client.post(send_url(article), data)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Vui lòng đợi vài phút" in html
    assert "Lần thứ hai</textarea>" in html
    assert ReaderComment.objects.count() == 1


def test_rate_limit_counts_the_trusted_client_address(make_article, solve_captcha, settings):
    settings.KYANH_CMS = {"COMMENT_RATE_LIMIT": 1, "TRUSTED_PROXY_HOPS": 1}
    article = make_article()
    first = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = Client(HTTP_X_FORWARDED_FOR="198.51.100.9")
    for visitor in (first, second):
        data = comment_data(visitor, article, solve_captcha)
        assert visitor.post(send_url(article), data).status_code == 302
    assert set(ReaderComment.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.7",
        "198.51.100.9",
    }
    # A forged address written left of the proxy's entry changes nothing.
    forged = Client(HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    data = comment_data(forged, article, solve_captcha, content="Một ý kiến khác")
    assert forged.post(send_url(article), data).status_code == 429


def test_new_captcha_without_javascript_keeps_the_text(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha, content="Chưa đọc được mã")
    response = client.post(send_url(article), data | {"refresh_captcha": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa đọc được mã</textarea>" in html
    assert WRONG not in html
    assert not ReaderComment.objects.exists()


def test_captcha_refresh_gives_a_new_challenge_with_a_picture(client, db):
    response = client.get("/kyanh/captcha/refresh/")
    assert response["Cache-Control"].startswith("max-age=0")
    challenge = response.json()
    assert CaptchaStore.objects.filter(hashkey=challenge["key"]).exists()
    picture = client.get(challenge["image"])
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/png"


def test_editorial_replies_are_shown_under_the_comment(client, make_article):
    article = make_article()
    ReaderComment.objects.create(
        page=article,
        name="Trần Văn Bình",
        content="Khi nào đường được thông xe?",
        status=ReaderComment.Status.APPROVED,
        reply="Dự kiến cuối tháng 12 năm nay.",
    )
    html = client.get(article.url).content.decode()
    assert "Ban biên tập trả lời" in html
    assert html.index("Khi nào đường được thông xe?") < html.index("Dự kiến cuối tháng 12")


def test_approved_comments_are_listed_oldest_first(client, make_article):
    article = make_article()
    now = timezone.now()
    for minutes, name in [(5, "Người thứ hai"), (10, "Người thứ ba"), (1, "Người thứ nhất")]:
        ReaderComment.objects.create(
            page=article,
            name=name,
            content="…",
            status=ReaderComment.Status.APPROVED,
            created_at=now + timedelta(minutes=minutes),
        )
    ReaderComment.objects.create(page=article, name="Đang chờ", content="…")
    ReaderComment.objects.create(
        page=article, name="Thư rác", content="…", status=ReaderComment.Status.SPAM
    )
    html = client.get(article.url).content.decode()
    positions = [html.index(name) for name in ("Người thứ nhất", "Người thứ hai", "Người thứ ba")]
    assert positions == sorted(positions)
    assert "Đang chờ" not in html
    assert "Thư rác" not in html


def test_the_editorial_office_is_emailed_when_the_site_asks(
    client, make_article, solve_captcha, portal, django_capture_on_commit_callbacks
):
    article = make_article()
    settings_row = EngagementSettings.for_site(portal)
    settings_row.notification_email = "toasoan@kyanh.example"
    settings_row.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_url(article), comment_data(client, article, solve_captcha))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["toasoan@kyanh.example"]
    assert article.title in message.subject
    assert "Bài viết rất bổ ích cho bà con." in message.body
    comment = ReaderComment.objects.get()
    assert f"/admin/reader-comments/edit/{comment.pk}/" in message.body


def test_no_email_without_an_address(client, make_article, solve_captcha):
    article = make_article()
    client.post(send_url(article), comment_data(client, article, solve_captcha))
    assert mail.outbox == []


def test_a_broken_mail_server_does_not_lose_the_comment(
    client, make_article, solve_captcha, portal, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("kyanh_cms.engagement.notifications.send_mail", broken)
    article = make_article()
    settings_row = EngagementSettings.for_site(portal)
    settings_row.notification_email = "toasoan@kyanh.example"
    settings_row.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_url(article), comment_data(client, article, solve_captcha))
    assert response.status_code == 302
    assert ReaderComment.objects.count() == 1
