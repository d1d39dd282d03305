"""Numbers and symbols of documents ("125/QĐ-UBND") and the folded text visitors search.

A document's number and symbol ("số, ký hiệu") is its number, the year for
some kinds, the kind's abbreviation and the issuer's ("42/2022/NĐ-CP",
"125/QĐ-UBND", "15/QĐ-TTg"). People type it in many shapes: "125 qd ubnd",
"QĐ-UBND 125", "125/QD-UBND". Searching splits both the stored text and the
query into words at every character that is not a letter or a digit, after
folding the accents away (``core.text.fold_vietnamese``), so each of those
finds the document.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyanh_cms.core.text import fold_vietnamese, nfc

#: Number (with an optional letter: "125a"), optional year, then the symbol's parts.
NUMBER_SYMBOL = re.compile(r"^\d{1,6}[a-z]?(?:/\d{4})?(?:/[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*)+$")
_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
#: Words a visitor's query is cut to (a longer query searches its first words).
MAX_TERMS = 8
MAX_QUERY_LENGTH = 200


def normalize_number_symbol(value) -> str:
    """``" 125 / qđ - ubnd "`` → ``"125/QĐ-UBND"``: NFC, no spaces around separators,
    letters in capitals except where the symbol mixes cases on purpose ("QĐ-TTg")."""
    text = _AROUND_SEPARATORS.sub(r"\1", " ".join(nfc(value or "").split()))
    return text if any(c.isupper() for c in text) else text.upper()


def validate_number_symbol(value):
    if not NUMBER_SYMBOL.match(normalize_number_symbol(value)):
        raise ValidationError(
            _(
                "Write the number and symbol as it stands on the document, for example "
                "“125/QĐ-UBND” or “42/2022/NĐ-CP”: the number, then the symbol after a "
                "slash, parts joined by hyphens."
            ),
            code="number_symbol",
        )


def number_key(value) -> str:
    """What two numbers must share to be the same document's: folded, no separators
    ("125/QĐ-UBND" and "125/QD-UBND" are one)."""
    return " ".join(search_words(value))


def search_words(text) -> list[str]:
    """The folded words of ``text``, split at every non-alphanumeric character."""
    return [word for word in _NOT_WORD.split(fold_vietnamese(text)) if word]


def search_text(*parts) -> str:
    """The stored folded text of a document: words separated by single spaces, with a
    space at each end so a word can also be matched whole (`` 125 ``)."""
    return " " + " ".join(word for part in parts if part for word in search_words(part)) + " "


def query_terms(query) -> list[str]:
    """The de-duplicated folded words of a visitor's query, within sane limits."""
    terms = []
    for word in search_words((query or "")[:MAX_QUERY_LENGTH]):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]
