"""The editors' showcase list and a showcase's publication stay within a query budget,
however many showcases the year has."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kyanh_cms.models import ShowcasePage

#: The admin list of every showcase (a page of up to 50 rows): the layout, the filters'
#: choices and one query for the rows with their organizations.
LIST_BUDGET = 22
#: Saving a revision and publishing it: the revision, the page, its search index and
#: reference index entries, the content generation, the audit log.
PUBLISH_BUDGET = 90


class Silent:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def showcases(portal):
    from kyanh_cms.demo import showcases

    showcases.seed(Silent())
    return ShowcasePage.objects.live()


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-1")
    client.force_login(user)
    return client


def test_the_showcase_list_costs_the_same_for_every_row(
    showcases, editor_client, django_assert_max_num_queries
):
    url = reverse("kyanh_showcases:index")
    editor_client.get(url)  # the session and the admin's per-process caches
    with django_assert_max_num_queries(LIST_BUDGET):
        response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert showcases.count() == 36
    # Each row names its organization (what cost one query per row before).
    for showcase in showcases.select_related("organization")[:5]:
        assert showcase.organization.name in html


def test_publishing_a_showcase_stays_within_its_budget(showcases, django_assert_max_num_queries):
    showcase = showcases.first()
    showcase.summary += " Đã cập nhật kết quả quý IV."
    with django_assert_max_num_queries(PUBLISH_BUDGET):
        showcase.save_revision().publish()
    showcase.refresh_from_db()
    assert showcase.summary.endswith("quý IV.")


def test_the_organization_list_says_whether_each_is_active_in_vietnamese(showcases, editor_client):
    html = editor_client.get(reverse("wagtailsnippets_kyanh_cms_organization:list")).content
    cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", html.decode())
    assert cells.count("Có") == 20  # the first page: every demo organization is active
    assert "True" not in cells
