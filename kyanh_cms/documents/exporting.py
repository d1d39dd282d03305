"""The filtered table as a spreadsheet (CSV or XLSX), with the import's headings.

Visitors download what the library shows them (``<library>/xuat/?format=xlsx&…``
with the page's filters); editors export the admin listing with the same
columns. Every cell goes through the one sanitiser (``core.spreadsheets``), and
a download holds at most ``EXPORT_MAX_ROWS`` documents, so no request can make
the server write an unbounded file.
"""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook

from kyanh_cms.core.input import clean_params
from kyanh_cms.core.spreadsheets import (
    CSV_BOM,
    CSV_CONTENT_TYPE,
    SafeCsvWriter,
    looks_like_formula,
    strip_control_characters,
)
from kyanh_cms.documents.choices import DocumentStatus

EXPORT_MAX_ROWS = 5000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Attribute of a document → column heading; the import reads the same headings.
EXPORT_HEADINGS = {
    "number_symbol": _("Number and symbol"),
    "kind.name": _("Kind"),
    "issuer.name": _("Issuing body"),
    "field.name": _("Field"),
    "signer": _("Signed by"),
    "signer_position": _("Signer's position"),
    "issue_date": _("Issue date"),
    "effective_date": _("Effective date"),
    "expiry_date": _("Expiry date"),
    "title": _("Title"),
    "abstract": _("Abstract"),
    "status_label": pgettext_lazy("document", "Status"),
}


def cell(document, attribute):
    if attribute == "status_label" and hasattr(document, "computed_status"):
        return None  # filled in by rows_of from the annotation
    value = document
    for part in attribute.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def rows_of(documents):
    for document in documents:
        row = [cell(document, attribute) for attribute in EXPORT_HEADINGS]
        if hasattr(document, "computed_status"):
            # The status worked out in the listing's own query: no query per row.
            row[list(EXPORT_HEADINGS).index("status_label")] = str(
                DocumentStatus(document.computed_status).label
            )
        yield row


def headings():
    return [str(heading) for heading in EXPORT_HEADINGS.values()]


def write_csv(documents) -> str:
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = SafeCsvWriter(out)
    writer.writerow(headings())
    for row in rows_of(documents):
        writer.writerow(
            ["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v) for v in row]
        )
    return out.getvalue()


def write_xlsx(documents) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Documents")))
    sheet.append(headings())
    for row in rows_of(documents):
        cells = []
        for value in row:
            value = strip_control_characters(value)
            if looks_like_formula(value):
                from openpyxl.cell import WriteOnlyCell

                text = WriteOnlyCell(sheet, value=value)
                text.data_type = "s"
                text.quotePrefix = True
                value = text
            cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(library, request):
    from kyanh_cms.documents.listing import bound_form, filtered

    params = clean_params(request.GET)
    form = bound_form(library, params)
    documents = filtered(library, form, timezone.localdate()).select_related("field")
    documents = documents.order_by("-issue_date", "-pk")[:EXPORT_MAX_ROWS]
    stamp = timezone.localdate().isoformat()
    if params.get("format") == "xlsx":
        response = HttpResponse(write_xlsx(documents), content_type=XLSX_CONTENT_TYPE)
        extension = "xlsx"
    else:
        response = HttpResponse(write_csv(documents), content_type=CSV_CONTENT_TYPE)
        extension = "csv"
    response["Content-Disposition"] = f'attachment; filename="van-ban-{stamp}.{extension}"'
    return response
