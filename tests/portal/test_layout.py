"""The portal layout (header, menu, breadcrumbs, columns, footer) and how a host changes it."""

from pathlib import Path

import pytest

from kyanh_cms.models import PortalHomePage, PortalSettings

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def home(portal):
    return portal.root_page.specific


def add_section(home, title, slug, show_in_menus=True):
    return home.add_child(
        instance=PortalHomePage(title=title, slug=slug, show_in_menus=show_in_menus)
    )


def test_home_page_draws_the_portal_identity(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Cổng thông tin điện tử thị xã Kỳ Anh" in html
    assert "Ủy ban nhân dân thị xã Kỳ Anh" in html  # publishing body in the footer
    assert "banbientap@kyanh.example" in html
    assert "Chuyển đến nội dung chính" in html
    assert 'id="main-content"' in html
    assert 'class="kyanh-sidebar"' in html
    assert "/media/images/" in html  # the emblem rendition


def test_identity_is_per_site_and_edits_show_at_once(client, home):
    identity = PortalSettings.for_site(home.get_site())
    identity.portal_name = "Cổng thông tin phường Kỳ Trinh"
    identity.save()
    assert "Cổng thông tin phường Kỳ Trinh" in client.get("/").content.decode()


def test_menu_lists_live_sections_marked_for_menus(client, home):
    add_section(home, "Tin tức", "tin-tuc")
    add_section(home, "Trang ẩn", "trang-an", show_in_menus=False)
    draft = add_section(home, "Bản nháp", "ban-nhap")
    draft.unpublish()
    html = client.get("/").content.decode()
    nav = html[html.index('class="kyanh-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Tin tức" in nav
    assert "Trang ẩn" not in nav
    assert "Bản nháp" not in nav


def test_breadcrumbs_lead_home_through_the_ancestors(client, home):
    section = add_section(home, "Tin tức", "tin-tuc")
    child = section.add_child(instance=PortalHomePage(title="Tin hoạt động", slug="tin-hoat-dong"))
    html = client.get(child.url).content.decode()
    crumbs = html[html.index('class="kyanh-breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert crumbs.index("Trang chủ") < crumbs.index("Tin tức") < crumbs.index("Tin hoạt động")
    assert '<span aria-current="page">Tin hoạt động</span>' in crumbs


def test_a_host_can_put_the_pages_into_its_own_layout(client, home, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]
    settings.KYANH_CMS = {"BASE_TEMPLATE": "host_portal/layout.html"}
    html = client.get("/").content.decode()
    assert "The host portal's own header" in html
    assert 'id="main-content"' in html  # our columns inside the host's layout
    assert "kyanh-header" not in html  # and not our header


def test_a_host_overrides_one_template_by_path(client, home, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [TEST_TEMPLATES, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    html = client.get("/").content.decode()
    assert "Chân trang riêng của cổng Cổng thông tin điện tử thị xã Kỳ Anh" in html


def test_unknown_url_is_a_vietnamese_404_in_the_portal_layout(client, home):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Cổng thông tin điện tử thị xã Kỳ Anh" in html


def test_home_page_query_budget(client, home, django_assert_max_num_queries, fragments_off):
    client.get("/")  # warm the per-site caches
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200
