"""An article's related articles are ranked once, and follow publishing at once."""

import pytest
from bs4 import BeautifulSoup


def related_titles(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".kyanh-related a") if link.text]


@pytest.mark.django_db
def test_related_articles_follow_publishing_and_unpublishing(
    client, news, django_capture_on_commit_callbacks
):
    category = news.category("Tin hoạt động", slug="tin-hoat-dong")
    article = news.article(category, "Bài chính", tags=["chuyển đổi số"])
    assert related_titles(client, article) == []  # nothing else yet; the ranking is cached
    with django_capture_on_commit_callbacks(execute=True):
        other = news.article(category, "Bài cùng chủ đề", tags=["chuyển đổi số"])
    assert "Bài cùng chủ đề" in related_titles(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()
    assert "Bài cùng chủ đề" not in related_titles(client, article)
