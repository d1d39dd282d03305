"""The Vietnamese catalogue is complete, well-formed and shipped compiled."""

import re
import unicodedata
from pathlib import Path

import polib
import pytest
from django.utils import translation

import kyanh_cms

LOCALE = Path(kyanh_cms.__file__).parent / "locale" / "vi" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>")


def catalogues():
    return sorted(LOCALE.glob("*.po"))


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.name)
def test_every_message_is_translated(po_path):
    po = polib.pofile(str(po_path))
    assert po.metadata["Plural-Forms"].startswith("nplurals=1;")
    # translated() is False for fuzzy entries too: they are reported on their own.
    missing = [entry.msgid for entry in po if not entry.translated() and not entry.fuzzy]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert missing == [], f"untranslated in {po_path.name}: {missing}"
    assert fuzzy == [], f"fuzzy in {po_path.name}: {fuzzy}"


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.name)
def test_translations_keep_placeholders_and_are_nfc(po_path):
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )
            assert unicodedata.is_normalized("NFC", text), entry.msgid


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.name)
def test_compiled_catalogue_matches_the_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.name} is not compiled"
    # Keyed by context and text: "Status" of a legal document and of a task differ.
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.mofile(str(mo_path))
        if entry.msgid
    }
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.pofile(str(po_path)).translated_entries()
        if not entry.msgid_plural
    }
    assert {k: v for k, v in compiled.items() if k in source} == source


def test_visitor_strings_come_out_in_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Skip to main content") == "Chuyển đến nội dung chính"
        assert translation.gettext("Home") == "Trang chủ"
