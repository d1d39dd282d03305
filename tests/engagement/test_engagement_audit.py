"""Moderation decisions on reader comments in Wagtail's audit log: each one on the page's
history, in the site history report, with who took it; nothing of the reader's email."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, PageLogEntry, Site

from kyanh_cms.models import ReaderComment

QUEUE = "/admin/reader-comments/"


def bulk_url(action, *comments):
    ids = "".join(f"&id={comment.pk}" for comment in comments)
    return f"/admin/bulk/kyanh_cms/readercomment/{action}/?next={QUEUE}{ids}"


@pytest.fixture
def moderator(client, portal):
    """An editor of the site who also moderates its readers' comments."""
    user = get_user_model().objects.create_user("bientap", password="mat-khau-123")
    group = Group.objects.create(name="Biên tập và kiểm duyệt")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(codename="can_moderate"),
    )
    GroupPagePermission.objects.create(
        group=group,
        page=Site.objects.get(is_default_site=True).root_page,
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    client.force_login(user)
    return user


@pytest.fixture
def article_with_comments(make_article):
    article = make_article(title="Nạo vét kênh mương trước mùa mưa")
    comments = [
        ReaderComment.objects.create(
            page=article, name="Lan", email="lan@example.vn", content="Rất cần thiết cho bà con"
        ),
        ReaderComment.objects.create(page=article, name="Hùng", content="Mua thuốc giá rẻ"),
        ReaderComment.objects.create(page=article, name="Mai", content="Làm sớm giúp dân"),
        ReaderComment.objects.create(page=article, name="Tư", content="Bình luận để xóa"),
    ]
    return article, comments


def history_text(client, page):
    response = client.get(f"/admin/pages/{page.pk}/history/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_decision_shows_in_the_pages_history(client, moderator, article_with_comments):
    article, (good, spam, rejected, deleted) = article_with_comments
    assert client.post(bulk_url("approve", good)).status_code == 302
    assert client.post(bulk_url("spam", spam)).status_code == 302
    edit = client.post(f"{QUEUE}edit/{rejected.pk}/", {"status": "rejected", "reply": ""})
    assert edit.status_code == 302
    assert client.post(f"{QUEUE}delete/{deleted.pk}/").status_code == 302
    assert not ReaderComment.objects.filter(pk=deleted.pk).exists()

    entries = PageLogEntry.objects.filter(page=article).order_by("timestamp", "pk")
    assert [(entry.action, entry.user) for entry in entries if "comment" in entry.action] == [
        ("kyanh_cms.comment.approve", moderator),
        ("kyanh_cms.comment.spam", moderator),
        ("kyanh_cms.comment.reject", moderator),
        ("kyanh_cms.comment.delete", moderator),
    ]

    html = history_text(client, article)
    assert f"Đã duyệt bình luận số {good.pk} của “Lan”: “Rất cần thiết cho bà con”" in html
    assert f"Đã đánh dấu là spam bình luận số {spam.pk} của “Hùng”" in html
    assert f"Đã từ chối bình luận số {rejected.pk} của “Mai”" in html
    # The deleted comment is gone, its deletion is still on record.
    assert f"Đã xóa bình luận số {deleted.pk} của “Tư”: “Bình luận để xóa”" in html
    assert "lan@example.vn" not in html


def test_a_bulk_decision_on_several_comments_lists_each_one(
    client, moderator, article_with_comments
):
    article, comments = article_with_comments
    client.post(bulk_url("reject", *comments[:3]))
    html = history_text(client, article)
    for comment in comments[:3]:
        assert f"Đã từ chối bình luận số {comment.pk} của “{comment.name}”" in html


def test_a_decision_that_changes_nothing_is_not_logged(client, moderator, article_with_comments):
    article, (good, *_rest) = article_with_comments
    client.post(bulk_url("approve", good))
    client.post(bulk_url("approve", good))
    approvals = PageLogEntry.objects.filter(page=article, action="kyanh_cms.comment.approve")
    assert approvals.count() == 1


def test_the_site_history_report_lists_and_filters_moderation(
    client, moderator, article_with_comments
):
    _article, (good, spam, *_rest) = article_with_comments
    client.post(bulk_url("approve", good))
    client.post(bulk_url("spam", spam))
    report = client.get("/admin/reports/site-history/").content.decode()
    assert f"Đã duyệt bình luận số {good.pk}" in report
    assert f"Đã đánh dấu là spam bình luận số {spam.pk}" in report
    assert "Bình luận bạn đọc: duyệt" in report  # the action filter offers it by name

    only_approvals = client.get(
        "/admin/reports/site-history/", {"action": "kyanh_cms.comment.approve"}
    ).content.decode()
    assert f"Đã duyệt bình luận số {good.pk}" in only_approvals
    assert f"bình luận số {spam.pk}" not in only_approvals
