"""Every page type of the extension gets an ASCII address from a Vietnamese title (đ → d),
whether an editor adds it in the admin, an import or the demo creates it, or code does."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kyanh_cms.core.widgets import VietnameseSlugInput
from kyanh_cms.models import (
    Organization,
    PortalHomePage,
    ShowcaseIndexPage,
    ShowcasePage,
    TaskPlanIndexPage,
)

TITLE = "Đường hoa tự quản khối phố Đông Hà"
ASCII_SLUG = "duong-hoa-tu-quan-khoi-pho-dong-ha"


@pytest.fixture
def home(portal):
    return PortalHomePage.objects.get(pk=portal.root_page_id)


@pytest.fixture
def index(home):
    page = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=page)
    return page


@pytest.fixture
def editor_client(client, portal):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-1")
    client.force_login(user)
    return client


def showcase_form(organization, slug):
    return nested_form_data(
        {
            "title": TITLE,
            # What Wagtail's own slug field fills in from the title by default.
            "slug": slug,
            "kind": "collective",
            "year": 2026,
            "status": "registered",
            "organization": organization.pk,
            "person_name": "",
            "person_position": "",
            "summary": "",
            "main_image": "",
            "main_image_alt_text": "",
            "body": streamfield([]),
            "gallery_images": inline_formset([]),
            "evidence_documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


@pytest.mark.parametrize(
    ("action", "live"), [({"action-publish": "action-publish"}, True), ({}, False)]
)
def test_a_showcase_added_in_the_admin_gets_an_ascii_slug(editor_client, index, action, live):
    organization = Organization.objects.create(name="Chi bộ khối phố Đông Hà")
    add_url = reverse("wagtailadmin_pages:add", args=["kyanh_cms", "showcasepage", index.pk])
    form = editor_client.get(add_url).context["form"]
    assert isinstance(form.fields["slug"].widget, VietnameseSlugInput)  # folds while typing

    response = editor_client.post(
        add_url, {**showcase_form(organization, "đường-hoa-tự-quản-khối-phố-đông-hà"), **action}
    )
    assert response.status_code == 302, response.context["form"].errors
    showcase = ShowcasePage.objects.get()
    assert (showcase.slug, showcase.live) == (ASCII_SLUG, live)
    assert showcase.url_path.endswith(f"/mo-hinh/{ASCII_SLUG}/")


def test_the_folded_slug_of_a_second_showcase_is_refused_with_a_message(editor_client, index):
    organization = Organization.objects.create(name="Chi bộ khối phố Đông Hà")
    index.add_child(instance=ShowcasePage(title=TITLE, organization=organization, year=2026))
    add_url = reverse("wagtailadmin_pages:add", args=["kyanh_cms", "showcasepage", index.pk])

    response = editor_client.post(
        add_url,
        {
            **showcase_form(organization, "đường-hoa-tự-quản-khối-phố-đông-hà"),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    assert response.context["form"]["title"].value() == TITLE  # the editor's text is kept
    assert ShowcasePage.objects.count() == 1


@pytest.mark.parametrize("page_type", [ShowcaseIndexPage, TaskPlanIndexPage, PortalHomePage])
def test_every_page_type_made_in_code_gets_an_ascii_slug(home, page_type):
    page = page_type(title=TITLE)
    home.add_child(instance=page)
    assert page.slug == ASCII_SLUG


def test_a_showcase_made_in_code_gets_an_ascii_slug_and_a_typed_slug_is_folded(index):
    organization = Organization.objects.create(name="Chi bộ khối phố Đông Hà")
    first = ShowcasePage(title=TITLE, organization=organization, year=2026)
    index.add_child(instance=first)
    second = ShowcasePage(title=TITLE, organization=organization, year=2027)
    index.add_child(instance=second)
    typed = ShowcasePage(
        title="Tin", slug="điển-hình-tiên-tiến", organization=organization, year=2026
    )
    index.add_child(instance=typed)
    assert [first.slug, second.slug, typed.slug] == [
        ASCII_SLUG,
        f"{ASCII_SLUG}-2",
        "dien-hinh-tien-tien",
    ]


def test_a_draft_made_in_code_gets_an_ascii_slug(home):
    draft = ShowcaseIndexPage(title=TITLE, live=False)
    home.add_child(instance=draft)
    assert draft.slug == ASCII_SLUG


def test_demo_showcases_have_ascii_slugs(portal):
    from kyanh_cms.demo import showcases

    class Silent:
        def write(self, *args, **kwargs):
            pass

    showcases.seed(Silent())
    slugs = list(Page.objects.type(ShowcasePage, ShowcaseIndexPage).values_list("slug", flat=True))
    assert len(slugs) == 37
    assert all(slug.isascii() for slug in slugs)
    assert "chi-hoi-nghe-ca-an-toan-doan-ket-tren-bien-2026" in slugs
