"""The extension's Vietnamese catalogue: complete, and never changing what a Wagtail word
means in the admin.

Django reads the extension's catalogue before Wagtail's (``kyanh_cms`` comes first in
INSTALLED_APPS), so a project translation of a bare word Wagtail also uses replaces
Wagtail's everywhere: "Save" read "Lưu bài" on every model's save button, "name"
"họ và tên" on every form. A project word with another meaning gets a ``pgettext``
context instead.
"""

import re
from datetime import timedelta
from pathlib import Path

import polib
import pytest
import wagtail
from django.template import Context, Template
from django.utils import timezone, translation
from wagtail.models import Task, Workflow

import kyanh_cms
from kyanh_cms.portal.timesince import TIME_STRINGS
from kyanh_cms.portal.workflows import (
    TASK_NAME,
    WAGTAIL_DEFAULT,
    WORKFLOW_NAME,
    name_default_workflow_in_vietnamese,
)

PACKAGE = Path(kyanh_cms.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"
WAGTAIL_CATALOGUES = [
    *Path(wagtail.__file__).resolve().parent.glob("**/locale/vi/LC_MESSAGES/django.po"),
    PACKAGE / "wagtail_vi" / "locale" / "vi" / "LC_MESSAGES" / "django.po",
]

#: Collisions in wings whose strings were being rewritten when this check came in, each
#: with the meaning the wing needs: give them a ``pgettext`` context, then drop them here.
LEFT_TO_THEIR_WINGS = {
    "expired": "documents: a document's status",
    "Field": "documents: a document's field of activity",
    "Fields": "documents: fields of activity",
    "Title": "documents export, showcase import: a column",
    "Documents": "documents: legal documents",
    "draft": "documents, schedules: a draft for comment",
    "Draft": "documents: a draft for comment",
    "first published at": "schedules",
    "Approve": "engagement: approve a comment",
    "Action": "document and showcase import: a column",
}

#: Files whose new strings were still being written (and translated) by their wings when
#: this check came in; everything else must have Vietnamese. Drop them once they do.
SOURCES_AT_WORK = (
    "blocks/schedules.py",
    "templates/kyanh_cms/schedules/",
    "kyanh_cms/caching/models.py",
)


def wagtail_words():
    """Every context-free msgid of Wagtail's catalogues → the Vietnamese Wagtail gives it."""
    words = {}
    for path in WAGTAIL_CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.msgctxt is None and entry.msgstr and not entry.obsolete:
                words.setdefault(entry.msgid, set()).add(entry.msgstr)
    return words


def test_no_project_translation_changes_what_a_wagtail_word_means():
    words = wagtail_words()
    changed = {
        entry.msgid: (entry.msgstr, sorted(words[entry.msgid]))
        for entry in polib.pofile(str(CATALOGUE))
        if entry.msgctxt is None
        and entry.msgstr
        and entry.msgid in words
        and entry.msgstr not in words[entry.msgid]
    }
    assert set(changed) - set(LEFT_TO_THEIR_WINGS) == set(), changed


@pytest.mark.parametrize(
    ("context", "word", "vietnamese", "wagtail_vietnamese"),
    [
        ("download the article", "Save", "Lưu bài", "Lưu"),
        ("person", "name", "họ và tên", "tên"),
        ("key task", "task", "nhiệm vụ", "bước duyệt"),
    ],
)
def test_a_project_meaning_lives_under_its_context(context, word, vietnamese, wagtail_vietnamese):
    with translation.override("vi"):
        assert translation.pgettext(context, word) == vietnamese
        assert translation.gettext(word) == wagtail_vietnamese


def test_every_project_string_has_vietnamese():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = {
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and ("fuzzy" in entry.flags or not entry.translated())
        and not all(path.startswith(SOURCES_AT_WORK) for path, _line in entry.occurrences)
    }
    assert missing == set()
    # What Django reads is the compiled file: it says the same.
    compiled = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    }
    for entry in catalogue.translated_entries():
        assert compiled[(entry.msgctxt, entry.msgid)].msgstr == entry.msgstr, entry.msgid


def test_elapsed_times_are_vietnamese_in_the_admin():
    assert set(TIME_STRINGS) == {"year", "month", "week", "day", "hour", "minute"}
    template = Template("{% load wagtailadmin_tags %}{{ when|timesince_simple }}")
    with translation.override("vi"):
        shown = template.render(Context({"when": timezone.now() - timedelta(minutes=17)}))
        assert shown == "17\xa0phút trước"  # a non-breaking space, as Django writes it
        shown = template.render(Context({"when": timezone.now() - timedelta(days=3)}))
        assert shown == "3\xa0ngày trước"


@pytest.mark.django_db
def test_wagtails_default_workflow_gets_a_vietnamese_name():
    # Wagtail's migrations made them; a second workflow is an administrator's.
    workflow = Workflow.objects.get(name=WAGTAIL_DEFAULT)
    task = Task.objects.get(name=WAGTAIL_DEFAULT)
    chosen = Workflow.objects.create(name="Hai bước của Ban biên tập")
    assert name_default_workflow_in_vietnamese() == 2
    assert name_default_workflow_in_vietnamese() == 0
    workflow.refresh_from_db()
    task.refresh_from_db()
    chosen.refresh_from_db()
    assert (workflow.name, task.name) == (WORKFLOW_NAME, TASK_NAME)
    assert chosen.name == "Hai bước của Ban biên tập"  # an administrator's name stays
    with translation.override("vi"):
        label = translation.gettext("Submit to %(workflow_name)s") % {
            "workflow_name": workflow.name
        }
    assert label == "Gửi vào quy trình duyệt bài"


def test_a_new_commune_site_names_the_workflow_in_vietnamese(portal):
    from kyanh_cms.provincial.setup import add_commune

    Workflow.objects.filter(name=WORKFLOW_NAME).update(name=WAGTAIL_DEFAULT)
    add_commune("Xã Kỳ Hoa", "xa-ky-hoa.localhost")
    assert Workflow.objects.filter(name=WORKFLOW_NAME).exists()
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT).exists()


def test_the_admin_login_asks_for_the_password_in_vietnamese(client, portal):
    html = client.get("/admin/login/").content.decode()
    assert re.search(r"Mật khẩu\s*<span", html)
    assert not re.search(r">\s*Password\s*<", html)


EXTRACT = """
import os, sys
sys.path.insert(0, {example_site!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "kyanh_example.settings.dev"
import django
from django.conf import settings
django.setup()
settings.LOCALE_PATHS = [{locale!r}]
os.chdir({tree!r})
from django.core.management import call_command
call_command("makemessages", locale=["vi"], domain="django", verbosity=0, no_obsolete=True)
"""


@pytest.mark.slow
def test_every_string_in_the_source_has_vietnamese(tmp_path):
    """A string added in code or a template without running `make messages` is not in
    the catalogue at all, which the check above cannot see: extract the source's
    strings afresh, as `make messages` does, into a scratch catalogue and compare."""
    import shutil
    import subprocess
    import sys

    tree = tmp_path / "source"
    # Links followed: blocks/ and templates/ are links inside the package.
    shutil.copytree(
        PACKAGE,
        tree / "kyanh_cms",
        ignore=shutil.ignore_patterns("locale", "wagtail_vi", "static", "__pycache__"),
    )
    (tmp_path / "locale").mkdir()
    script = EXTRACT.format(
        example_site=str(Path(__file__).resolve().parents[2] / "example_site"),
        locale=str(tmp_path / "locale"),
        tree=str(tree),
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=600)
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(CATALOGUE))
        if entry.translated() and "fuzzy" not in entry.flags
    }
    extracted = polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    missing = {
        entry.msgid
        for entry in extracted
        if (entry.msgctxt, entry.msgid) not in translated
        and not all(
            path.removeprefix("kyanh_cms/").startswith(SOURCES_AT_WORK)
            or path.startswith(SOURCES_AT_WORK)
            for path, _line in entry.occurrences
        )
    }
    assert len(extracted) > 900  # the whole source was read
    assert missing == set()
