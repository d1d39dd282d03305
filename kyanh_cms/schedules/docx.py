"""The week as a Word document laid out like an administrative document (Decree
30/2020/NĐ-CP): the issuing body and the national motto side by side at the top,
the title, the dates, and the table — A4 landscape, Times New Roman (python-docx).
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kyanh_cms.schedules.weeks import DAY_NAMES

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"


def _paragraph(
    cell_or_doc,
    text="",
    bold=False,
    size=13,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    underline=False,
    italic=False,
    first=False,
):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT
    return paragraph


def entry_text(entry):
    """The "Nội dung" cell: the content with, for a changed or postponed entry, its
    mark and the reason."""
    text = entry.content
    change = entry.latest_change
    if entry.is_cancelled:
        text = f"[{pgettext('schedule entry', 'Postponed')}] {text}"
    elif entry.is_changed:
        text = f"[{pgettext('schedule entry', 'Changed')}] {text}"
    if change is not None and (entry.is_cancelled or entry.is_changed):
        text += f"\n{_('Reason')}: {change.reason}"
    return text


def week_document(week, entries, issuing_body):
    """``bytes`` of the .docx of ``week`` with ``entries`` (sorted by day and time)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)

    heading = document.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = heading.rows[0].cells
    _paragraph(left, issuing_body.upper(), bold=True, size=13, first=True)
    _paragraph(right, NATION, bold=True, size=12, first=True)
    _paragraph(right, MOTTO, bold=True, size=13, underline=True)

    _paragraph(document, "")
    _paragraph(document, _("WORK SCHEDULE OF THE WEEK").upper(), bold=True, size=14)
    _paragraph(
        document,
        _("(Week %(number)s, from %(monday)s to %(sunday)s)")
        % {
            "number": week.number,
            "monday": f"{week.monday:%d/%m/%Y}",
            "sunday": f"{week.sunday:%d/%m/%Y}",
        },
        italic=True,
    )
    _paragraph(document, "")

    headings = [
        _("Day"),
        _("Time"),
        _("Content"),
        _("Chaired by"),
        _("Participants"),
        _("Place"),
        _("Preparing unit"),
        _("Bloc"),
    ]
    widths = [Cm(2.6), Cm(2.2), Cm(7.4), Cm(3.4), Cm(4.0), Cm(2.8), Cm(2.6), Cm(1.7)]
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text, width in zip(table.rows[0].cells, headings, widths, strict=True):
        cell.width = width
        _paragraph(cell, text, bold=True, size=11, first=True)

    if not entries:
        row = table.add_row().cells
        merged = row[0].merge(row[-1])
        _paragraph(merged, _("No work is scheduled for this week."), size=11, first=True)
    previous_day = None
    for entry in entries:
        cells = table.add_row().cells
        day = ""
        if entry.date != previous_day:
            day = f"{DAY_NAMES[entry.date.weekday()]}\n{entry.date:%d/%m}"
            previous_day = entry.date
        values = [
            day,
            entry.time_label,
            entry_text(entry),
            entry.chair,
            entry.participants,
            entry.place,
            entry.preparing_unit,
            entry.get_bloc_display(),
        ]
        for cell, text, width in zip(cells, values, widths, strict=True):
            cell.width = width
            align = WD_ALIGN_PARAGRAPH.LEFT if cell is cells[2] else WD_ALIGN_PARAGRAPH.CENTER
            is_day = bool(day) and cell is cells[0]
            _paragraph(
                cell,
                str(text),
                size=11,
                align=align,
                first=True,
                bold=is_day,
            )

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
