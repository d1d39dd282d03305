import pytest
from django.core.cache import cache

from kyanh_cms.models import Rating, RatingSummary

SUMMARY = "Đánh giá: {count} lượt đánh giá, trung bình: {average}"
FRAGMENT = {"HTTP_X_KYANH_FRAGMENT": "1"}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def rate_url(page):
    return f"/kyanh/engagement/{page.pk}/rating/send/"


def text_of(response):
    from django.utils.html import strip_tags

    return " ".join(strip_tags(response.content.decode()).split())


def test_vote_without_javascript_redirects_back_with_a_message_and_counts(client, make_article):
    article = make_article()
    response = client.post(rate_url(article), {"stars": "4"})
    assert response.status_code == 302
    assert response["Location"] == f"/kyanh/engagement/{article.pk}/#thong-bao"

    page = client.get(response["Location"])
    shown = text_of(page)
    assert "Cảm ơn bạn đã đánh giá bài viết." in shown
    assert SUMMARY.format(count=1, average="4,0") in shown
    assert "Bạn đã đánh giá bài viết này 4 sao." in shown
    assert page["Cache-Control"].startswith("max-age=0")


def test_vote_with_javascript_answers_the_rating_box(client, make_article):
    article = make_article()
    client.post(rate_url(article), {"stars": "5"})
    client.cookies.clear()  # another visitor
    response = client.post(rate_url(article), {"stars": "4"}, **FRAGMENT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert SUMMARY.format(count=2, average="4,5") in text_of(response)
    assert "Cảm ơn bạn đã đánh giá bài viết." in html


def test_second_vote_from_the_same_visitor_is_refused_and_the_page_says_so(client, make_article):
    article = make_article()
    client.post(rate_url(article), {"stars": "5"})
    response = client.post(rate_url(article), {"stars": "1"}, **FRAGMENT)
    assert "Bạn đã đánh giá bài viết này rồi" in response.content.decode()
    summary = RatingSummary.objects.get(page=article)
    assert (summary.count, summary.total) == (1, 5)
    assert (
        "Mỗi bạn đọc đánh giá một bài viết một lần"
        in client.get(f"/kyanh/engagement/{article.pk}/rating/").content.decode()
    )


@pytest.mark.parametrize("stars", ["0", "6", "abc", "3.5", "", None])
def test_bad_ratings_get_a_clear_message_and_change_nothing(client, make_article, stars):
    article = make_article()
    data = {} if stars is None else {"stars": stars}
    response = client.post(rate_url(article), data)
    assert response.status_code == 400
    assert "Vui lòng chọn từ 1 đến 5 sao." in response.content.decode()
    assert not Rating.objects.exists()
    assert not RatingSummary.objects.filter(count__gt=0).exists()


def test_voting_needs_a_csrf_token_and_keeps_the_choice(make_article):
    from django.test import Client

    article = make_article()
    response = Client(enforce_csrf_checks=True).post(rate_url(article), {"stars": "3"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert 'value="3" required checked' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert not Rating.objects.exists()


def test_get_on_the_vote_endpoint_is_405(client, make_article):
    assert client.get(rate_url(make_article())).status_code == 405


def test_votes_on_missing_unpublished_or_closed_pages_are_404(client, make_article):
    assert client.post("/kyanh/engagement/999999/rating/send/", {"stars": "5"}).status_code == 404
    draft = make_article(title="Bản nháp")
    draft.unpublish()
    assert client.post(rate_url(draft), {"stars": "5"}).status_code == 404
    closed = make_article(title="Không cho đánh giá", ratings_enabled=False)
    assert client.post(rate_url(closed), {"stars": "5"}).status_code == 404
    assert not Rating.objects.exists()


def test_votes_on_private_pages_are_404(client, make_article):
    from wagtail.models import PageViewRestriction

    article = make_article()
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert client.post(rate_url(article), {"stars": "5"}).status_code == 404


def test_a_huge_body_is_refused_without_a_500(client, make_article):
    article = make_article()
    response = client.post(rate_url(article), {"stars": "5", "padding": "x" * 1_000_000})
    assert response.status_code == 413
    assert "quá dài" in response.content.decode()
    assert not Rating.objects.exists()


def test_too_many_votes_from_one_address_are_refused(client, make_article, settings):
    settings.KYANH_CMS = {"RATING_RATE_LIMIT": 2}
    articles = [make_article(title=f"Bài {n}") for n in range(3)]
    for article in articles[:2]:
        assert client.post(rate_url(article), {"stars": "5"}).status_code == 302
    response = client.post(rate_url(articles[2]), {"stars": "5"})
    assert response.status_code == 429
    assert "Vui lòng thử lại sau" in response.content.decode()
    assert Rating.objects.count() == 2


def test_ratings_switched_off_site_wide_hide_the_stars(client, make_article, settings):
    article = make_article()
    settings.KYANH_CMS = {"RATINGS_ENABLED": False}
    assert "Đánh giá bài viết" not in client.get(article.url).content.decode()
    assert client.post(rate_url(article), {"stars": "5"}).status_code == 404
