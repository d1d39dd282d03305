"""A new commune site in one step: ``manage.py kyanh_add_commune`` and the admin screen."""

import unicodedata
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Site,
)

from kyanh_cms.models import (
    NewsIndexPage,
    PortalHomePage,
    PortalSettings,
    ShowcaseIndexPage,
    SidebarSettings,
)

HOST = "xa-ky-hoa.hatinh.example"


def snapshot():
    """Row count and newest primary key of every model: a refused or repeated run moves neither."""
    state = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        manager = model._base_manager
        state[model._meta.label] = (
            manager.count(),
            manager.order_by("-pk").values_list("pk").first(),
        )
    return state


def add(*args, **options):
    out = StringIO()
    call_command("kyanh_add_commune", *args, stdout=out, **options)
    return out.getvalue()


def codenames(permissions):
    return {permission.permission.codename for permission in permissions}


@pytest.mark.django_db
def test_the_command_creates_a_commune_site(portal):
    output = add("xã Kỳ Hoa", HOST, "--port", "8000")

    site = Site.objects.get(hostname=HOST)
    assert (site.port, site.site_name, site.is_default_site) == (8000, "Xã Kỳ Hoa", False)
    assert "Đã thiết lập Xã Kỳ Hoa (http://xa-ky-hoa.hatinh.example:8000)" in output
    home = site.root_page.specific
    assert isinstance(home, PortalHomePage)
    assert (home.title, home.slug, home.live, home.depth) == ("Xã Kỳ Hoa", "xa-ky-hoa", True, 2)
    news = NewsIndexPage.objects.child_of(home).get()
    assert (news.title, news.slug) == ("Tin tức", "tin-tuc")
    assert list(NewsIndexPage.objects.child_of(news).values_list("title", flat=True)) == [
        "Tin hoạt động",
        "Thông báo",
        "Kinh tế – Xã hội",
    ]
    assert ShowcaseIndexPage.objects.child_of(home).live().count() == 1
    identity = PortalSettings.objects.get(site=site)
    assert identity.portal_name == "Cổng thông tin điện tử xã Kỳ Hoa"
    assert identity.publisher == "Ủy ban nhân dân xã Kỳ Hoa"
    sidebar = SidebarSettings.objects.get(site=site)
    assert sidebar.widgets[0].value["title"] == "Bản đồ xã Kỳ Hoa"
    # The town keeps its own identity.
    assert PortalSettings.for_site(portal).portal_name == "Cổng thông tin điện tử thị xã Kỳ Anh"

    commune_collection = Collection.objects.get(name="Xã Kỳ Hoa")
    images, documents = commune_collection.get_children().order_by("name")
    assert (images.name, documents.name) == ("Hình ảnh", "Tài liệu")

    editors = Group.objects.get(name="Xã Kỳ Hoa – Biên tập viên")
    moderators = Group.objects.get(name="Xã Kỳ Hoa – Kiểm duyệt bình luận")
    page_permissions = GroupPagePermission.objects.filter(group=editors)
    assert {permission.page_id for permission in page_permissions} == {home.pk}
    assert codenames(page_permissions) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    image_permissions = GroupCollectionPermission.objects.filter(
        group=editors, permission__content_type__app_label="wagtailimages"
    )
    document_permissions = GroupCollectionPermission.objects.filter(
        group=editors, permission__content_type__app_label="wagtaildocs"
    )
    assert {p.collection_id for p in image_permissions} == {images.pk}
    assert codenames(image_permissions) == {"add_image", "change_image", "choose_image"}
    assert {p.collection_id for p in document_permissions} == {documents.pk}
    assert codenames(document_permissions) == {
        "add_document",
        "change_document",
        "choose_document",
    }
    site_permissions = GroupSitePermission.objects.filter(group__in=[editors, moderators])
    assert {permission.site_id for permission in site_permissions} == {site.pk}
    assert codenames(GroupSitePermission.objects.filter(group=editors, site=site)) == {
        "change_portalsettings",
        "change_sidebarsettings",
        "change_engagementsettings",
    }
    assert codenames(GroupSitePermission.objects.filter(group=moderators, site=site)) == {
        "change_engagementsettings"
    }
    # Global permissions: into the admin, the schedule's entries (the schedules wing keeps
    # them to the commune's schedule page), and (moderators) the comment queue. Nothing
    # else: no snippet (organizations and task plans belong to no site), no other site's
    # settings.
    assert set(editors.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "add_scheduleentry",
        "change_scheduleentry",
        "delete_scheduleentry",
    }
    assert set(moderators.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "can_moderate",
    }


@pytest.mark.django_db
def test_the_commune_site_answers_on_its_host(portal, client):
    add("phường Sông Trí", "phuong-song-tri.example", "--slug", "song-tri")

    home = client.get("/", HTTP_HOST="phuong-song-tri.example")
    news = client.get("/tin-tuc/thong-bao/", HTTP_HOST="phuong-song-tri.example")
    town = client.get("/", HTTP_HOST="localhost")

    assert home.status_code == news.status_code == 200
    assert "Cổng thông tin điện tử phường Sông Trí" in home.content.decode()
    assert "Chào mừng bạn đến với Cổng thông tin điện tử phường Sông Trí." in home.content.decode()
    assert "Thông báo, kế hoạch và lịch tiếp công dân của phường Sông Trí." in news.content.decode()
    assert "phường Sông Trí" not in town.content.decode()
    assert PortalHomePage.objects.get(slug="song-tri").get_site().hostname == (
        "phuong-song-tri.example"
    )


@pytest.mark.django_db
def test_a_second_run_changes_nothing_and_says_so(portal):
    add("xã Kỳ Hoa", HOST)
    before = snapshot()

    output = add("Xã  Kỳ Hoa", HOST.upper())

    assert snapshot() == before
    assert "Xã Kỳ Hoa (http://xa-ky-hoa.hatinh.example) đã có đủ: không thay đổi gì." in output


@pytest.mark.django_db
def test_a_second_run_puts_back_only_what_is_missing(portal):
    add("xã Kỳ Hoa", HOST)
    NewsIndexPage.objects.get(slug="thong-bao").delete()
    Group.objects.get(name="Xã Kỳ Hoa – Kiểm duyệt bình luận").delete()

    output = add("xã Kỳ Hoa", HOST)

    assert NewsIndexPage.objects.filter(slug="thong-bao").count() == 1
    assert Group.objects.filter(name="Xã Kỳ Hoa – Kiểm duyệt bình luận").exists()
    assert Site.objects.filter(hostname=HOST).count() == 1
    assert "Đã thiết lập" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "field_value"),
    [
        # The town's host name, with the commune's own slug.
        (["xã Kỳ Hoa", "localhost"], "localhost"),
        # The town home page's slug, with a free host name.
        (["xã Kỳ Hoa", HOST, "--slug", "trang-chu"], "trang-chu"),
    ],
)
def test_a_host_name_or_slug_of_another_site_is_refused_and_nothing_is_created(
    portal, args, field_value
):
    before = snapshot()

    with pytest.raises(CommandError) as refusal:
        add(*args)

    assert snapshot() == before
    message = str(refusal.value)
    assert message.startswith("Không tạo gì cả: ")
    assert field_value in message
    assert "Cổng thông tin điện tử thị xã Kỳ Anh" in message  # the site that has it


@pytest.mark.django_db
def test_another_commune_cannot_take_a_commune_host_name(portal):
    add("xã Kỳ Hoa", HOST)
    before = snapshot()

    with pytest.raises(CommandError, match="Xã Kỳ Hoa"):
        add("xã Kỳ Lợi", HOST)
    with pytest.raises(CommandError, match="xa-ky-hoa"):
        add("xã Kỳ Lợi", "xa-ky-loi.example", "--slug", "xa-ky-hoa")

    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ["xã", HOST],
        ["xã Kỳ Hoa", "http://xa-ky-hoa.example/tin-tuc"],
        ["xã Kỳ Hoa", "xã-kỳ-hoa.example"],
        ["xã Kỳ Hoa", HOST, "--port", "70000"],
    ],
)
def test_unusable_values_are_refused(portal, args):
    before = snapshot()
    with pytest.raises(CommandError):
        add(*args)
    assert snapshot() == before


# --- The admin screen --------------------------------------------------------------

ADD_URL = "/admin/kyanh/communes/add/"


@pytest.fixture
def superuser_client(client, portal):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", "mat-khau")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_superusers_add_a_commune_from_the_admin(superuser_client):
    form = superuser_client.get(ADD_URL)
    assert form.status_code == 200
    assert 'name="hostname"' in form.content.decode()
    settings_menu = superuser_client.get("/admin/").content.decode()
    assert ADD_URL in settings_menu

    response = superuser_client.post(
        ADD_URL,
        {"name": "phường Sông Trí", "hostname": "phuong-song-tri.example", "port": 80, "slug": ""},
        follow=True,
    )

    home = PortalHomePage.objects.get(slug="phuong-song-tri")
    assert response.redirect_chain[-1][0] == f"/admin/pages/{home.pk}/"
    assert home.get_site().hostname == "phuong-song-tri.example"
    assert "http://phuong-song-tri.example" in response.content.decode()

    again = superuser_client.post(
        ADD_URL,
        {"name": "phường Sông Trí", "hostname": "phuong-song-tri.example", "port": 80},
        follow=True,
    )
    assert again.redirect_chain[-1][0] == f"/admin/pages/{home.pk}/"
    assert PortalHomePage.objects.filter(slug="phuong-song-tri").count() == 1


@pytest.mark.django_db
def test_a_refused_host_name_comes_back_in_the_form_with_the_text_typed(superuser_client):
    before = snapshot()

    response = superuser_client.post(
        ADD_URL, {"name": "xã Kỳ Hoa", "hostname": "LOCALHOST", "port": 80, "slug": "ky-hoa"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="LOCALHOST"' in html and 'value="xã Kỳ Hoa"' in html
    assert 'value="ky-hoa"' in html
    (error,) = response.context["form"].errors["hostname"]
    assert "localhost" in error and "Cổng thông tin điện tử thị xã Kỳ Anh" in error  # the owner
    assert error in html
    assert snapshot() == before


@pytest.mark.django_db
def test_a_malformed_host_name_is_explained_next_to_it(superuser_client):
    response = superuser_client.post(
        ADD_URL, {"name": "xã Kỳ Hoa", "hostname": "https://xa-ky-hoa.vn/", "port": 80}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"hostname"}
    assert 'value="https://xa-ky-hoa.vn/"' in response.content.decode()
    assert not Site.objects.filter(hostname__contains="ky-hoa").exists()


@pytest.mark.django_db
def test_only_superusers_see_and_open_the_screen(client, portal):
    editor = get_user_model().objects.create_user("bientap", "bt@example.vn", "mat-khau")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get(ADD_URL).status_code in (302, 403)
    assert client.post(
        ADD_URL, {"name": "xã Kỳ Hoa", "hostname": HOST, "port": 80}
    ).status_code in (
        302,
        403,
    )
    assert ADD_URL not in client.get("/admin/").content.decode()
    assert not Site.objects.filter(hostname=HOST).exists()


@pytest.mark.django_db
def test_a_name_typed_in_decomposed_unicode_is_stored_composed(portal):
    decomposed = unicodedata.normalize("NFD", "Phường  Sông Trí")

    add(decomposed, "phuong-song-tri.example")

    home = PortalHomePage.objects.get(slug="phuong-song-tri")
    assert home.title == "Phường Sông Trí"
    assert unicodedata.is_normalized("NFC", home.title)
    assert PortalSettings.objects.get(site=home.get_site()).portal_name == (
        "Cổng thông tin điện tử phường Sông Trí"
    )
