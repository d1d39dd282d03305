"""NUL and other control characters in what visitors send: a clear answer, never a 500.

Run on SQLite and on PostgreSQL (``scripts/with_postgres.py``): PostgreSQL refuses a
NUL in any text parameter, SQLite's C code ends a string at it.
"""

import pytest
from django.http import QueryDict

from kyanh_cms.core.input import ControlCharacterFreeFormMixin, clean_params

HOSTILE = ["\x00", "Kỳ\x00 Anh", "a\x01b\x1b[31m", "\x7f", "%00"]


@pytest.fixture
def listing(news):
    category = news.category("Tin tức", slug="tin-tuc")
    news.article(category, title="Kỳ Anh chuyển đổi số", tags=["chuyen-doi-so"])
    return category


@pytest.mark.parametrize("value", HOSTILE)
def test_search_with_control_characters_answers_with_results(client, listing, value):
    response = client.get("/tim-kiem/", {"q": value})
    assert response.status_code == 200
    if value == "Kỳ\x00 Anh":
        # The NUL is dropped, the words the visitor meant are searched.
        assert "Kỳ Anh chuyển đổi số" in response.content.decode()
        assert "\x00" not in response.content.decode()


def test_search_page_number_with_a_nul_shows_the_first_page(client, listing):
    response = client.get("/tim-kiem/", {"q": "Kỳ Anh", "page": "\x00"})
    assert response.status_code == 200
    assert "Kỳ Anh chuyển đổi số" in response.content.decode()


@pytest.mark.parametrize("value", ["Kỳ\x00 Anh", "a\x01b\x1b[31m", "%00"])
def test_tag_filter_with_control_characters_is_an_unknown_tag(client, listing, value):
    response = client.get(listing.url, {"tag": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["\x00", "\x7f\x00"])
def test_tag_filter_of_control_characters_only_shows_the_whole_listing(client, listing, value):
    response = client.get(listing.url, {"tag": value})
    assert response.status_code == 200
    assert "Kỳ Anh chuyển đổi số" in response.content.decode()


def test_tag_filter_finds_the_tag_behind_a_control_character(client, listing):
    response = client.get(listing.url, {"tag": "chuyen-doi-so\x00"})
    assert response.status_code == 200
    assert "Kỳ Anh chuyển đổi số" in response.content.decode()


@pytest.mark.parametrize("name", ["year", "month", "page"])
def test_archive_and_page_parameters_with_a_nul_never_fail(client, listing, name):
    assert client.get(listing.url, {name: "\x00"}).status_code in (200, 404)


def test_showcase_filters_with_a_nul_are_ignored(client, portal):
    from kyanh_cms.demo import showcases
    from kyanh_cms.models import ShowcaseIndexPage

    class Silent:
        def write(self, *args, **kwargs):
            pass

    showcases.seed(Silent())
    index = ShowcaseIndexPage.objects.get(slug=showcases.INDEX_SLUG)
    response = client.get(
        index.url, {"kind": "\x00", "year": "20\x0026", "organization": "\x00", "status": "\x00"}
    )
    assert response.status_code == 200
    assert response.context["showcase_page"].paginator.count == 36


def test_clean_params_keeps_a_clean_query_string_as_it_is():
    params = QueryDict("q=K%E1%BB%B3+Anh&page=2")
    assert clean_params(params) is params
    cleaned = clean_params(QueryDict("q=K%00y&tag=a%1Bb&tag=c"))
    assert cleaned["q"] == "Ky"
    assert cleaned.getlist("tag") == ["ab", "c"]


def test_form_mixin_keeps_line_breaks_of_text_areas_only():
    from django import forms

    class NoteForm(ControlCharacterFreeFormMixin, forms.Form):
        name = forms.CharField()
        note = forms.CharField(widget=forms.Textarea)

    data = QueryDict(mutable=True)
    data.update({"name": "Lê\x00 Văn\nA", "note": "Dòng 1\x07\r\n\tDòng 2"})
    form = NoteForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Lê VănA", "note": "Dòng 1\n\tDòng 2"}
    # A plain dict (tests, views that build their data) is cleaned the same way.
    form = NoteForm({"name": "\x00Lê", "note": "\x00"})
    assert not form.is_valid() and list(form.errors) == ["note"]  # empty once cleaned
    assert form.cleaned_data["name"] == "Lê"


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        ("/kyanh/visits/pixel.gif", {"p": "\x00"}, 200),
        ("/kyanh/lien-ket/", {"url": "https://\x00.example"}, 404),
        ("/tim-kiem/", {"q": "x", "\x00": "\x00"}, 200),
    ],
)
def test_other_public_parameters_with_a_nul_never_fail(client, listing, url, params, status):
    assert client.get(url, params).status_code == status
