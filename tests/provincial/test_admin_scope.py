"""Commune B's editor, in the Wagtail admin, sees and touches nothing of commune A."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow

from kyanh_cms.models import ReaderComment


def html(response):
    return response.content.decode()


def assert_only_b(text, a, b, b_titles=None):
    for title in a.titles:
        assert title not in text, f"commune A's “{title}” is shown"
    for title in b_titles if b_titles is not None else []:
        assert title in text, f"commune B's “{title}” is missing"


def chooser_html(response):
    """A chooser answers with JSON wrapping its HTML, or (search results) with the HTML."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return html(response)


def refused(response):
    """403, a redirect away, or a 404: never the page."""
    return response.status_code in (302, 403, 404)


# --- Pages ---------------------------------------------------------------------------


def test_the_explorer_starts_at_the_commune_and_never_opens_another(b_editor_client, communes):
    a, b = communes

    start = b_editor_client.get("/admin/pages/", follow=True)
    other = b_editor_client.get(f"/admin/pages/{a.home.pk}/", follow=True)
    category = b_editor_client.get(f"/admin/pages/{a.category('tin-hoat-dong').pk}/", follow=True)

    assert start.redirect_chain[-1][0] == f"/admin/pages/{b.home.pk}/"
    assert_only_b(html(start), a, b, ["Tin tức", "Mô hình, điển hình"])
    for response in (other, category):
        assert response.redirect_chain[-1][0] == f"/admin/pages/{b.home.pk}/"
        assert_only_b(html(response), a, b)
    # The page tree menu (the admin API) lists the commune only.
    menu = b_editor_client.get(
        f"/admin/api/main/pages/?child_of={Page.get_first_root_node().pk}&for_explorer=1"
    )
    assert [item["title"] for item in menu.json()["items"]] == ["Phường Sông Trí"]


PAGE_VIEWS = [
    "edit",
    "preview_on_edit",
    "view_draft",
    "delete",
    "unpublish",
    "move",
    "copy",
    "set_privacy",
    "lock",
    "unlock",
    "revisions_index",
    "history",
    "history_results",
    "usage",
    "workflow_history",
    "add_subpage",
]


def test_no_page_view_of_commune_a_opens(b_editor_client, communes):
    a, b = communes
    article, own = a.articles["activity"], b.articles["activity"]
    for url_name in PAGE_VIEWS:
        parent_view = url_name == "add_subpage"
        argument = article.get_parent().pk if parent_view else article.pk
        response = b_editor_client.get(reverse(f"wagtailadmin_pages:{url_name}", args=[argument]))
        assert refused(response) or article.title not in html(response), url_name
        # The same view of B's own article opens.
        own_argument = own.get_parent().pk if parent_view else own.pk
        own_response = b_editor_client.get(
            reverse(f"wagtailadmin_pages:{url_name}", args=[own_argument])
        )
        assert own_response.status_code in (200, 302, 405), url_name


def test_commune_a_pages_cannot_be_edited_published_moved_or_deleted(b_editor_client, communes):
    a, b = communes
    article = a.articles["activity"]
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])

    publish = b_editor_client.post(
        edit, {"title": "Đã bị sửa", "slug": article.slug, "action-publish": "action-publish"}
    )
    move = b_editor_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[article.pk, b.category("thong-bao").pk])
    )
    move_in = b_editor_client.post(
        reverse(
            "wagtailadmin_pages:move_confirm",
            args=[b.articles["activity"].pk, a.category("thong-bao").pk],
        )
    )
    delete = b_editor_client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))
    unpublish = b_editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

    for response in (publish, move, move_in, delete, unpublish):
        assert refused(response), response.status_code
    article.refresh_from_db()
    assert (article.title, article.live) == ("Kỳ Hoa khánh thành nhà văn hóa thôn Tân Thành", True)
    assert article.get_parent().pk == a.category("tin-hoat-dong").pk
    assert b.articles["activity"].get_parent().specific.slug == "tin-hoat-dong"
    assert b.articles["activity"].get_parent().pk == b.category("tin-hoat-dong").pk


def test_the_admin_search_finds_the_commune_pages_only(b_editor_client, communes):
    a, b = communes
    for query in ("thông báo", "Kỳ Hoa", "bản nháp"):
        response = b_editor_client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        assert_only_b(html(response), a, b)
    found = html(b_editor_client.get("/admin/pages/search/", {"q": "thông báo"}))
    assert "Sông Trí thông báo lịch tiếp công dân tháng mười hai" in found


def test_the_explorer_search_of_the_whole_tree_keeps_to_the_commune(
    b_editor_client, communes, settings
):
    a, b = communes
    settings.WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False

    response = b_editor_client.get(
        f"/admin/pages/{b.home.pk}/", {"q": "thông báo", "search_all": "1"}
    )

    assert response.status_code == 200
    assert_only_b(html(response), a, b, ["Sông Trí thông báo lịch tiếp công dân tháng mười hai"])


# --- Choosers ------------------------------------------------------------------------


def test_the_page_chooser_lists_the_commune_only(b_editor_client, communes, portal):
    a, b = communes

    root = b_editor_client.get("/admin/choose-page/")
    inside = b_editor_client.get(f"/admin/choose-page/{b.category('tin-hoat-dong').pk}/")
    articles = b_editor_client.get(
        "/admin/choose-page/", {"page_type": "kyanh_cms.newsarticlepage"}
    )
    search = b_editor_client.get("/admin/choose-page/search/", {"q": "thông báo"})

    for response in (root, inside, articles, search):
        assert response.status_code == 200
        assert_only_b(chooser_html(response), a, b)
    assert "Phường Sông Trí" in chooser_html(root)
    assert "Xã Kỳ Hoa" not in chooser_html(root)
    assert f"/admin/choose-page/{portal.root_page_id}/" not in chooser_html(root)  # nor the town
    assert "Sông Trí ra quân làm sạch bờ kè sông Trí" in chooser_html(inside)
    assert "Sông Trí thông báo lịch tiếp công dân" in chooser_html(search)


def test_the_page_chooser_does_not_open_on_another_commune(b_editor_client, communes):
    a, _b = communes
    for page in (a.home, a.category("tin-hoat-dong"), a.articles["activity"]):
        response = b_editor_client.get(f"/admin/choose-page/{page.pk}/")
        assert refused(response) and page.title not in html(response)


def test_the_page_chooser_is_not_restricted_for_superusers(client, communes):
    a, b = communes
    client.force_login(get_user_model().objects.create_superuser("qt", "qt@example.vn", "x"))
    root = chooser_html(client.get("/admin/choose-page/"))
    assert "Xã Kỳ Hoa" in root and "Phường Sông Trí" in root


@pytest.mark.parametrize(
    "url", ["/admin/images/chooser/", "/admin/images/chooser/results/?q=Ảnh", "/admin/images/"]
)
def test_images_of_commune_a_are_neither_listed_nor_chosen(b_editor_client, communes, url):
    a, b = communes
    response = b_editor_client.get(url)
    assert response.status_code == 200
    text = chooser_html(response)
    assert a.image.title not in text
    assert b.image.title in text


@pytest.mark.parametrize(
    "url",
    ["/admin/documents/chooser/", "/admin/documents/chooser/results/?q=Lịch", "/admin/documents/"],
)
def test_documents_of_commune_a_are_neither_listed_nor_chosen(b_editor_client, communes, url):
    a, b = communes
    response = b_editor_client.get(url)
    assert response.status_code == 200
    text = chooser_html(response)
    assert a.document.title not in text
    assert b.document.title in text


def test_commune_a_images_and_documents_do_not_open(b_editor_client, communes):
    a, _b = communes
    for url in (
        f"/admin/images/{a.image.pk}/",
        f"/admin/images/chooser/{a.image.pk}/select_format/",
        f"/admin/images/chooser/{a.image.pk}/",
        f"/admin/documents/edit/{a.document.pk}/",
        f"/admin/documents/chooser/{a.document.pk}/",
    ):
        response = b_editor_client.get(url)
        assert refused(response) or a.image.title not in html(response), url


# --- Settings ------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["portalsettings", "sidebarsettings", "engagementsettings"])
def test_settings_open_for_the_commune_only(b_editor_client, communes, portal, model):
    a, b = communes
    base = f"/admin/settings/kyanh_cms/{model}/"

    assert b_editor_client.get(f"{base}{b.site.pk}/").status_code == 200
    assert b_editor_client.get(f"{base}{a.site.pk}/").status_code in (302, 403)
    assert b_editor_client.get(f"{base}{portal.pk}/").status_code in (302, 403)
    assert b_editor_client.get(base, follow=True).redirect_chain[-1][0] == f"{base}{b.site.pk}/"


# --- Dashboard and reports -----------------------------------------------------------


@pytest.fixture
def busy_communes(communes):
    """Each commune's editor has edited, locked and sent a page to moderation, and
    readers wait for moderation on both."""
    a, b = communes
    workflow = Workflow.objects.get()  # Wagtail's "Moderators approval", on the tree root
    for commune in communes:
        # A fresh copy: the commune's titles stay the published ones, which the edited
        # title starts with.
        article = commune.articles["notice"].specific_class.objects.get(
            pk=commune.articles["notice"].pk
        )
        article.title = article.title + " (sửa)"
        article.save_revision(user=commune.editor, log_action=True)
        article.locked, article.locked_by, article.locked_at = True, commune.editor, timezone.now()
        article.save(update_fields=["locked", "locked_by", "locked_at"])
        draft = commune.draft
        draft.save_revision(user=commune.editor, log_action=True)
        workflow.start(draft, commune.editor)
        ReaderComment.objects.create(
            page=commune.articles["activity"],
            name=f"Bạn đọc {commune.host}",
            content=f"Ý kiến về {commune.articles['activity'].title}",
        )
    return a, b


def test_the_dashboard_shows_the_commune_only(b_editor_client, busy_communes):
    a, b = busy_communes

    response = b_editor_client.get("/admin/")

    assert response.status_code == 200
    assert_only_b(
        html(response),
        a,
        b,
        ["Sông Trí thông báo lịch tiếp công dân tháng mười hai (sửa)", "Phường Sông Trí"],
    )


def test_commune_moderators_do_not_get_the_installation_wide_queue_on_the_dashboard(
    client, busy_communes
):
    a, b = busy_communes
    moderator = get_user_model().objects.create_user("kiemduyet", "kd@example.vn", "x")
    moderator.groups.add(b.setup.moderators)
    client.force_login(moderator)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert f"Ý kiến về {a.articles['activity'].title}" not in html(response)


REPORTS = [
    "/admin/reports/locked/",
    "/admin/reports/locked/results/",
    "/admin/reports/aging-pages/",
    "/admin/reports/aging-pages/results/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow/results/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/workflow_tasks/results/",
    "/admin/pages/usage/kyanh_cms/newsarticlepage/",
]


def test_wagtail_reports_show_nothing_of_commune_a(b_editor_client, busy_communes):
    a, b = busy_communes
    for url in REPORTS:
        response = b_editor_client.get(url)
        assert response.status_code == 200, url
        assert_only_b(html(response), a, b)
        if "results" in url:
            continue
        export = b_editor_client.get(url, {"export": "csv"})
        if export.status_code == 200 and "csv" in export["Content-Type"]:
            assert_only_b(b"".join(export.streaming_content).decode("utf-8-sig"), a, b)


def test_wagtail_reports_show_the_commune_own_pages(b_editor_client, busy_communes):
    _a, b = busy_communes
    edited = "Sông Trí thông báo lịch tiếp công dân tháng mười hai (sửa)"
    assert edited in html(b_editor_client.get("/admin/reports/locked/"))
    assert edited in html(b_editor_client.get("/admin/reports/site-history/"))
    assert b.draft.title in html(b_editor_client.get("/admin/reports/workflow/"))
    assert b.articles["activity"].title in html(b_editor_client.get("/admin/reports/aging-pages/"))


def test_the_page_types_usage_report_is_not_in_the_commune_editor_menu(
    b_editor_client, busy_communes
):
    dashboard = html(b_editor_client.get("/admin/"))
    assert "/admin/reports/page-types-usage/" not in dashboard
    assert "/admin/reports/aging-pages/" in dashboard


@pytest.mark.xfail(
    strict=True,
    reason=(
        "wagtail.admin.views.reports.page_types_usage.PageTypesUsageReportView lists the "
        "last edited page of each type in the whole installation and has no hook; its menu "
        "item is hidden from commune users, its address still answers them."
    ),
)
def test_the_page_types_usage_report_address_shows_nothing_of_commune_a(
    b_editor_client, busy_communes
):
    a, b = busy_communes
    a.articles["activity"].save_revision(user=a.editor)  # the last edited article
    response = b_editor_client.get("/admin/reports/page-types-usage/")
    assert refused(response) or all(title not in html(response) for title in a.titles)


def test_the_moderation_queue_of_a_commune_moderator_shows_nothing_of_commune_a(
    client, busy_communes
):
    a, b = busy_communes
    moderator = get_user_model().objects.create_user("kiemduyet", "kd@example.vn", "x")
    moderator.groups.add(b.setup.moderators)
    client.force_login(moderator)

    response = client.get("/admin/reader-comments/")

    assert response.status_code == 200
    assert f"Bạn đọc {b.host}" in html(response)
    assert f"Bạn đọc {a.host}" not in html(response)
    dashboard = html(client.get("/admin/"))
    assert f"Bạn đọc {a.host}" not in dashboard
    # Neither by its address nor by a bulk action with its id.
    other = ReaderComment.objects.get(name=f"Bạn đọc {a.host}")
    assert client.get(f"/admin/reader-comments/edit/{other.pk}/").status_code in (302, 403, 404)
    client.post(f"/admin/bulk/kyanh_cms/readercomment/approve/?next=/admin/&id={other.pk}")
    other.refresh_from_db()
    assert other.status == ReaderComment.Status.PENDING


@pytest.mark.xfail(
    strict=True,
    reason=(
        "wagtail.admin.views.pages.search.SearchView searches the whole tree when "
        "WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS is False and has no hook: keep the "
        "setting at its default (True) in a provincial installation."
    ),
)
def test_the_admin_search_without_permission_filtering_shows_nothing_of_commune_a(
    b_editor_client, communes, settings
):
    a, b = communes
    settings.WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = False
    response = b_editor_client.get("/admin/pages/search/", {"q": "thông báo"})
    assert_only_b(html(response), a, b)
