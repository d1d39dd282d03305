"""The "latest news" sidebar widget lists the newest visible articles and follows publishing."""

import pytest
from bs4 import BeautifulSoup

from kyanh_cms.models import SidebarSettings


def latest_titles(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".kyanh-latest-news li a")]


@pytest.fixture
def sidebar_with_latest_news(portal):
    sidebar = SidebarSettings.for_site(portal)
    sidebar.widgets = [("latest_news", {"title": "Tin mới nhất", "category": None, "count": 2})]
    sidebar.save()
    return sidebar


@pytest.mark.django_db
def test_latest_news_lists_the_newest_and_follows_publishing(
    client, news, sidebar_with_latest_news, django_capture_on_commit_callbacks
):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    news.article(category, "Bài thứ nhất")
    news.article(category, "Bài thứ hai")
    assert latest_titles(client) == ["Bài thứ hai", "Bài thứ nhất"]
    # Publishing drops the cached sidebars once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        newest = news.article(category, "Bài thứ ba")
    assert latest_titles(client) == ["Bài thứ ba", "Bài thứ hai"]
    with django_capture_on_commit_callbacks(execute=True):
        newest.unpublish()
        news.article(category, "Bản nháp", publish=False)
    assert latest_titles(client) == ["Bài thứ hai", "Bài thứ nhất"]
