"""Every CSV or Excel file the extension writes goes through here.

Cells hold what visitors and editors typed (comment texts, names, titles), so
two things are done to each text cell:

- **Control characters go.** NUL, bell, form feed, escape… break an XLSX
  file (openpyxl refuses them with ``IllegalCharacterError``, so the whole
  export would fail) and garble a CSV. Tabs and line breaks stay; a Windows
  line break (CR LF, what browsers send from a text area) becomes the LF that
  spreadsheet programs show as a line break within a cell.
- **Formulas are kept as text** (CSV injection): a cell starting with
  ``= + - @`` or a tab or CR would be run by Excel or LibreOffice as a
  formula. In a CSV file the only way to say "text" is a leading apostrophe;
  an XLSX cell is stored as text with Excel's own quote-prefix mark, which
  shows the text as typed and keeps it text when someone edits the cell.

Numbers, dates and ``None`` are left alone (a negative number is a number, not
a formula).

Every CSV file starts with a UTF-8 byte order mark (``CSV_BOM``): without it
Excel on Windows reads the file in the machine's code page and shows
Vietnamese as "Ká»³ Anh". Python's ``utf-8-sig``, LibreOffice and the
extension's own import all read it.
"""

import csv
import re

from django.utils.functional import Promise

CSV_BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_WINDOWS_LINE_BREAK = re.compile(r"\r\n")
# Every C0 control character but tab and line feed, and DEL.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def strip_control_characters(value):
    """``"Kỳ\\x00 Anh\\r\\nHà Tĩnh"`` → ``"Kỳ Anh\\nHà Tĩnh"``; anything not text unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    return _CONTROL_CHARACTERS.sub("", _WINDOWS_LINE_BREAK.sub("\n", value))


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def spreadsheet_text(value):
    """A cell for a CSV file: ``"=SUM(A1)\\x07"`` → ``"'=SUM(A1)"``.

    Control characters are removed first, so one hidden in front of ``=`` does
    not let the formula through.
    """
    value = strip_control_characters(value)
    return "'" + value if looks_like_formula(value) else value


def unquote_formula(text: str) -> str:
    """Undoes ``spreadsheet_text``'s apostrophe when an exported file is read back."""
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``spreadsheet_text``."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_text(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class FormulaSafeExportMixin:
    """For admin listings with CSV/XLSX export (Wagtail's ``SpreadsheetExportMixin``):
    index views of snippets, pages, models and reports mix it in before their own class.
    Every cell goes through ``spreadsheet_text`` (CSV) or ``strip_control_characters``
    (XLSX), and the CSV starts with the byte order mark."""

    def stream_csv(self, queryset):
        yield CSV_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_text(value)
        return strip_control_characters(value)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell
