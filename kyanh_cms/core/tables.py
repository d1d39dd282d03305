"""Reading an uploaded CSV or Excel (.xlsx) table within limits, whatever it holds.

Imports take files from editors' computers, and a file can be broken on
purpose: 5 KB of .xlsx with one cell at XFD1048576 made openpyxl fill in a
million rows of 16,384 cells (3.3 GB), a CSV with one 4 MB field made Python's
csv module raise an error naming nothing. ``read_table`` checks every limit of
``TableLimits`` while it reads, refuses with a message naming the row and the
column, and never holds more than the upload and the rows it keeps.

Each wing's import decides its limits and how a cell becomes text
(``clean_cell``); what the rows mean is its own business.

- **XLSX**: openpyxl's read-only mode, row by row as the XML is parsed. The
  parts' unpacked sizes come from the zip directory first; the sheet's stated
  range refuses a stray far cell at once; at most one row past the limit and
  the first ``max_columns`` columns are ever asked for. python-calamine was not
  chosen: it builds the sheet's whole rectangle in memory.
- **CSV**: UTF-8 (with or without BOM), UTF-16 or Windows-1258, separated by
  ``,``, ``;`` (Excel with Vietnamese regional settings) or tabs. A field past
  csv's own limit is located by scanning its record, so the message still
  names the cell.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kyanh_cms.core.formats import format_number
from kyanh_cms.core.text import nfc


class TableRefused(Exception):
    """The file cannot be read within the limits; the message says why and what to do."""


@dataclass(frozen=True)
class TableLimits:
    max_file_size: int = 5 * 1024 * 1024
    #: Rows under the header.
    max_rows: int = 2000
    #: Columns after this one are not read.
    max_columns: int = 50
    #: Excel's own limit is 32,767.
    max_cell_characters: int = 10_000
    #: All cells together.
    max_text_characters: int = 2_000_000
    #: What the parts of an .xlsx may unpack to (a sheet of 2,000 rows is about 1 MB).
    max_xlsx_unpacked_size: int = 20 * 1024 * 1024


def read_table(uploaded, limits: TableLimits, clean_cell) -> list[list[str]]:
    """The file's rows as lists of ``clean_cell(value)`` text, header row first.

    Every limit is checked while the file is read, before anything larger than the
    upload itself is held: its size, how much an .xlsx unpacks to, the rows, the
    columns read, the text of one cell and of the whole file. A refusal names the
    row and the column where it can. Rows after the last filled one are dropped.
    """
    name = (getattr(uploaded, "name", "") or "").lower()
    too_big = _("The file is larger than %(max)s MB. Split it or remove unused sheets.") % {
        "max": limits.max_file_size // (1024 * 1024)
    }
    if getattr(uploaded, "size", 0) > limits.max_file_size:
        raise TableRefused(too_big)
    data = uploaded.read(limits.max_file_size + 1)
    if len(data) > limits.max_file_size:
        raise TableRefused(too_big)
    if name.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TableRefused(
            _(
                "Old Excel files (.xls) cannot be read. Open the file in Excel and save it "
                "as “Excel Workbook (.xlsx)” or “CSV UTF-8”."
            )
        )
    if name.endswith(".xlsx") or data[:2] == b"PK":
        rows = _read_xlsx(data, limits)
    elif name.endswith((".csv", ".txt")) or not name:
        rows = _read_csv(data, limits, clean_cell)
    else:
        raise TableRefused(_("Choose a .csv or .xlsx file."))
    return _bounded_table(rows, limits, clean_cell)


def _column_name(position, header):
    """``"C (Tổ chức cơ sở đảng)"``: the letter a spreadsheet program shows, and the
    heading when the header row has one."""
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(position + 1)
    heading = header[position] if position < len(header) else ""
    return f"{letter} ({heading})" if heading else letter


def _bounded_table(rows, limits, clean_cell):
    """Clean text rows from ``(row number, values)`` pairs, refusing the file at the
    first limit it passes; blank rows after the last filled one are dropped."""
    table, header, blank_rows, characters = [], [], 0, 0
    for row_number, values in rows:
        # Most of a sparse sheet is empty rows: those cost one any() and no cleaning.
        if _filled(values):
            cells = [clean_cell(value) for value in values[: limits.max_columns]]
        else:
            cells = ()
        if not any(cells):
            blank_rows += 1  # counted, not kept: a sheet may report a million empty rows
            continue
        if row_number > limits.max_rows + 1:
            raise TableRefused(
                _("The file has more than %(max)s rows; import it in parts.")
                % {"max": format_number(limits.max_rows)}
            )
        for position, cell in enumerate(cells):
            if len(cell) > limits.max_cell_characters:
                raise TableRefused(
                    _(
                        "Row %(row)s, column %(column)s: the cell holds more than %(max)s "
                        "characters. Shorten it and upload the file again."
                    )
                    % {
                        "row": row_number,
                        "column": _column_name(position, header),
                        "max": format_number(limits.max_cell_characters),
                    }
                )
            characters += len(cell)
        if characters > limits.max_text_characters:
            raise TableRefused(
                _("Row %(row)s: the file holds more text than an import may (%(max)s characters).")
                % {"row": row_number, "max": format_number(limits.max_text_characters)}
            )
        table.extend([] for _blank in range(blank_rows))
        blank_rows = 0
        table.append(cells)
        if not header:
            header = cells
    if len(table) < 2:
        raise TableRefused(_("The file has no rows under its header row."))
    return table


def _filled(values):
    return any(values) or any(value not in (None, "") for value in values)


def decode_csv_bytes(data: bytes) -> str:
    """Text of a CSV file saved as UTF-8 (with or without BOM), UTF-16 or Windows-1258.

    Windows-1258 writes tone marks as separate combining characters, so the
    text is normalised to NFC before anything compares it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise TableRefused(
            _(
                "The file's characters could not be read: it is neither UTF-8 nor "
                "Windows-1258. In Excel, choose “Save as” → “CSV UTF-8 (comma delimited)”."
            )
        ) from None
    return text


def _read_csv(data: bytes, limits, clean_cell):
    """``(row number, values)`` of a CSV file, one record at a time.

    Python's csv module refuses a field longer than its limit (128 KiB) with an
    error that names no column: the record is then scanned to name it.
    """
    try:
        text = decode_csv_bytes(data)
    except UnicodeDecodeError:
        raise TableRefused(_("The file is marked as UTF-8 but is not valid UTF-8.")) from None
    if "\x00" in text:
        raise TableRefused(_("This is not a text CSV file. Choose a .csv or .xlsx file."))
    text = nfc(text)
    first_line = text.split("\n", 1)[0]
    # Excel with Vietnamese regional settings separates columns with ";".
    delimiter = max((";", ",", "\t"), key=first_line.count)
    # Split as csv expects (\n, \r\n, \r only): str.splitlines would also break at a
    # vertical tab or U+2028 inside a cell.
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(iter(lines), delimiter=delimiter)
    row_number, header = 0, []
    while True:
        record_start = reader.line_num
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            record = "".join(lines[record_start : reader.line_num + 1])
            position = _long_field_position(record, delimiter, limits.max_cell_characters)
            if position is None:
                raise TableRefused(
                    _("Row %(row)s cannot be read as CSV: check its quotation marks.")
                    % {"row": row_number + 1}
                ) from None
            raise TableRefused(
                _(
                    "Row %(row)s, column %(column)s: the cell holds more than %(max)s "
                    "characters. Shorten it and upload the file again."
                )
                % {
                    "row": row_number + 1,
                    "column": _column_name(position, header),
                    "max": format_number(limits.max_cell_characters),
                }
            ) from None
        row_number += 1
        if not header:
            header = [clean_cell(value) for value in values[: limits.max_columns]]
        yield row_number, values


def _long_field_position(record, delimiter, max_characters):
    """The position of the first field of ``record`` longer than a cell may be, or
    ``None``; stops scanning as soon as it is found."""
    position, length, quoted = 0, 0, False
    for char in record:
        if char == '"':
            quoted = not quoted  # a doubled quote inside quotes toggles twice
        elif char == delimiter and not quoted:
            position, length = position + 1, 0
        elif char in "\r\n" and not quoted:
            return None
        else:
            length += 1
            if length > max_characters:
                return position
    return None


def _last_cell(sheet):
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(sheet.max_column or 1)}{sheet.max_row}"


def _read_xlsx(data: bytes, limits):
    """``(row number, values)`` of the first sheet, read as it is parsed.

    An .xlsx file is a zip archive: its parts' unpacked sizes are read from the
    archive's directory first, so a small file that unpacks to gigabytes is
    refused before any part is opened. openpyxl's read-only mode then parses the
    sheet row by row, at most one row past the limit and only the first
    ``max_columns`` columns: a lone cell at XFD1048576 would otherwise make
    openpyxl fill in a million rows of 16,384 empty cells each.
    """
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TableRefused(
            _("The Excel file could not be opened. Save it again as .xlsx and retry.")
        ) from None
    if unpacked > limits.max_xlsx_unpacked_size:
        raise TableRefused(
            _(
                "The Excel file unpacks to more than %(max)s MB. Remove unused sheets, "
                "pictures and formatting, or save it as “CSV UTF-8”."
            )
            % {"max": limits.max_xlsx_unpacked_size // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableRefused(
            _("The Excel file could not be opened. Save it again as .xlsx and retry.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # The sheet's own "used range" (its <dimension>), read without parsing a row:
        # a stray cell a million rows down refuses the file at once. A file that
        # states no range is still read no further than one row past the limit.
        if (sheet.max_row or 0) > limits.max_rows + 1:
            raise TableRefused(
                _(
                    "The sheet reaches row %(rows)s; an import takes at most %(max)s rows. "
                    "Delete the rows under your data (or the stray cell at %(cell)s) "
                    "and save the file again."
                )
                % {
                    "rows": format_number(sheet.max_row),
                    "max": format_number(limits.max_rows),
                    "cell": _last_cell(sheet),
                }
            )
        rows = sheet.iter_rows(
            max_row=limits.max_rows + 2, max_col=limits.max_columns, values_only=True
        )
        yield from enumerate(rows, start=1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableRefused(
            _("The Excel file could not be opened. Save it again as .xlsx and retry.")
        ) from None
    finally:
        workbook.close()
