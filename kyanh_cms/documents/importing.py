"""Bringing over an existing register: documents from a CSV or Excel (.xlsx) file, their
files from a ZIP, checked row by row before anything is written.

1. ``read_table(data, name)`` turns the upload into rows of text, or refuses the file
   with a clear message; the reads are bounded (size, rows, columns, cell length, what
   an .xlsx unpacks to), so no file can exhaust memory or time.
2. ``check(table, library, archive_names)`` returns a preview: what each row will do
   (create, or skip when the library already has that number from that issuer that
   year) and every problem as (row, column, reason).
3. ``apply(preview, library, user, archive, collection)`` writes and publishes the rows
   in one transaction, only when no row has a problem.

The columns are the export's (``exporting.EXPORT_HEADINGS``) plus "Tệp" (file names in
the ZIP, separated by ";"), so an exported table imports back: into another library it
creates every document; into the same one it creates nothing. The "Tình trạng" column
is read and ignored — a status follows from the dates and relations.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from kyanh_cms.core import tables
from kyanh_cms.core.spreadsheets import strip_control_characters, unquote_formula
from kyanh_cms.core.text import fold_vietnamese, nfc
from kyanh_cms.documents.exporting import EXPORT_HEADINGS
from kyanh_cms.documents.numbers import normalize_number_symbol, validate_number_symbol

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 30
MAX_CELL_CHARACTERS = 10_000
MAX_XLSX_UNPACKED_SIZE = 20 * 1024 * 1024
MAX_ARCHIVE_SIZE = 200 * 1024 * 1024
MAX_ARCHIVE_FILES = 2000
MAX_ATTACHMENT_SIZE = 50 * 1024 * 1024
FILES_HEADING = "Tệp"

#: Attribute → the folded heading that names its column (the export's headings).
_KEYS = {
    "number_symbol": "number_symbol",
    "kind.name": "kind",
    "issuer.name": "issuer",
    "field.name": "field",
    "signer": "signer",
    "signer_position": "signer_position",
    "issue_date": "issue_date",
    "effective_date": "effective_date",
    "expiry_date": "expiry_date",
    "title": "title",
    "abstract": "abstract",
    "status_label": "status",
}


#: Headings other registers use for the same columns (folded).
ALIASES = {
    "so ky hieu": "number_symbol",
    "so, ky hieu": "number_symbol",
    "so/ky hieu": "number_symbol",
    "loai van ban": "kind",
    "loai": "kind",
    "co quan ban hanh": "issuer",
    "linh vuc": "field",
    "nguoi ky": "signer",
    "ngay ban hanh": "issue_date",
    "ngay co hieu luc": "effective_date",
    "ngay het hieu luc": "expiry_date",
    "trich yeu": "abstract",
    "tinh trang": "status",
    "tep": "files",
    "files": "files",
}


def headings_by_key():
    from django.utils.translation import override

    with override("vi"):
        found = {fold_vietnamese(str(h)): _KEYS[a] for a, h in EXPORT_HEADINGS.items()}
    with override("en"):
        found.update({fold_vietnamese(str(h)): _KEYS[a] for a, h in EXPORT_HEADINGS.items()})
    found.update(ALIASES)
    return found


class FileRefused(Exception):
    """The file cannot be read at all; the message says why and what to do."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class PreviewRow:
    row: int
    values: dict
    action: str = "create"  # or "skip": the library has it already


@dataclass
class Preview:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.errors and any(row.action == "create" for row in self.rows)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)


# --- reading ---------------------------------------------------------------------------


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = strip_control_characters(str(value))
    return unquote_formula(nfc(text).strip())


#: The portal's one bounded reader (kyanh_cms.core.tables) with this register's limits.
LIMITS = tables.TableLimits(
    max_file_size=MAX_FILE_SIZE,
    max_rows=MAX_ROWS,
    max_columns=MAX_COLUMNS,
    max_cell_characters=MAX_CELL_CHARACTERS,
    max_xlsx_unpacked_size=MAX_XLSX_UNPACKED_SIZE,
)


def read_table(data: bytes, name: str) -> list[list[str]]:
    """The filled rows of the upload (header first), read within ``LIMITS``: a sheet
    that claims a million rows or a field of megabytes is refused before it is held."""
    upload = io.BytesIO(data)
    upload.name, upload.size = name, len(data)
    try:
        table = tables.read_table(upload, LIMITS, _cell)
    except tables.TableRefused as refusal:
        raise FileRefused(str(refusal)) from None
    table = [row for row in table if any(row)]
    if not table:
        raise FileRefused(_("The file is empty."))
    return table


def open_archive(data: bytes | None):
    """The uploaded ZIP of files, checked, or None."""
    if not data:
        return None
    if len(data) > MAX_ARCHIVE_SIZE:
        raise FileRefused(_("The ZIP file is larger than 200 MB."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused(_("The ZIP file cannot be opened.")) from None
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > MAX_ARCHIVE_FILES:
        raise FileRefused(_("The ZIP file holds more than 2,000 files."))
    if any(info.file_size > MAX_ATTACHMENT_SIZE for info in members):
        raise FileRefused(_("A file in the ZIP is larger than 50 MB."))
    return archive


def archive_names(archive):
    """File name (folded, without folders) → the member's name in the ZIP."""
    if archive is None:
        return {}
    return {
        fold_vietnamese(nfc(info.filename.rsplit("/", 1)[-1])): info.filename
        for info in archive.infolist()
        if not info.is_dir()
    }


# --- checking --------------------------------------------------------------------------


def _date(text):
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def check(table, library, names_in_archive):
    from kyanh_cms.caching.sites import site_ids_for_path
    from kyanh_cms.documents.models import (
        DocumentField,
        DocumentKind,
        IssuingBody,
        LegalDocumentPage,
    )

    preview = Preview()
    known = headings_by_key()
    header = [known.get(fold_vietnamese(cell)) for cell in table[0]]
    for required in ("number_symbol", "kind", "issuer", "issue_date", "abstract"):
        if required not in header:
            preview.errors.append(RowError(1, required, _("This column is missing.")))
    if preview.errors:
        return preview
    site_ids = site_ids_for_path(library.path)
    kinds = {fold_vietnamese(k.name): k for k in DocumentKind.objects.all()}
    issuers = {
        fold_vietnamese(i.name): i
        for i in IssuingBody.objects.for_site(site_ids[0] if site_ids else None)
    }
    fields = {fold_vietnamese(f.name): f for f in DocumentField.objects.all()}
    existing = set(
        LegalDocumentPage.objects.child_of(library).values_list(
            "number_key", "issuer_id", "issue_year"
        )
    )
    seen = set()
    for number, cells in enumerate(table[1:], start=2):
        raw = {key: cells[i] if i < len(cells) else "" for i, key in enumerate(header) if key}
        errors = []

        def refuse(column, reason, errors=errors, number=number):
            errors.append(RowError(number, column, reason))

        values = {key: raw.get(key, "") for key in ("signer", "signer_position")}
        values["abstract"] = raw.get("abstract", "")
        if not values["abstract"]:
            refuse("abstract", _("The abstract is empty."))
        try:
            validate_number_symbol(raw.get("number_symbol", ""))
            values["number_symbol"] = normalize_number_symbol(raw["number_symbol"])
        except ValidationError as error:
            refuse("number_symbol", error.messages[0])
        for key, lookup, required in (
            ("kind", kinds, True),
            ("issuer", issuers, True),
            ("field", fields, False),
        ):
            text = raw.get(key, "")
            if not text:
                if required:
                    refuse(key, _("This cell is empty."))
                values[key] = None
                continue
            values[key] = lookup.get(fold_vietnamese(text))
            if values[key] is None:
                refuse(key, _("“%(value)s” is not in the list.") % {"value": text})
        for key in ("issue_date", "effective_date", "expiry_date"):
            try:
                values[key] = _date(raw.get(key, ""))
            except ValueError:
                refuse(key, _("Write the date as dd/mm/yyyy."))
        if values.get("issue_date") is None and not any(e.column == "issue_date" for e in errors):
            refuse("issue_date", _("This cell is empty."))
        files = [name.strip() for name in raw.get("files", "").split(";") if name.strip()]
        values["files"] = []
        for name in files:
            member = names_in_archive.get(fold_vietnamese(name))
            if member is None:
                refuse("files", _("“%(value)s” is not in the ZIP file.") % {"value": name})
            values["files"].append(member)
        kind = values.get("kind")
        values["title"] = raw.get("title") or (
            f"{kind.name} số {values.get('number_symbol', '')}" if kind else ""
        )
        action = "create"
        if not errors:
            from kyanh_cms.documents.numbers import number_key

            key = (
                number_key(values["number_symbol"]),
                values["issuer"].pk,
                values["issue_date"].year,
            )
            if key in existing:
                action = "skip"
            elif key in seen:
                refuse("number_symbol", _("This number appears twice in the file."))
            seen.add(key)
        preview.errors.extend(errors)
        preview.rows.append(PreviewRow(number, values, action))
    return preview


# --- writing ---------------------------------------------------------------------------


def apply(preview, library, user, archive, collection):
    """Create and publish the rows marked "create"; returns how many."""
    from kyanh_cms.documents.models import DocumentAttachment, LegalDocumentPage

    if not preview.is_valid:
        return 0
    document_model = get_document_model()
    created = 0
    with transaction.atomic():
        for row in preview.rows:
            if row.action != "create":
                continue
            values = dict(row.values)
            files = values.pop("files")
            # No slug: the page makes a unique one from its title once it is in the tree.
            page = LegalDocumentPage(**values)
            for member in files:
                stored = document_model(
                    title=member.rsplit("/", 1)[-1], collection=collection, uploaded_by_user=user
                )
                stored.file.save(
                    member.rsplit("/", 1)[-1], ContentFile(archive.read(member)), save=False
                )
                stored._set_document_file_metadata()
                stored.save()
                page.attachments.add(DocumentAttachment(file=stored))
            library.add_child(instance=page)
            page.save_revision(user=user).publish(user=user)
            created += 1
    return created
