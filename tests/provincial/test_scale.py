"""One commune among seventy: the admin screens a commune's editor and moderator use
cost the same number of queries whether the installation has two communes or seventy."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from kyanh_cms.models import PortalHomePage, ReaderComment

pytestmark = pytest.mark.django_db


def add_plain_communes(first, last):
    """Other communes, as the page tree and the comment queue see them: a site, a home
    page with an article, a reader comment waiting."""
    root = Page.get_first_root_node()
    for number in range(first, last):
        home = root.add_child(
            instance=PortalHomePage(title=f"Trang chủ xã số {number}", slug=f"xa-so-{number}")
        )
        Site.objects.create(hostname=f"xa-{number}.example", root_page=home)
        ReaderComment.objects.create(page=home, name=f"Bạn đọc xã {number}", content="Ý kiến")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_the_admin_of_one_commune_does_not_grow_with_the_number_of_communes(client, communes):
    _a, b = communes
    moderator = get_user_model().objects.create_user("kiemduyet-b", "kd@example.vn", "x")
    moderator.groups.add(b.setup.moderators)
    screens = {
        b.editor: [
            "/admin/",
            f"/admin/pages/{b.home.pk}/",
            "/admin/choose-page/",
            f"/admin/choose-page/{b.home.pk}/",
            "/admin/images/chooser/",
        ],
        moderator: ["/admin/reader-comments/"],
    }

    def measure():
        counts = {}
        for user, urls in screens.items():
            client.force_login(user)
            for url in urls:
                queries(client, url)  # warm Wagtail's own per-process caches
                counts[url] = queries(client, url)
        return counts

    add_plain_communes(3, 5)
    few = measure()
    add_plain_communes(5, 71)
    many = measure()
    assert many == few
    client.force_login(moderator)
    queue = client.get("/admin/reader-comments/").content.decode()
    assert "Bạn đọc xã 70" not in queue
