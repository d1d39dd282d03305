"""Comments and votes as an attacker, or an unlucky visitor, sends them: decomposed and
invisible text, double clicks, repeated fields, borrowed captchas, guessing scripts,
the spoken captcha asked for in a loop, whole networks behind one address."""

import copy
import time
import unicodedata

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.test import Client

from kyanh_cms.engagement.ratelimit import captcha_delay
from kyanh_cms.models import Rating, RatingSummary, ReaderComment

FRAGMENT = {"HTTP_X_KYANH_FRAGMENT": "1"}
INVISIBLE = "Vui lòng viết nội dung mà người đọc nhìn thấy được."
ALREADY = "Bình luận này đã được nhận cách đây ít phút"
GONE = "Mã xác thực đã hết hạn hoặc đã được dùng"
REPEATED = "Ô này được gửi hai lần"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def form_url(page):
    return f"/kyanh/engagement/{page.pk}/comments/"


def send_url(page):
    return f"/kyanh/engagement/{page.pk}/comments/send/"


def rate_url(page):
    return f"/kyanh/engagement/{page.pk}/rating/send/"


def comment_data(client, page, solve_captcha, **fields):
    key, answer = solve_captcha(client.get(form_url(page)).content.decode())
    return {
        "name": "Phan Thị Thu",
        "email": "",
        "content": "Đề nghị xã sớm sửa cầu qua kênh N2.",
        "website": "",
        "captcha_0": key,
        "captcha_1": answer,
        **fields,
    }


# --- Text: NFC before lengths, nothing invisible -----------------------------------------------


def test_decomposed_vietnamese_at_the_limit_is_accepted_and_stored_composed(
    client, make_article, solve_captcha
):
    article = make_article()
    # "Kỳ Anh " typed on a keyboard that sends base letters and combining accents.
    composed = ("Kỳ Anh " * 300)[:2000]
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > 2000
    data = comment_data(client, article, solve_captcha, content=decomposed)
    assert client.post(send_url(article), data).status_code == 302
    assert ReaderComment.objects.get().content == composed.strip()

    # One character more is still refused, counted the same way.
    longer = unicodedata.normalize("NFD", composed[:-1] + "ỳ" + "ỳ")
    data = comment_data(client, article, solve_captcha, content=longer)
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    assert "tối đa 2000 ký tự (hiện có 2001)" in response.content.decode()


def test_a_decomposed_name_at_its_limit_is_accepted(client, make_article, solve_captcha):
    article = make_article()
    name = "Nguyễn Thị Hằng " * 5  # 80 characters composed
    data = comment_data(client, article, solve_captcha, name=unicodedata.normalize("NFD", name))
    assert client.post(send_url(article), data).status_code == 302
    assert ReaderComment.objects.get().name == name.strip()


@pytest.mark.parametrize(
    "invisible",
    [
        pytest.param("\u200b\u200b\u200b", id="zero-width spaces"),
        pytest.param("\u200c\u200d\u2060", id="zero-width joiners"),
        pytest.param("\u200e\u200f\u061c", id="direction marks"),
        pytest.param("\u202e\u2066\u2069", id="direction overrides"),
        pytest.param("\ufeff", id="byte-order mark"),
        pytest.param("\u00ad\u00ad", id="soft hyphens"),
        pytest.param(" \u3164 \u2800 \n\u200b ", id="fillers and spaces"),
    ],
)
def test_a_comment_of_invisible_characters_is_refused_in_vietnamese(
    client, make_article, solve_captcha, invisible
):
    article = make_article()
    data = comment_data(client, article, solve_captcha, content=invisible)
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    assert INVISIBLE in response.content.decode()
    assert not ReaderComment.objects.exists()
    # The name box follows the same rule.
    data = comment_data(client, article, solve_captcha, name=invisible)
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    assert INVISIBLE in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_invisible_characters_inside_real_text_are_fine(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha, content="Cảm\u200bơn ban biên tập")
    assert client.post(send_url(article), data).status_code == 302


# --- The same comment twice -------------------------------------------------------------------


def test_the_same_comment_sent_twice_is_saved_once_with_a_polite_answer(
    client, make_article, solve_captcha
):
    article = make_article()
    first = comment_data(client, article, solve_captcha)
    assert client.post(send_url(article), first).status_code == 302

    # A second solved form with the same words (the back button, a second tab).
    again = comment_data(client, article, solve_captcha, content=first["content"] + "\r\n")
    response = client.post(send_url(article), again, follow=True)
    assert response.status_code == 200
    assert ALREADY in response.content.decode()
    assert ReaderComment.objects.count() == 1

    # A double click: the same form, same challenge, sent again at once.
    response = client.post(send_url(article), first, **FRAGMENT)
    assert response.status_code == 200
    assert ALREADY in response.content.decode()
    assert GONE not in response.content.decode()
    assert ReaderComment.objects.count() == 1


def test_the_same_words_from_another_visitor_or_page_are_saved(
    make_article, solve_captcha, settings
):
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 1}
    article, other_article = make_article(), make_article(title="Bài khác")
    for address, page in (
        ("203.0.113.7", article),
        ("198.51.100.9", article),
        ("203.0.113.7", other_article),
    ):
        visitor = Client(HTTP_X_FORWARDED_FOR=address)
        data = comment_data(visitor, page, solve_captcha, content="Đồng ý.")
        assert visitor.post(send_url(page), data).status_code == 302
    assert ReaderComment.objects.count() == 3


# --- Repeated fields ---------------------------------------------------------------------------


def test_two_star_values_are_refused_and_count_nothing(client, make_article):
    article = make_article()
    client.get(f"/kyanh/engagement/{article.pk}/rating/")
    response = client.post(
        rate_url(article), "stars=1&stars=5", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert REPEATED in response.content.decode()
    assert not Rating.objects.exists()
    assert not RatingSummary.objects.filter(count__gt=0).exists()


@pytest.mark.parametrize("field", ["content", "name", "captcha_1"])
def test_a_comment_with_a_repeated_field_is_refused_with_the_text_kept(
    client, make_article, solve_captcha, field
):
    article = make_article()
    data = comment_data(client, article, solve_captcha, content="Nội dung cần giữ lại")
    data[field] = [data[field], "giá trị thứ hai"]
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert REPEATED in html
    assert not ReaderComment.objects.exists()


# --- A captcha belongs to the visitor it was drawn for -----------------------------------------


def test_a_solved_captcha_cannot_be_used_by_another_visitor(make_article, solve_captcha):
    article = make_article()
    owner, stranger = Client(), Client()
    data = comment_data(owner, article, solve_captcha)
    stranger.get(form_url(article))  # the stranger has a form (and a CSRF cookie) too

    response = stranger.post(send_url(article), data)
    assert response.status_code == 400
    assert GONE in response.content.decode()
    assert not ReaderComment.objects.exists()
    # The stranger's attempt did not spend the owner's challenge.
    assert owner.post(send_url(article), data).status_code == 302


def test_a_key_cannot_be_paired_with_another_challenge(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(client, article, solve_captcha)
    # A key of the attacker's making, for a challenge they chose and solved elsewhere.
    CaptchaStore.objects.create(challenge="ABCD", response="abcd", hashkey="f" * 40)
    forged = data | {"captcha_0": "f" * 40, "captcha_1": "abcd"}
    assert client.post(send_url(article), forged).status_code == 400
    assert not ReaderComment.objects.exists()


def test_a_browser_that_lost_its_cookie_gets_a_new_code_with_its_text(make_article, solve_captcha):
    article = make_article()
    visitor = Client()
    data = comment_data(visitor, article, solve_captcha, content="Viết rất lâu mới gửi")
    visitor.cookies.clear()
    response = visitor.post(send_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert GONE in html
    assert "Viết rất lâu mới gửi</textarea>" in html
    # The new code in that form is the visitor's own: solving it sends the comment.
    key, answer = solve_captcha(html)
    assert visitor.post(send_url(article), data | {"captcha_0": key, "captcha_1": answer})
    assert ReaderComment.objects.count() == 1


def test_the_refresh_button_gives_a_code_bound_to_the_visitor(make_article, solve_captcha):
    article = make_article()
    visitor = Client()
    data = comment_data(visitor, article, solve_captcha)
    key = visitor.get("/kyanh/captcha/refresh/").json()["key"]
    answer = CaptchaStore.objects.get(hashkey=key).response
    stranger = Client()
    stranger.cookies = copy.deepcopy(visitor.cookies)
    stranger.cookies.pop("csrftoken")
    stranger.get(form_url(article))
    assert stranger.post(send_url(article), data | {"captcha_0": key, "captcha_1": answer})
    assert not ReaderComment.objects.exists()
    assert visitor.post(send_url(article), data | {"captcha_0": key, "captcha_1": answer})
    assert ReaderComment.objects.count() == 1


# --- Wrong answers slow down, never lock out ---------------------------------------------------


def test_the_delay_doubles_up_to_its_ceiling():
    assert [captcha_delay(n) for n in range(1, 12)] == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 60]


def test_wrong_answers_bring_a_short_wait_and_then_the_comment_goes_through(
    client, make_article, solve_captcha, settings
):
    settings.KYANH_CMS = {"CAPTCHA_FREE_ATTEMPTS": 2, "CAPTCHA_MAX_DELAY": 1}
    article = make_article()
    for attempt in range(1, 4):
        data = comment_data(client, article, solve_captcha, captcha_1="sai")
        response = client.post(send_url(article), data)
        assert response.status_code == 400, attempt
    assert "Vui lòng đợi 1 giây rồi nhập mã mới" in response.content.decode()

    # Right away, even the right answer waits, and nothing is spent or lost.
    data = comment_data(client, article, solve_captcha, content="Tôi gõ đúng mã rồi")
    response = client.post(send_url(article), data)
    assert response.status_code == 429
    assert "Tôi gõ đúng mã rồi</textarea>" in response.content.decode()
    assert CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()

    time.sleep(1.1)  # the wait the page asked for
    assert client.post(send_url(article), data).status_code == 302
    assert ReaderComment.objects.count() == 1


def test_a_commune_behind_one_address_is_never_locked_out_for_long(
    make_article, solve_captcha, settings
):
    """A guessing script and a neighbour share one NAT address: after ten wrong answers
    the neighbour waits at most CAPTCHA_MAX_DELAY, not ten minutes."""
    settings.KYANH_CMS = {"TRUSTED_PROXY_HOPS": 1}
    article = make_article()
    script = Client(HTTP_X_FORWARDED_FOR="203.0.113.50")
    for _attempt in range(10):
        data = comment_data(script, article, solve_captcha, captcha_1="doan-bua")
        status = script.post(send_url(article), data).status_code
        assert status in (400, 429)
        if status == 429:
            break
    neighbour = Client(HTTP_X_FORWARDED_FOR="203.0.113.50")
    data = comment_data(neighbour, article, solve_captcha)
    response = neighbour.post(send_url(article), data)
    assert response.status_code == 429
    html = response.content.decode()
    seconds = int(html.split("Vui lòng đợi ")[1].split(" giây")[0])
    assert 0 < seconds <= 60
    # Five wrong answers used to lock the address out: now the saved comments count.
    cache.clear()  # as when the wait has passed
    assert neighbour.post(send_url(article), data).status_code == 302


# --- The spoken captcha ------------------------------------------------------------------------


def test_the_spoken_captcha_is_rate_limited(client, db, settings, monkeypatch):
    settings.KYANH_CMS = {"CAPTCHA_AUDIO_RATE_LIMIT": 2, "CAPTCHA_AUDIO_RATE_WINDOW": 600}
    # The example site finds flite on the PATH; django-simple-captcha reads it at import.
    if not captcha_settings.CAPTCHA_FLITE_PATH:
        pytest.skip("flite is not installed")
    key = client.get("/kyanh/captcha/refresh/").json()["audio"]
    for _ in range(2):
        spoken = client.get(key)
        assert spoken.status_code == 200
        assert spoken["Content-Type"] == "audio/wav"
        assert b"".join(spoken.streaming_content)[:4] == b"RIFF"
    refused = client.get(key)
    assert refused.status_code == 429
    assert "yêu cầu nghe mã quá nhiều lần" in refused.content.decode()
    assert refused["Retry-After"] == "600"


# --- Limits count networks, not single IPv6 addresses ------------------------------------------


def test_votes_from_one_ipv6_network_share_one_limit(make_article, settings):
    settings.KYANH_CMS = {"RATING_RATE_LIMIT": 2}
    article = make_article()

    def vote(address):
        visitor = Client(REMOTE_ADDR=address)
        return visitor.post(rate_url(article), {"stars": "4"}).status_code

    # One household's /64: every new address is the same visitor for the limit.
    assert vote("2001:db8:1:2::10") == 302
    assert vote("2001:db8:1:2::11") == 302
    assert vote("2001:db8:1:2:ffff::99") == 429
    # The neighbouring /64 has its own allowance.
    assert vote("2001:db8:1:3::10") == 302
    assert RatingSummary.objects.get(page=article).count == 3


def test_control_characters_are_removed_not_a_500(client, make_article, solve_captcha):
    article = make_article()
    data = comment_data(
        client, article, solve_captcha, name="Lê\x00 Văn\x1b An", content="Xin\x00 chào\x07\nbạn"
    )
    assert client.post(send_url(article), data).status_code == 302
    comment = ReaderComment.objects.get()
    assert (comment.name, comment.content) == ("Lê Văn An", "Xin chào\nbạn")
    # Only control characters: an empty box, said in Vietnamese.
    data = comment_data(client, article, solve_captcha, content="\x00\x07\x1b")
    response = client.post(send_url(article), data)
    assert response.status_code == 400
    assert "Vui lòng nhập nội dung bình luận." in response.content.decode()
