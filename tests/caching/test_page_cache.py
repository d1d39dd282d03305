"""The optional full-page cache: anonymous visitors get cached pages; editors, POSTs and
answers that set cookies never do; ratings, comments (CSRF, captcha) and visit counting keep
working beside it; publishing and moderating purge it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.http import HttpResponse
from django.test import Client, RequestFactory

from kyanh_cms.caching.page_cache import HEADER, MIDDLEWARE_PATH, PageCacheMiddleware
from kyanh_cms.models import DailySiteVisits, Rating, ReaderComment

FRAGMENT = {"HTTP_X_KYANH_FRAGMENT": "1"}
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    middleware = list(settings.MIDDLEWARE)
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    middleware.insert(security + 1, MIDDLEWARE_PATH)
    settings.MIDDLEWARE = middleware
    settings.KYANH_CMS = {"PAGE_CACHE_SECONDS": 300}


@pytest.fixture
def visitor():
    return Client(enforce_csrf_checks=True, **BROWSER)


def cached(client, url):
    """GET ``url`` until it comes from the cache (the site's very first visit creates its
    settings rows, which purges); fails if it never does."""
    for _attempt in range(3):
        response = client.get(url)
        if response[HEADER] == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache")


@pytest.fixture
def editor_client(db):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-123")
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_visitors_get_the_article_from_the_cache_without_a_query(
    visitor, make_article, django_assert_num_queries
):
    article = make_article(title="Khánh thành cầu Kỳ Hà")
    assert visitor.get(article.url)[HEADER] == "miss"
    first = cached(visitor, article.url)
    with django_assert_num_queries(0):
        second = visitor.get(article.url)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert "Khánh thành cầu Kỳ Hà" in second.content.decode()
    assert visitor.head(article.url)[HEADER] == "hit"
    # Another query string is another page.
    assert visitor.get(article.url + "?utm_source=zalo")[HEADER] == "miss"


def test_logged_in_editors_never_get_or_fill_the_cache(visitor, editor_client, make_article):
    article = make_article()
    for _ in range(2):
        response = editor_client.get(article.url)
        assert response.status_code == 200
        assert HEADER not in response
    assert visitor.get(article.url)[HEADER] == "miss"
    cached(visitor, article.url)
    # A page the editor loads after visitors filled the cache is rendered for the editor.
    assert HEADER not in editor_client.get(article.url)


def test_posts_and_answers_that_set_cookies_or_are_private_are_not_cached(rf_middleware):
    calls = []

    def with_cookie(request):
        calls.append(request.method)
        response = HttpResponse("hello")
        response.set_cookie("kyanh_voter", "abc")
        return response

    middleware = rf_middleware(with_cookie)
    factory = RequestFactory()
    for _ in range(2):
        assert HEADER not in middleware(factory.get("/trang/"))
    assert len(calls) == 2

    def private(request):
        calls.append(request.method)
        response = HttpResponse("riêng")
        response["Cache-Control"] = "private"
        return response

    middleware = rf_middleware(private)
    for _ in range(2):
        middleware(factory.get("/rieng/"))
    assert len(calls) == 4

    def plain(request):
        calls.append(request.method)
        return HttpResponse("công khai")

    middleware = rf_middleware(plain)
    for _ in range(2):
        middleware(factory.post("/gui/", {"a": "1"}))
    assert len(calls) == 6
    middleware(factory.get("/cong-khai/"))
    assert middleware(factory.get("/cong-khai/"))[HEADER] == "hit"
    # A visitor with a session (logged in, or holding messages) is never served from it.
    assert HEADER not in middleware(factory.get("/cong-khai/", HTTP_COOKIE="sessionid=x"))
    assert HEADER not in middleware(factory.get("/cong-khai/", HTTP_COOKIE="messages=x"))
    assert len(calls) == 9


@pytest.fixture
def rf_middleware(db):
    def build(view):
        def get_response(request):
            return view(request)

        return PageCacheMiddleware(get_response)

    return build


def csrf_form_fields(html):
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return {"csrfmiddlewaretoken": token}


def test_ratings_comments_and_counting_work_beside_cached_pages(
    visitor, make_article, solve_captcha
):
    article = make_article()
    page = cached(visitor, article.url)
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert "Set-Cookie" not in page

    # The rating form comes uncached, with its CSRF token and cookie; the vote counts.
    form = visitor.get(f"/kyanh/engagement/{article.pk}/rating/", **FRAGMENT)
    assert HEADER not in form
    assert "csrftoken" in form.cookies
    sent = visitor.post(
        f"/kyanh/engagement/{article.pk}/rating/send/",
        {"stars": "4", **csrf_form_fields(form.content.decode())},
        **FRAGMENT,
    )
    assert sent.status_code == 200
    assert Rating.objects.filter(page=article, stars=4).count() == 1

    # A post without the token is refused with the friendly note, as without a cache.
    stale = Client(enforce_csrf_checks=True, **BROWSER).post(
        f"/kyanh/engagement/{article.pk}/rating/send/", {"stars": "5"}, **FRAGMENT
    )
    assert stale.status_code == 403
    assert Rating.objects.count() == 1

    # The comment form: captcha and token fetched uncached, the comment is stored.
    form = visitor.get(f"/kyanh/engagement/{article.pk}/comments/", **FRAGMENT)
    assert HEADER not in form
    html = form.content.decode()
    key, answer = solve_captcha(html)
    sent = visitor.post(
        f"/kyanh/engagement/{article.pk}/comments/send/",
        {
            "name": "Lê Văn Tám",
            "email": "",
            "content": "Cầu đẹp quá, cảm ơn thị xã.",
            "website": "",
            "captcha_0": key,
            "captcha_1": answer,
            **csrf_form_fields(html),
        },
        **FRAGMENT,
    )
    assert sent.status_code == 200
    assert ReaderComment.objects.filter(page=article, name="Lê Văn Tám").exists()
    # A comment waiting for moderation changes no page: the cached article stays.
    assert visitor.get(article.url)[HEADER] == "hit"

    # The cached page still sends the beacon, and the beacon counts.
    assert f'data-page="{article.pk}"' in page.content.decode()
    before = sum(DailySiteVisits.objects.values_list("views", flat=True))
    assert visitor.post(
        "/kyanh/visits/beacon/",
        f"p={article.pk}",
        content_type="text/plain",
        HTTP_SEC_FETCH_SITE="same-origin",  # sent from the page itself
    )
    after = sum(DailySiteVisits.objects.values_list("views", flat=True))
    assert after == before + 1


def test_publishing_an_article_purges_the_home_page(visitor, portal, make_article):
    make_article(title="Tin thứ nhất")
    cached(visitor, "/")
    make_article(title="Tin mới đăng về mùa màng")
    fresh = visitor.get("/")
    assert fresh[HEADER] == "miss"
    assert "Tin mới đăng về mùa màng" in fresh.content.decode()


def test_unpublishing_purges_the_page(visitor, make_article):
    article = make_article(title="Tin sẽ gỡ")
    cached(visitor, article.url)
    article.unpublish()
    assert visitor.get(article.url).status_code == 404


def test_approving_a_comment_in_bulk_shows_it_on_the_cached_article(
    visitor, editor_client, make_article
):
    article = make_article()
    comment = ReaderComment.objects.create(page=article, name="Hoa", content="Mong sớm làm đường")
    cached(visitor, article.url)
    response = editor_client.post(
        f"/admin/bulk/kyanh_cms/readercomment/approve/?next=/admin/&id={comment.pk}"
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_public
    fresh = visitor.get(article.url)
    assert fresh[HEADER] == "miss"
    assert "Mong sớm làm đường" in fresh.content.decode()


def test_editing_a_comment_in_the_admin_purges(visitor, make_article):
    article = make_article()
    comment = ReaderComment.objects.create(
        page=article, name="Hoa", content="Nội dung cũ", status=ReaderComment.Status.APPROVED
    )
    cached(visitor, article.url)
    comment.reply = "Ban biên tập đã chuyển ý kiến đến phòng chuyên môn."
    comment.save()
    fresh = visitor.get(article.url)
    assert fresh[HEADER] == "miss"
    assert "chuyển ý kiến đến phòng chuyên môn" in fresh.content.decode()


def errors_of(ids):
    return [message for message in run_checks() if message.id in ids]


def test_checks_refuse_the_cache_without_its_middleware_or_cache(settings, db):
    ids = {"kyanh_cms.E020", "kyanh_cms.E021", "kyanh_cms.W020"}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert [message.id for message in errors_of(ids)] == ["kyanh_cms.W020"]
    settings.KYANH_CMS = {"PAGE_CACHE_SECONDS": 300, "PAGE_CACHE_ALIAS": "shared"}
    # The pages are shared, but the generation that purges them is per process.
    assert [message.id for message in errors_of(ids)] == ["kyanh_cms.W020"]
    settings.CACHES = {**settings.CACHES, "default": settings.CACHES["shared"]}
    assert errors_of(ids) == []
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE_PATH]
    settings.KYANH_CMS = {"PAGE_CACHE_SECONDS": 300, "PAGE_CACHE_ALIAS": "pages"}
    assert sorted(message.id for message in errors_of(ids)) == ["kyanh_cms.E020", "kyanh_cms.E021"]
    settings.KYANH_CMS = {"PAGE_CACHE_SECONDS": 0, "PAGE_CACHE_ALIAS": "pages"}
    assert errors_of(ids) == []


def test_a_cached_page_costs_two_cache_reads_and_other_addresses_none(
    visitor, make_article, monkeypatch
):
    from django.core.cache import cache as default_cache

    article = make_article(title="Khánh thành cầu Kỳ Hà")
    cached(visitor, article.url)
    reads = []
    for method in ("get", "get_many"):
        real = getattr(default_cache, method)

        def counting(*args, _real=real, _method=method, **kwargs):
            reads.append(_method)
            return _real(*args, **kwargs)

        monkeypatch.setattr(default_cache, method, counting)
    assert visitor.get(article.url)[HEADER] == "hit"
    assert reads == ["get", "get_many"]  # the page, then its site's generation
    reads.clear()
    assert visitor.get("/kyanh/health/live/").status_code == 200
    assert reads == []  # a load balancer's check never reads the page cache


def test_http_and_https_visitors_get_pages_with_their_own_links(visitor, make_article, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    article = make_article(title="Khánh thành cầu Kỳ Hà")
    plain = cached(visitor, article.url)
    # As nginx sends it: the Host header, and the scheme in X-Forwarded-Proto.
    secure = visitor.get(article.url, HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https")
    assert secure[HEADER] == "miss"  # not the page cached for http
    assert "https://testserver" + article.url in secure.content.decode()
    assert "https://testserver" not in plain.content.decode()
