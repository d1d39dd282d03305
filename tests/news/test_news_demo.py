"""The news demo: categories in the menu, a dozen articles using every block, idempotent."""

import pytest

from kyanh_cms.blocks import ARTICLE_BODY_BLOCKS


@pytest.mark.django_db
def test_news_demo_is_complete_and_idempotent(portal, client):
    from io import StringIO

    from django.core.management import call_command

    from kyanh_cms.models import NewsArticlePage, NewsIndexPage

    call_command("kyanh_demo", stdout=StringIO())
    call_command("kyanh_demo", stdout=StringIO())
    # The town's news (the demo communes have their own, tests/provincial).
    assert NewsIndexPage.objects.descendant_of(portal.root_page).count() == 6
    articles = NewsArticlePage.objects.live().descendant_of(portal.root_page)
    # A dozen news stories, plus the two reports carrying live showcase and task data.
    assert articles.count() == 14
    used = {block.block_type for article in articles for block in article.body}
    assert used == {name for name, _ in ARTICLE_BODY_BLOCKS}
    menu = client.get("/").content.decode()
    assert ">Tin tức<" in menu
    for article in articles:
        assert client.get(article.url).status_code == 200
