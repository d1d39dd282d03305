"""Vietnamese text folding, shared by search and slugs.

Vietnamese is written with stacked diacritics, and the same word reaches the
server in many shapes: "Kỳ Anh" typed with a precomposed ``ỳ`` (NFC), with a
``y`` followed by a combining grave accent (NFD, what some macOS and old
Windows keyboards send), in capitals, or without any accents at all ("ky
anh"). Folding maps all of them to one key, ``"ky anh"``. ``đ`` is a letter
of its own that Unicode does not decompose, so ASCII folding that only drops
combining marks turns "Đảng" into "ang"; it is mapped to ``d`` explicitly.
"""

import re
import unicodedata
from collections import defaultdict

from django.utils.text import slugify

_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "d"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text) -> str:
    """``text`` in composed form (NFC): what the portal stores and compares. Vietnamese
    typed on some keyboards or pasted from documents arrives decomposed (NFD), and
    "Kỳ" in NFD would not equal "Kỳ" in NFC."""
    return unicodedata.normalize("NFC", str(text))


def fold_vietnamese(text) -> str:
    """``"  KỲ   Anh – Đảng "`` → ``"ky anh – dang"``.

    NFD decomposition, combining marks removed, ``đ`` → ``d``, lower case,
    runs of white space collapsed to one space. Idempotent.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_D_WITH_STROKE).lower().split())


def slugify_vietnamese(text, max_length: int = 255) -> str:
    """``"Đảng bộ thị xã Kỳ Anh"`` → ``"dang-bo-thi-xa-ky-anh"`` (ASCII only).

    Cut at a word boundary when longer than ``max_length``.
    """
    slug = _NON_SLUG.sub("-", slugify(fold_vietnamese(text))).strip("-")
    if len(slug) > max_length:
        slug = (
            slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
        )
    return slug


def slug_formatters():
    """Regex replacements that make Wagtail's slug JavaScript fold like ``slugify_vietnamese``.

    Wagtail's ``w-slug`` controller keeps Vietnamese letters when unicode
    slugs are allowed (its default), and with them disallowed it
    transliterates with tables that do not know Vietnamese (``đ`` becomes
    ``dj``, ``ả`` disappears). Its ``formatters`` run first, so mapping every
    accented Latin letter to its base letter here gives the same ASCII slug
    in the browser as on the server.
    """
    groups = defaultdict(list)
    for code_point in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code_point)
        folded = fold_vietnamese(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char.lower():
            groups[folded].append(char)
    formatters = [(r"[\u0300-\u036f]", "")]
    formatters += [(f"[{''.join(chars)}]", base) for base, chars in sorted(groups.items())]
    return formatters
