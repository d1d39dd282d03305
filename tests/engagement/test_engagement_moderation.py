import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from kyanh_cms.models import ReaderComment

QUEUE = "/admin/reader-comments/"


def bulk_url(action, *comments, next_url=QUEUE):
    ids = "".join(f"&id={comment.pk}" for comment in comments)
    return f"/admin/bulk/kyanh_cms/readercomment/{action}/?next={next_url}{ids}"


def make_user(username, *codenames):
    user = get_user_model().objects.create_user(username, password="mat-khau-123")
    group = Group.objects.create(name=f"nhóm {username}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def moderator(client, db):
    user = make_user("kiemduyet", "can_moderate")
    client.force_login(user)
    return user


@pytest.fixture
def comments(make_article):
    article = make_article(title="Đường giao thông nông thôn")
    return [
        ReaderComment.objects.create(page=article, name="Lan", content="Đường đẹp quá"),
        ReaderComment.objects.create(page=article, name="Hùng", content="Mua thuốc giá rẻ"),
        ReaderComment.objects.create(
            page=article, name="Mai", content="Cảm ơn", status=ReaderComment.Status.APPROVED
        ),
    ]


def test_the_menu_and_dashboard_show_how_many_comments_wait(client, moderator, comments):
    html = client.get("/admin/").content.decode()
    assert json.dumps("Bình luận (2)") in html  # the sidebar menu, drawn from JSON
    assert "Có 2 bình luận đang chờ duyệt." in html  # the dashboard panel
    assert f"{QUEUE}?status=pending" in html


def test_the_queue_filters_by_status_page_and_date_and_searches(client, moderator, comments):
    article = comments[0].page
    html = client.get(QUEUE, {"status": "pending"}).content.decode()
    assert "Đường đẹp quá" in html and "Mua thuốc giá rẻ" in html
    assert "Cảm ơn" not in html
    html = client.get(QUEUE, {"q": "thuốc"}).content.decode()
    assert "Mua thuốc giá rẻ" in html and "Đường đẹp quá" not in html
    html = client.get(QUEUE, {"page": article.pk, "status": "approved"}).content.decode()
    assert "Cảm ơn" in html and "Đường đẹp quá" not in html
    html = client.get(
        QUEUE, {"created_at_from": "2000-01-01", "created_at_to": "2000-01-02"}
    ).content.decode()
    assert "Đường đẹp quá" not in html


def test_bulk_approve_and_spam(client, moderator, comments):
    good, spam, _ = comments
    confirm = client.get(bulk_url("approve", good))
    assert confirm.status_code == 200
    assert "Đường đẹp quá" in confirm.content.decode()
    response = client.post(bulk_url("approve", good))
    assert response.status_code == 302
    good.refresh_from_db()
    assert good.status == ReaderComment.Status.APPROVED
    assert good.moderated_by == moderator
    assert good.moderated_at is not None

    client.post(bulk_url("spam", spam))
    spam.refresh_from_db()
    assert spam.status == ReaderComment.Status.SPAM
    assert "Mua thuốc" not in client.get(spam.page.url).content.decode()


def test_bulk_actions_on_several_comments(client, moderator, comments):
    client.post(bulk_url("reject", comments[0], comments[1]))
    assert set(ReaderComment.objects.values_list("status", flat=True)) == {
        ReaderComment.Status.REJECTED,
        ReaderComment.Status.APPROVED,
    }


def test_editorial_reply_is_saved_with_its_time(client, moderator, comments):
    comment = comments[2]
    response = client.post(
        f"{QUEUE}edit/{comment.pk}/",
        {"status": "approved", "reply": "Cảm ơn bạn đã quan tâm."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.reply == "Cảm ơn bạn đã quan tâm."
    assert comment.replied_at is not None
    assert comment.content == "Cảm ơn"  # the reader's words are read-only


def test_editors_without_the_permission_cannot_moderate(client, comments):
    editor = make_user("bientap", "change_page", "add_page")
    client.force_login(editor)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(bulk_url("approve", comments[0])).status_code in (302, 403)
    comments[0].refresh_from_db()
    assert comments[0].status == ReaderComment.Status.PENDING
    html = client.get("/admin/").content.decode()
    assert QUEUE not in html
    assert "đang chờ duyệt" not in html


def test_nobody_adds_comments_in_the_admin(client, moderator):
    assert client.get(f"{QUEUE}new/").status_code in (302, 403)


def test_csv_export_neutralises_spreadsheet_formulas(client, moderator, make_article):
    article = make_article()
    ReaderComment.objects.create(
        page=article, name='=HYPERLINK("http://x")', content="+1+1", email="@mail"
    )
    response = client.get(QUEUE, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    cells = list(rows[0].values())
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+1+1" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
