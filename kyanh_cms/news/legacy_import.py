"""Import of the old portal's news from a JSON Lines export (``manage.py kyanh_import``).

The export has one article per line (the format is in ``docs/import.md``).
Each line goes through three steps:

1. ``parse_record`` checks the JSON and its fields and returns a
   ``LegacyRecord``, or raises ``RecordError`` with the reason; nothing is
   written for a bad line and the next line carries on.
2. ``HtmlConverter`` turns the old HTML body into the article's blocks with
   BeautifulSoup: headings, paragraphs (cleaned to the article's rich text
   features by Wagtail's own whitelister), pictures with captions, quotes,
   tables, embedded videos, and numbered "(1) … (2) …" paragraphs or lists
   as a task list.
3. ``LegacyImporter.import_record`` writes the article, its pictures, its
   category pages, a redirect from the old address and the old view count,
   all in one transaction per article.

An article is keyed by its old address (``LegacyArticle.legacy_url``). A
fingerprint of the record and of the picture files it points at decides
whether a later run has anything to do: an unchanged line writes nothing,
a changed one publishes a new revision of the same page. An article an
editor has changed since, or deleted, is left alone.
"""

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from kyanh_cms.core.images import max_image_pixels
from kyanh_cms.core.richtext import ARTICLE_TEXT_FEATURES, SHORT_TEXT_FEATURES
from kyanh_cms.core.text import fold_vietnamese
from kyanh_cms.news.legacy import LegacyArticle
from kyanh_cms.news.models import NewsArticlePage, NewsIndexPage
from kyanh_cms.sidebar.public import DailyPageViews, increment
from kyanh_cms.tasks.public import Numbering, TaskListKind

#: Part of every fingerprint: a new converter re-imports records that did not change.
CONVERTER_VERSION = "1"
DEFAULT_CATEGORY = "Tin tức"
CATEGORY_SEPARATOR = ">"
#: Title of a task list whose heading the old article did not write.
DEFAULT_TASK_LIST_TITLE = "Nhiệm vụ, giải pháp"
DATE_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y")

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LIST_TAGS = {"ul", "ol"}
INLINE_TAGS = {
    "a", "abbr", "b", "big", "br", "code", "em", "font", "i", "mark", "s", "small", "span",
    "strike", "strong", "sub", "sup", "u",
}  # fmt: skip
DROPPED_TAGS = {"script", "style", "noscript", "form", "input", "button", "select", "textarea"}
EMBED_TAGS = {"iframe", "embed", "video"}
CAPTION_CLASS = re.compile(r"caption|chu-?thich|desc|image-note", re.IGNORECASE)
#: "(1) Hoàn thiện…", "(2) …" — the numbering of the portal's task lists.
TASK_MARKER = re.compile(r"^\s*\((\d{1,2})\)\s*")
INLINE_TASK_MARKER = re.compile(r"\((\d{1,2})\)\s*")
#: A YouTube player address, turned back into the video's page for oEmbed.
YOUTUBE_EMBED = re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+).*$")
#: Numbers written the Vietnamese way (2.060.856 ; 4,3) or plainly (12560 ; 98.5).
NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$|^-?\d+\.\d{1,2}$")


class RecordError(Exception):
    """A line that cannot be imported; the message says why."""


@dataclass
class ImageRef:
    src: str
    caption: str = ""
    alt: str = ""


@dataclass
class LegacyRecord:
    line: int
    legacy_url: str
    title: str
    published_at: datetime
    lead: str
    body_html: str
    images: list
    category: list
    author: str
    source: str
    view_count: int
    raw: dict


@dataclass
class Outcome:
    """What happened to one line: ``action`` is created, updated, unchanged or skipped."""

    line: int
    action: str
    title: str = ""
    detail: str = ""
    warnings: list = field(default_factory=list)


# --- 1. Reading a line ---------------------------------------------------------------------


def _text(value, name, max_length=None, required=False):
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RecordError(f"{name} must be text, not {type(value).__name__}")
    value = " ".join(value.split())
    if required and not value:
        raise RecordError(f"missing {name}")
    if max_length and len(value) > max_length:
        raise RecordError(f"{name} is longer than {max_length} characters")
    return value


def parse_date(value):
    """ISO 8601 (``2024-05-17``, ``2024-05-17T08:30:00+07:00``) or ``17/05/2024 08:30``;
    a time without a zone is the portal's local time."""
    if not isinstance(value, str) or not value.strip():
        raise RecordError("missing date")
    text = value.strip()
    parsed = None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        for date_format in DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, date_format)  # noqa: DTZ007 - made aware below
                break
            except ValueError:
                continue
    if parsed is None:
        raise RecordError(f"bad date {text!r} (use 2024-05-17, 2024-05-17T08:30 or 17/05/2024)")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _view_count(value):
    if value in (None, ""):
        return 0
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", value.strip()):
        value = int(value.strip().replace(".", ""))
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RecordError(f"view_count must be a whole number of 0 or more, not {value!r}")
    return value


def _images(value):
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise RecordError("images must be a list of paths or URLs")
    refs = []
    for item in value:
        if isinstance(item, str) and item.strip():
            refs.append(ImageRef(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("src"), str) and item["src"].strip():
            refs.append(
                ImageRef(
                    item["src"].strip(),
                    _text(item.get("caption"), "image caption"),
                    _text(item.get("alt"), "image alt"),
                )
            )
        else:
            raise RecordError(f"images: {item!r} is neither a path nor {{'src': …}}")
    return refs


def _category(value):
    text = _text(value, "category") or DEFAULT_CATEGORY
    names = [" ".join(part.split()) for part in text.split(CATEGORY_SEPARATOR)]
    if not all(names):
        raise RecordError(f"category {text!r} has an empty part")
    if any(len(name) > 255 for name in names):
        raise RecordError("a category name is longer than 255 characters")
    return names


def parse_record(line_number, text):
    """A ``LegacyRecord`` from one line of the export, or ``RecordError``."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"not valid JSON ({error.msg}, column {error.colno})") from error
    if not isinstance(raw, dict):
        raise RecordError("a line must hold one JSON object")
    legacy_url = _text(raw.get("legacy_url"), "legacy_url", max_length=500, required=True)
    body = raw.get("body_html") or ""
    if not isinstance(body, str):
        raise RecordError("body_html must be text")
    return LegacyRecord(
        line=line_number,
        legacy_url=legacy_url,
        title=_text(raw.get("title"), "title", max_length=255, required=True),
        published_at=parse_date(raw.get("date")),
        lead=BeautifulSoup(_text(raw.get("lead"), "lead"), "html.parser").get_text(" ").strip(),
        body_html=body,
        images=_images(raw.get("images")),
        category=_category(raw.get("category")),
        author=_text(raw.get("author"), "author", max_length=200),
        source=_text(raw.get("source"), "source", max_length=200),
        view_count=_view_count(raw.get("view_count")),
        raw=raw,
    )


# --- 2. Old HTML to blocks ---------------------------------------------------------------------


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _clean_text(node):
    return " ".join(node.get_text(" ").split())


def _parse_number(text):
    """``"2.060.856"`` → ``"2060856"``, ``"4,3"`` → ``"4.3"``; ``None`` if not a number."""
    if not NUMBER.match(text):
        return None
    if "," in text or re.search(r"\.\d{3}(?!\d)", text):
        return text.replace(".", "").replace(",", ".")
    return text


def _task_kind(title):
    folded = fold_vietnamese(title)
    if "dot pha" in folded:
        return TaskListKind.BREAKTHROUGH
    if "han che" in folded or "ton tai" in folded:
        return TaskListKind.SHORTCOMINGS
    if "giai phap" in folded:
        return TaskListKind.SOLUTIONS
    return TaskListKind.KEY_TASKS


def _task_item(text):
    """A task list item: the title up to 500 characters, the rest as details."""
    text = text.strip().rstrip(";.,").strip()
    if len(text) <= 500:
        return {"title": text, "details": "", "status": ""}
    cut = text.rfind(". ", 0, 499)
    cut = cut + 1 if cut > 0 else 499
    return {"title": text[:cut].strip(), "details": f"<p>{_escape(text[cut:].strip())}</p>"}


def _escape(text):
    return escape(text)


def _split_inline_tasks(text):
    """``"Gồm: (1) A; (2) B; (3) C"`` → ``("Gồm:", ["A", "B", "C"])``, or ``None`` when the
    text does not number at least two items from (1) in order."""
    markers = list(INLINE_TASK_MARKER.finditer(text))
    expected, chosen = 1, []
    for marker in markers:
        if int(marker.group(1)) == expected:
            chosen.append(marker)
            expected += 1
    if len(chosen) < 2:
        return None
    intro = text[: chosen[0].start()].strip()
    items = [
        text[marker.end() : (chosen[i + 1].start() if i + 1 < len(chosen) else len(text))]
        for i, marker in enumerate(chosen)
    ]
    return intro, [item.strip() for item in items if item.strip()]


class HtmlConverter:
    """Turns an old article's HTML into the raw JSON of ``NewsArticlePage.body``.

    ``image_for(src, alt, caption)`` returns a Wagtail image id, or ``None``
    after noting a warning; the converter itself writes nothing.
    """

    def __init__(self, image_for):
        self.image_for = image_for
        self.rich_text = EditorHTMLConverter(features=ARTICLE_TEXT_FEATURES)
        self.short_text = EditorHTMLConverter(features=SHORT_TEXT_FEATURES)
        self.used_sources = set()

    def convert(self, html):
        soup = BeautifulSoup(html or "", "html.parser")
        for node in soup.find_all(string=lambda text: isinstance(text, Comment)):
            node.extract()
        for tag in soup.find_all(DROPPED_TAGS):
            tag.decompose()
        self.units = []
        self.inline = []
        self.consumed = set()
        self._walk(soup)
        self._flush_inline()
        return self._assemble(self.units)

    # First pass: a flat list of units ("html" fragments, headings, pictures, …).

    def _walk(self, node):
        children = list(node.children)
        for index, child in enumerate(children):
            if id(child) in self.consumed:
                continue
            if not isinstance(child, Tag):
                # Text, but not a doctype, CDATA or processing instruction.
                if type(child) is NavigableString and child.strip():
                    self.inline.append(_escape(str(child)))
                continue
            name = child.name
            if name in INLINE_TAGS and not child.find("img"):
                self.inline.append(str(child))
            elif name in HEADING_TAGS:
                self._flush_inline()
                self._images_in(child)
                text = _clean_text(child)
                if text:
                    level = "h2" if name in ("h1", "h2") else "h3"
                    self.units.append(("heading", text, level))
            elif name in ("p", "div", "a", "span", "center") and self._only_images(child):
                self._flush_inline()
                caption = self._caption_after(children, index)
                self._keep_caption_without_picture(self._images_in(child, caption), caption)
            elif name == "p":
                self._flush_inline()
                self._paragraph(child)
            elif name == "figure":
                self._flush_inline()
                caption_tag = child.find("figcaption")
                caption = _clean_text(caption_tag) if caption_tag else ""
                self._keep_caption_without_picture(self._images_in(child, caption), caption)
            elif name == "img":
                self._flush_inline()
                caption = self._caption_after(children, index)
                self._keep_caption_without_picture(self._image(child, caption), caption)
            elif name == "blockquote":
                self._flush_inline()
                self._quote(child)
            elif name == "table":
                self._flush_inline()
                self._table(child)
            elif name in LIST_TAGS:
                self._flush_inline()
                self._list(child)
            elif name in EMBED_TAGS:
                self._flush_inline()
                src = (child.get("src") or "").strip()
                if src.startswith("//"):
                    src = "https:" + src
                if src.startswith(("http://", "https://")):
                    src = YOUTUBE_EMBED.sub(r"https://www.youtube.com/watch?v=\1", src)
                    self.units.append(("embed", src))
            elif name == "hr":
                self._flush_inline()
            else:
                self._flush_inline()
                self._walk(child)

    def _flush_inline(self):
        html = "".join(self.inline).strip()
        self.inline = []
        if html and BeautifulSoup(html, "html.parser").get_text().strip():
            self.units.append(("html", f"<p>{html}</p>", ""))

    @staticmethod
    def _only_images(tag):
        return bool(tag.find("img")) and not _clean_text(tag)

    def _caption_after(self, siblings, index):
        """The caption old editors put right under a picture: a paragraph with a caption
        class, or a short paragraph in italics alone. The paragraph is used up."""
        for sibling in siblings[index + 1 :]:
            if isinstance(sibling, NavigableString):
                if sibling.strip():
                    return ""
                continue
            if sibling.name not in ("p", "div", "span", "em", "i"):
                return ""
            text = _clean_text(sibling)
            if not text or len(text) > 300 or sibling.find("img"):
                return ""
            classes = " ".join(sibling.get("class") or [])
            emphasis = sibling if sibling.name in ("em", "i") else sibling.find(["em", "i"])
            if CAPTION_CLASS.search(classes) or (
                emphasis is not None and _clean_text(emphasis) == text
            ):
                self.consumed.add(id(sibling))
                return text
            return ""
        return ""

    def _images_in(self, tag, caption=""):
        """Image units for the pictures in ``tag``; how many could be used."""
        return sum(self._image(img, caption) for img in tag.find_all("img"))

    def _image(self, img, caption=""):
        src = (img.get("src") or "").strip()
        if not src:
            return 0
        alt = " ".join((img.get("alt") or "").split())
        caption = caption or " ".join((img.get("title") or "").split())
        image_id = self.image_for(src, alt=alt, caption=caption)
        if image_id is None:
            return 0
        self.used_sources.add(src)
        self.units.append(("image", image_id, caption))
        return 1

    def _keep_caption_without_picture(self, pictures, caption):
        """A caption whose picture could not be imported stays as text."""
        if caption and not pictures:
            self.units.append(("html", f"<p><i>{_escape(caption)}</i></p>", caption))

    def _paragraph(self, p):
        text = _clean_text(p)
        if not text:
            self._images_in(p)
            return
        self._images_in(p)
        for img in p.find_all("img"):
            img.decompose()
        if not TASK_MARKER.match(text):
            split = _split_inline_tasks(text)
            if split is not None:
                intro, items = split
                if intro:
                    self.units.append(("html", f"<p>{_escape(intro)}</p>", intro))
                for number, item in enumerate(items, start=1):
                    self.units.append(
                        ("html", f"<p>({number}) {_escape(item)}</p>", f"({number}) {item}")
                    )
                return
        self.units.append(("html", str(p), text))

    def _quote(self, blockquote):
        attribution = ""
        for cite in blockquote.find_all(["cite", "footer"]):
            attribution = attribution or _clean_text(cite).lstrip("—–- ").strip()
            cite.decompose()
        text = "\n".join(
            _clean_text(p) for p in blockquote.find_all("p") if _clean_text(p)
        ) or _clean_text(blockquote)
        if text:
            self.units.append(("quote", text, attribution[:200]))

    def _list(self, list_tag):
        items = [_clean_text(li) for li in list_tag.find_all("li", recursive=False)]
        if len(items) >= 2 and all(TASK_MARKER.match(item) for item in items):
            for item in items:
                self.units.append(("html", f"<p>{_escape(item)}</p>", item))
        else:
            self.units.append(("html", str(list_tag), " ".join(items)))

    def _table(self, table):
        if table.find("table") or table.find("img"):
            # A layout table (pictures with captions, columns): its content, not a table.
            images = table.find_all("img")
            text = _clean_text(table)
            if len(images) == 1 and len(text) <= 300:
                self._keep_caption_without_picture(self._image(images[0], text), text)
            else:
                self._walk(table)
            return
        rows = []
        header = None
        for tr in table.find_all("tr"):
            cells = []
            for cell in tr.find_all(["td", "th"], recursive=False):
                cells.append(_clean_text(cell))
                cells.extend([""] * (min(int(cell.get("colspan", 1) or 1), 20) - 1))
            if not any(cells):
                continue
            all_th = all(cell.name == "th" for cell in tr.find_all(["td", "th"], recursive=False))
            in_head = tr.find_parent("thead") is not None
            if header is None and not rows and (all_th or in_head):
                header = cells
            else:
                rows.append(cells)
        if not rows:
            return
        width = max(len(row) for row in [*rows, header or []])
        rows = [row + [""] * (width - len(row)) for row in rows]
        header = (header or []) + [""] * (width - len(header or []))
        caption_tag = table.find("caption")
        columns, values = [], [[] for _ in rows]
        for column in range(width):
            cells = [row[column] for row in rows]
            numbers = [_parse_number(cell) for cell in cells]
            is_number = all(number is not None for number in numbers)
            columns.append(
                {"type": "number" if is_number else "text", "heading": header[column][:200]}
            )
            for row_values, cell, number in zip(values, cells, numbers, strict=True):
                row_values.append(number if is_number else cell)
        self.units.append(
            (
                "table",
                {
                    "caption": _clean_text(caption_tag)[:255] if caption_tag else "",
                    "columns": columns,
                    "rows": [{"values": row} for row in values],
                },
            )
        )

    # Second pass: task lists out of numbered paragraphs, paragraphs merged into blocks.

    def _assemble(self, units):
        blocks, paragraphs = [], []

        def flush():
            if paragraphs:
                html = self.rich_text.to_database_format("".join(paragraphs))
                if BeautifulSoup(html, "html.parser").get_text().strip():
                    blocks.append(_block("paragraph", html))
                paragraphs.clear()

        index = 0
        while index < len(units):
            unit = units[index]
            items = self._task_run(units, index)
            if items:
                title = DEFAULT_TASK_LIST_TITLE
                previous = units[index - 1] if index else None
                if (
                    previous
                    and previous[0] == "html"
                    and previous[2].endswith(":")
                    and (len(previous[2]) <= 200)
                    and paragraphs
                ):
                    paragraphs.pop()
                    title = previous[2].rstrip(":").strip()
                elif previous and previous[0] == "heading" and not paragraphs and blocks:
                    blocks.pop()
                    title = previous[1]
                flush()
                blocks.append(
                    _block(
                        "task_list",
                        {
                            "title": title[:255],
                            "kind": _task_kind(title),
                            "numbering": Numbering.PARENTHESES,
                            "items": [_task_item(item) for item in items],
                        },
                    )
                )
                index += len(items)
                continue
            kind = unit[0]
            if kind == "html":
                paragraphs.append(unit[1])
            else:
                flush()
                blocks.append(self._unit_block(unit))
            index += 1
        flush()
        return blocks

    @staticmethod
    def _task_run(units, start):
        """The item texts of a run of paragraphs numbered (1), (2)… starting at ``start``."""
        items, expected = [], 1
        for unit in units[start:]:
            match = TASK_MARKER.match(unit[2]) if unit[0] == "html" else None
            if not match or int(match.group(1)) != expected:
                break
            items.append(unit[2][match.end() :])
            expected += 1
        return items if len(items) >= 2 else []

    @staticmethod
    def _unit_block(unit):
        kind = unit[0]
        if kind == "heading":
            _, text, level = unit
            if len(text) > 200:
                return _block("paragraph", f"<p><b>{_escape(text)}</b></p>")
            return _block("heading", {"text": text, "level": level})
        if kind == "image":
            _, image_id, caption = unit
            return _block(
                "image",
                {"image": image_id, "caption": caption[:300], "credit": "", "placement": "full"},
            )
        if kind == "quote":
            _, text, attribution = unit
            return _block("quote", {"quote": text, "attribution": attribution, "role": ""})
        if kind == "table":
            return _block("table", unit[1])
        if kind == "embed":
            return _block("embed", {"url": unit[1], "title": ""})
        raise ValueError(kind)


# --- 3. Writing ---------------------------------------------------------------------------------


def _block_errors(error):
    """A short, readable form of a StreamField validation error."""
    data = error.as_json_data() if hasattr(error, "as_json_data") else {}
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "messages":
                    found.extend(f"{path}: {message}" for message in value)
                else:
                    walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for value in node:
                walk(value, path)

    walk(data, "")
    return "; ".join(found) or "; ".join(error.messages)


class LegacyImporter:
    """Imports records under ``parent``, reading pictures from ``media_dir``.

    With ``dry_run`` nothing is written: records are checked, bodies
    converted and picture files looked at, and each outcome says what a real
    run would do.
    """

    def __init__(self, parent, media_dir=None, dry_run=False, overwrite_edited=False):
        self.parent = parent
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.overwrite_edited = overwrite_edited
        self.site = parent.get_site()
        self._images = {}  # local path -> image id, of committed images
        self._categories = {}  # category path -> page, of committed pages

    # Pictures

    def local_file(self, src):
        """``(path, None)`` for a readable local picture, ``(None, reason)`` otherwise."""
        parts = urlsplit(src)
        if parts.scheme == "data":
            return None, "embedded data: picture skipped"
        is_url = parts.scheme in ("http", "https") or src.startswith("//")
        relative = unquote(parts.path if is_url else src).lstrip("/")
        if self.media_dir is None:
            return None, f"picture {src} skipped: no --media-dir given"
        path = (self.media_dir / relative).resolve()
        if not path.is_relative_to(self.media_dir):
            return None, f"picture {src} is outside the media folder"
        if not path.is_file():
            if is_url:
                return None, f"picture {src} skipped: URLs are not downloaded and no local copy"
            return None, f"picture file not found: {src}"
        return path, None

    def _picture_state(self, record, body_sources):
        """What the fingerprint knows of the pictures: each file's size and time."""
        state = []
        for src in [ref.src for ref in record.images] + body_sources:
            path, _reason = self.local_file(src)
            if path is None:
                state.append([src, None])
            else:
                stat = path.stat()
                state.append([src, stat.st_size, stat.st_mtime_ns])
        return state

    def fingerprint(self, record):
        soup = BeautifulSoup(record.body_html, "html.parser")
        body_sources = [img.get("src", "").strip() for img in soup.find_all("img")]
        material = {
            "version": CONVERTER_VERSION,
            "parent": self.parent.pk,
            "record": record.raw,
            "pictures": self._picture_state(record, body_sources),
        }
        encoded = json.dumps(material, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def _make_image_resolver(self, warnings, pending):
        image_model = get_image_model()

        def image_for(src, alt="", caption=""):
            path, reason = self.local_file(src)
            if path is None:
                warnings.append(reason)
                return None
            key = str(path)
            if key in self._images or key in pending:
                return self._images.get(key) or pending[key]
            try:
                with PILImage.open(path) as picture:
                    width, height = picture.size  # from the header: nothing decoded
                    picture.verify()
            except Exception:  # Pillow raises many kinds for a broken file
                warnings.append(f"picture {src} is not a readable image")
                return None
            if width * height > max_image_pixels():
                # It would be stored but never shown (core/images.py): say so instead.
                warnings.append(
                    f"picture {src} skipped: {width} × {height} pixels is over "
                    f"MAX_IMAGE_PIXELS ({max_image_pixels()})"
                )
                return None
            if self.dry_run:
                pending[key] = 0
                return 0
            with path.open("rb") as handle:
                file_hash = hash_filelike(handle)
            image = image_model.objects.filter(file_hash=file_hash).first()
            if image is None:
                title = caption or alt or path.stem.replace("-", " ").replace("_", " ")
                image = image_model(title=title[:255], file_hash=file_hash)
                if alt and hasattr(image, "description"):
                    image.description = alt[:255]
                with path.open("rb") as handle:
                    image.file = ImageFile(handle, name=path.name)
                    image.file_size = path.stat().st_size
                    image.save()
            pending[key] = image.pk
            return image.pk

        return image_for

    # Categories

    def _category_page(self, names, pending):
        parent = self.parent
        for depth in range(1, len(names) + 1):
            key = tuple(names[:depth])
            page = self._categories.get(key) or pending.get(key)
            if page is None and parent.pk is not None:
                page = NewsIndexPage.objects.child_of(parent).filter(title=names[depth - 1]).first()
            if page is None:
                page = NewsIndexPage(title=names[depth - 1])
                if not self.dry_run:
                    parent.add_child(instance=page)
                    page.save_revision(log_action=True).publish()
            pending[key] = page
            parent = page
        return parent

    # Articles

    def import_lines(self, lines, reraise=False):
        """Import each line of an export; yields ``(line number, outcome, problem)``.

        A line that is not UTF-8, not a valid record or that fails to save gives a
        ``problem`` (a sentence) and no outcome; the other lines go on. ``reraise``
        lets an unexpected error through (``--traceback``).
        """
        for number, raw_line in enumerate(lines, start=1):
            try:
                text = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None, "not UTF-8 text"
                continue
            if not text.strip():
                yield number, None, None
                continue
            try:
                yield number, self.import_record(parse_record(number, text)), None
            except RecordError as error:
                yield number, None, str(error)
            except Exception as error:
                if reraise:
                    raise
                yield number, None, f"could not be saved: {type(error).__name__}: {error}"

    def import_record(self, record):
        existing = LegacyArticle.objects.filter(legacy_url=record.legacy_url).first()
        fingerprint = self.fingerprint(record)
        outcome = Outcome(record.line, "", record.title)
        if existing is not None:
            if existing.page_id is None:
                outcome.action, outcome.detail = "skipped", "deleted in the admin since imported"
                return outcome
            if existing.fingerprint == fingerprint:
                outcome.action = "unchanged"
                return outcome
            latest = existing.page.latest_revision_id
            if (
                not self.overwrite_edited
                and existing.imported_revision_id
                and latest != existing.imported_revision_id
            ):
                outcome.action = "skipped"
                outcome.detail = "changed by an editor since imported (see --overwrite-edited)"
                return outcome
        pending_images, pending_categories = {}, {}
        if self.dry_run:
            self._convert(record, outcome, pending_images)
            self._category_page(record.category, pending_categories)
            outcome.action = "create" if existing is None else "update"
            return outcome
        with transaction.atomic():
            category = self._category_page(record.category, pending_categories)
            body, main_image_id, main_caption = self._convert(record, outcome, pending_images)
            if existing is None:
                page = NewsArticlePage(first_published_at=record.published_at)
            else:
                page = existing.page.specific
                if page.get_parent().pk != category.pk:
                    page.move(category, pos="last-child")
                    page = NewsArticlePage.objects.get(pk=page.pk)
            page.title = record.title
            page.lead = record.lead
            page.published_at = record.published_at
            page.byline = record.author
            page.source = record.source
            page.main_image_id = main_image_id
            page.main_image_caption = main_caption[:300]
            page.body = body
            self._validate_body(page.body)
            if existing is None:
                category.add_child(instance=page)
            revision = page.save_revision(log_action=True)
            revision.publish()
            self._redirect(record.legacy_url, page)
            previous_views = existing.view_count if existing else 0
            self._carry_views(page, record, record.view_count - previous_views)
            LegacyArticle.objects.update_or_create(
                legacy_url=record.legacy_url,
                defaults={
                    "page": page,
                    "fingerprint": fingerprint,
                    "imported_revision_id": revision.pk,
                    "view_count": record.view_count,
                },
            )
        self._images.update(pending_images)
        self._categories.update(pending_categories)
        outcome.action = "created" if existing is None else "updated"
        return outcome

    def _convert(self, record, outcome, pending_images):
        image_for = self._make_image_resolver(outcome.warnings, pending_images)
        converter = HtmlConverter(image_for)
        body = converter.convert(record.body_html)
        main_image_id, main_caption = None, ""
        gallery = []
        for position, ref in enumerate(record.images):
            image_id = image_for(ref.src, alt=ref.alt, caption=ref.caption)
            if image_id is None:
                continue
            if main_image_id is None and position == 0:
                main_image_id, main_caption = image_id, ref.caption
            elif ref.src not in converter.used_sources and image_id != main_image_id:
                gallery.append({"image": image_id, "caption": ref.caption[:200]})
        if gallery:
            body.append(_block("gallery", {"title": "", "images": gallery[:24]}))
        return body, main_image_id, main_caption

    @staticmethod
    def _validate_body(body):
        stream_block = NewsArticlePage._meta.get_field("body").stream_block
        try:
            stream_block.clean(body)
        except ValidationError as error:
            raise RecordError(
                f"body does not fit the article blocks: {_block_errors(error)}"
            ) from error

    def _redirect(self, legacy_url, page):
        from wagtail.contrib.redirects.models import Redirect

        old_path = Redirect.normalise_path(legacy_url)
        if len(old_path) > 255:
            raise RecordError("legacy_url is too long for a redirect (255 characters of path)")
        Redirect.objects.update_or_create(
            old_path=old_path,
            site=self.site,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )

    def _carry_views(self, page, record, added_views):
        """The old views, on the article's publication day of its page views."""
        if not added_views or self.site is None:
            return
        day = timezone.localdate(record.published_at)
        increment(DailyPageViews, by=added_views, site=self.site, page=page, day=day)


def default_parent():
    """The root page of the default site, where categories go without ``--parent``."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.specific
