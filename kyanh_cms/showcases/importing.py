"""Import of a year's showcase registrations from a CSV or Excel (.xlsx) file.

Three steps, so nothing is written by surprise:

1. ``read_table(file)`` turns the upload into rows of text, or refuses the
   file with a clear message (unreadable encoding, old .xls, broken .xlsx…).
2. ``validate(table, year)`` checks every row and returns a preview: what
   each row will do (create, update, unchanged) and every problem found as
   (row, column, reason).
3. ``apply(preview, index_page, user)`` writes the rows in one transaction,
   only if there was no problem at all.

A row is identified by its organization, year and title (compared without
regard to case, spacing or Unicode normal form), so importing the same file
twice creates nothing the second time.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from kyanh_cms.core import tables
from kyanh_cms.core.spreadsheets import strip_control_characters, unquote_formula
from kyanh_cms.core.text import nfc, slugify_vietnamese
from kyanh_cms.core.years import MAX_YEAR, MIN_YEAR
from kyanh_cms.showcases.choices import ShowcaseKind, ShowcaseStatus
from kyanh_cms.showcases.models import ShowcasePage
from kyanh_cms.showcases.organizations import Organization, normalize_name

#: Limits of an import file (docs/production.md, "Hostile input"). A registration
#: year is a few hundred rows of eight columns; these leave room and no more.
LIMITS = tables.TableLimits(
    max_file_size=5 * 1024 * 1024,
    max_rows=2000,
    max_columns=50,  # the import knows eight
    max_cell_characters=10_000,  # a registration's summary is a paragraph
    max_text_characters=2_000_000,  # what the preview carries to the confirmation
    max_xlsx_unpacked_size=20 * 1024 * 1024,
)
MAX_ROWS = LIMITS.max_rows

FileRefused = tables.TableRefused


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    aliases: tuple = ()
    required: bool = False


#: The file's columns, in the order an export writes them. Headings are
#: Vietnamese because the file is shared with people outside the admin;
#: English keys are accepted too.
COLUMNS = (
    Column("title", "Tên mô hình, điển hình", ("tên", "tên mô hình", "tiêu đề"), required=True),
    Column("kind", "Loại", ("phân loại",), required=True),
    Column("organization", "Tổ chức cơ sở đảng", ("tổ chức", "đơn vị"), required=True),
    Column("year", "Năm", ("năm đăng ký",)),
    Column("person_name", "Người thực hiện", ("họ và tên", "họ tên", "cá nhân")),
    Column("person_position", "Chức vụ", ("chức vụ, nghề nghiệp",)),
    Column("status", "Trạng thái", ("tình trạng", "kết quả")),
    Column("summary", "Tóm tắt", ("nội dung", "mô tả")),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

KIND_WORDS = {
    ShowcaseKind.COLLECTIVE: ("mô hình", "tập thể", "mô hình tập thể", "collective"),
    ShowcaseKind.INDIVIDUAL: ("điển hình", "cá nhân", "điển hình cá nhân", "individual"),
}
STATUS_WORDS = {
    ShowcaseStatus.REGISTERED: ("đăng ký", "đã đăng ký"),
    ShowcaseStatus.IN_PROGRESS: ("đang thực hiện", "đang triển khai"),
    ShowcaseStatus.RECOGNIZED: (
        "được công nhận",
        "công nhận",
        "được biểu dương",
        "biểu dương",
        "khen thưởng",
        "được khen thưởng",
    ),
    ShowcaseStatus.NOT_CARRIED_OUT: ("không thực hiện", "không triển khai", "chưa thực hiện"),
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class PreviewRow:
    row: int
    values: dict
    action: str = "create"  # "create", "update" or "unchanged"
    existing: ShowcasePage | None = None
    changes: list = field(default_factory=list)


@dataclass
class Preview:
    year: int
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created_count(self):
        return self.count("create")

    @property
    def updated_count(self):
        return self.count("update")

    @property
    def unchanged_count(self):
        return self.count("unchanged")


# Step 1 — reading the file ---------------------------------------------------


def read_table(uploaded) -> list[list[str]]:
    """The file's rows as lists of clean text (NFC, trimmed), header row first, read
    within ``LIMITS`` (``kyanh_cms.core.tables``)."""
    return tables.read_table(uploaded, LIMITS, clean_cell)


def clean_cell(value) -> str:
    """A cell as trimmed NFC text without control characters; whole numbers from Excel
    lose their ``.0``, and formula-like text its export apostrophe (so an exported
    file imports back unchanged)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = strip_control_characters(nfc(value)).strip()
    return unquote_formula(text)


# Step 2 — checking every row -------------------------------------------------


def _heading_lookup():
    lookup = {}
    for column in COLUMNS:
        for name in (column.key, column.heading, *column.aliases):
            lookup[normalize_name(name.replace("_", " "))] = column.key
            lookup[normalize_name(name)] = column.key
    return lookup


def _choice_lookup(choices_enum, words):
    lookup = {}
    for choice in choices_enum:
        names = [choice.value, choice.value.replace("_", " "), *words.get(choice, ())]
        for language in ("en", "vi"):
            with override(language):
                names.append(str(choice.label))
        for name in names:
            lookup[normalize_name(name)] = choice.value
    return lookup


def _map_columns(header, preview):
    lookup = _heading_lookup()
    positions = {}
    for position, heading in enumerate(header):
        key = lookup.get(normalize_name(heading))
        if key and key not in positions:
            positions[key] = position
    for column in COLUMNS:
        if column.required and column.key not in positions:
            preview.errors.append(
                RowError(1, column.heading, _("This column is missing from the header row."))
            )
    return positions


def validate(table, year) -> Preview:
    """Check every row of ``table`` for ``year``; nothing is written."""
    preview = Preview(year=year)
    positions = _map_columns(table[0], preview)
    if preview.errors:
        return preview
    organizations = Organization.objects.all().by_normalized_name()
    kinds = _choice_lookup(ShowcaseKind, KIND_WORDS)
    statuses = _choice_lookup(ShowcaseStatus, STATUS_WORDS)
    existing = {
        (page.organization_id, normalize_name(page.title)): page
        for page in ShowcasePage.objects.filter(year=year)
    }
    seen = {}

    for offset, cells in enumerate(table[1:]):
        row_number = offset + 2  # the spreadsheet's own numbering: header is row 1
        if not any(cells):
            continue

        def cell(key, cells=cells):
            position = positions.get(key)
            return cells[position] if position is not None and position < len(cells) else ""

        def error(key, reason, row_number=row_number):
            preview.errors.append(RowError(row_number, COLUMN_BY_KEY[key].heading, reason))

        errors_before = len(preview.errors)
        values = {}

        title = cell("title")
        if not title:
            error("title", _("This cell must not be empty."))
        elif len(title) > 255:
            error("title", _("At most 255 characters."))
        values["title"] = title

        kind_text = cell("kind")
        values["kind"] = kinds.get(normalize_name(kind_text))
        if not kind_text:
            error("kind", _("This cell must not be empty."))
        elif values["kind"] is None:
            error(
                "kind",
                _("“%(value)s” is not a kind; write “Mô hình” or “Điển hình”.")
                % {"value": kind_text},
            )

        organization_text = cell("organization")
        values["organization"] = organizations.get(normalize_name(organization_text))
        if not organization_text:
            error("organization", _("This cell must not be empty."))
        elif values["organization"] is None:
            error(
                "organization",
                _("There is no organization “%(value)s”; add it under Organizations first.")
                % {"value": organization_text},
            )

        year_text = cell("year")
        if year_text:
            try:
                row_year = int(year_text)
            except ValueError:
                row_year = None
            if row_year is None or not MIN_YEAR <= row_year <= MAX_YEAR:
                error("year", _("“%(value)s” is not a year.") % {"value": year_text})
            elif row_year != year:
                error(
                    "year",
                    _("The year %(value)s differs from the year being imported (%(year)s).")
                    % {"value": row_year, "year": year},
                )

        values["person_name"] = cell("person_name")[:150]
        values["person_position"] = cell("person_position")[:200]
        if values["kind"] == ShowcaseKind.INDIVIDUAL and not values["person_name"]:
            error("person_name", _("An individual exemplar needs the person's name."))

        status_text = cell("status")
        values["status"] = statuses.get(normalize_name(status_text)) if status_text else None
        if status_text and values["status"] is None:
            error("status", _("“%(value)s” is not a status.") % {"value": status_text})

        values["summary"] = cell("summary")

        if len(preview.errors) > errors_before:
            continue
        key = (values["organization"].pk, normalize_name(title))
        if key in seen:
            error(
                "title",
                _("Same organization and title as row %(row)s.") % {"row": seen[key]},
            )
            continue
        seen[key] = row_number
        preview.rows.append(_plan_row(row_number, values, existing.get(key)))

    if not preview.rows and not preview.errors:
        preview.errors.append(RowError(1, "", _("The file has no rows under its header row.")))
    return preview


def _plan_row(row_number, values, page):
    row = PreviewRow(row=row_number, values=values)
    if page is None:
        return row
    row.existing = page
    for name in ("kind", "status", "person_name", "person_position", "summary"):
        # An empty cell keeps what the page already has.
        if values[name] and values[name] != getattr(page, name):
            row.changes.append(name)
    row.action = "update" if row.changes else "unchanged"
    return row


# Step 3 — writing -----------------------------------------------------------


@transaction.atomic
def apply(preview, index_page, user=None):
    """Write a valid preview under ``index_page``: all rows or, on any failure, none."""
    if not preview.is_valid:
        raise ValueError("Only a preview without errors can be imported.")
    taken = set(index_page.get_children().values_list("slug", flat=True))
    created = updated = 0
    for row in preview.rows:
        if row.action == "create":
            _create(row, index_page, taken, preview.year, user)
            created += 1
        elif row.action == "update":
            _update(row, user)
            updated += 1
    return created, updated


def _unique_slug(title, taken):
    """An ASCII slug of at most 80 characters (registration titles can be a sentence
    long), unique among the index's children, which are read once for the whole file
    instead of queried row by row."""
    base = slugify_vietnamese(title, max_length=80) or "mo-hinh"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _create(row, index_page, taken, year, user):
    values = row.values
    page = ShowcasePage(
        title=values["title"],
        slug=_unique_slug(values["title"], taken),
        kind=values["kind"],
        organization=values["organization"],
        year=year,
        person_name=values["person_name"],
        person_position=values["person_position"],
        status=values["status"] or ShowcaseStatus.REGISTERED,
        summary=values["summary"],
        owner=user,
    )
    index_page.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)


def _update(row, user):
    page = row.existing
    had_draft = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    for name in row.changes:
        setattr(latest, name, row.values[name])
    revision = latest.save_revision(user=user, log_action=True)
    # An editor's unpublished draft is not published behind their back.
    if page.live and not had_draft:
        revision.publish(user=user)
