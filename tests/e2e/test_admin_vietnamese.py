"""An editor who chose Vietnamese meets no English interface text in the admin screens they use."""

import io
import re

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from kyanh_cms.models import NewsArticlePage
from kyanh_cms.wagtail_vi.catalogue import SOURCES, po_path, source_po

# Names that are the same in both languages, or user content that happens to
# match a message (the portal's own titles are Vietnamese anyway).
NOT_INTERFACE_TEXT = {"Wagtail", "Email", "URL", "ID", "CSV", "XLSX", "JSON", "Slug", "OK"}


def english_messages():
    """Every English message of the translated apps whose Vietnamese differs from it."""
    same_in_vietnamese = set()
    for domain in ("django", "djangojs"):
        for entry in polib.pofile(str(po_path(domain))):
            if entry.msgstr == entry.msgid:
                same_in_vietnamese.add(entry.msgid)
    messages = set()
    for _label, module, domain in SOURCES:
        try:
            catalogue = polib.pofile(str(source_po(module, domain)))
        except (ModuleNotFoundError, OSError):
            continue
        for entry in catalogue:
            for text in (entry.msgid, entry.msgid_plural):
                if text and "%" not in text and "{" not in text and re.search(r"[A-Za-z]", text):
                    messages.add(text.strip())
    return messages - same_in_vietnamese - NOT_INTERFACE_TEXT


@pytest.fixture
def vietnamese_editor(portal):
    user = get_user_model().objects.create_superuser(
        username="bientapvien", email="bientap@kyanh.example", password="mat-khau-thu"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    return user


def visible_english(page, messages):
    lines = page.evaluate("document.body.innerText").splitlines()
    return sorted({line.strip() for line in lines if line.strip() in messages})


def visit(page, url, name, messages, found, output_dir):
    response = page.goto(url)
    assert response.status == 200, name
    page.wait_for_load_state("networkidle")
    english = visible_english(page, messages)
    if english:
        found[name] = english
    page.screenshot(path=str(output_dir / f"admin-{name.replace(' ', '-')}.png"))


def test_vietnamese_editor_meets_no_english(
    portal, vietnamese_editor, live_server, open_page, output_dir
):
    messages = english_messages()
    assert len(messages) > 1000  # the check really knows Wagtail's English
    call_command("kyanh_demo", stdout=io.StringIO())
    # An article whose body has pictures, a table and task lists: many block forms.
    article = NewsArticlePage.objects.get(slug="ky-anh-so-ket-6-thang-dau-nam-2026")
    page = open_page()

    page.goto(live_server.url + "/admin/login/")
    assert visible_english(page, messages) == []
    page.fill("input[name=username]", "bientapvien")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    screens = {
        "dashboard": "/admin/",
        "explorer": reverse("wagtailadmin_explore", args=[article.get_parent().pk]),
        "image library": reverse("wagtailimages:index"),
        "documents": reverse("wagtaildocs:index"),
        "organizations": reverse("wagtailsnippets_kyanh_cms_organization:list"),
        "task plans": reverse("wagtailsnippets_kyanh_cms_taskplan:list"),
        "portal identity": reverse(
            "wagtailsettings:edit", args=["kyanh_cms", "portalsettings", portal.pk]
        ),
        "sidebar": reverse(
            "wagtailsettings:edit", args=["kyanh_cms", "sidebarsettings", portal.pk]
        ),
        "moderation queue": reverse("kyanh_reader_comments:index"),
    }
    found = {}
    for name, url in screens.items():
        visit(page, live_server.url + url, name, messages, found, output_dir)

    # The article editor, and the block chooser that adding a block to the body opens.
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    visit(page, live_server.url + edit_url, "article editor", messages, found, output_dir)
    page.locator("button.c-sf-add-button").first.click()
    chooser = page.locator("[role=dialog] .w-combobox, .w-combobox").first
    chooser.wait_for()
    assert "Đoạn văn" in chooser.inner_text() or "Văn bản" in chooser.inner_text()
    english = visible_english(page, messages)
    if english:
        found["block chooser"] = english
    # The chooser fades in: the screenshot waits for its animations to end.
    page.wait_for_function(
        "document.getAnimations().every(animation => animation.playState !== 'running')"
    )
    page.screenshot(path=str(output_dir / "admin-block-chooser.png"))
    assert found == {}
