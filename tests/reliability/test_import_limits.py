"""Hostile spreadsheets sent to the showcase import: refused quickly, in small memory, with a
Vietnamese message naming the row and column, and nothing half imported.

The files are real: XLSX written by openpyxl (and one rewritten to lie about its size),
CSV bytes as Excel or a script would send them.
"""

import csv
import io
import re
import tracemalloc
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kyanh_cms.models import Organization, PortalHomePage, ShowcaseIndexPage, ShowcasePage
from kyanh_cms.showcases import importing

HEADER = ["Tên mô hình, điển hình", "Loại", "Tổ chức cơ sở đảng", "Năm", "Tóm tắt"]
ROW = ["Dân vận khéo", "Mô hình", "Đảng ủy xã Kỳ Hà", "2026", "Tóm tắt"]
# Far more than any honest import could need; the unbounded reader took 3.3 GB.
MEMORY_BOUND = 30 * 1024 * 1024


def csv_bytes(rows, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode()


def xlsx_bytes(cells):
    workbook = Workbook()
    for reference, value in cells.items():
        workbook.active[reference] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def without_dimension(data):
    """The same workbook with its sheet's <dimension> removed: the range must then
    be found by reading, as some generators write none."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            content = source.read(part)
            if part.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            out.writestr(part, content)
    return target.getvalue()


def refusal_of(data, name, memory_bound=MEMORY_BOUND):
    """The refusal ``read_table`` gives, checking the peak of Python memory it used."""
    tracemalloc.start()
    try:
        with pytest.raises(importing.FileRefused) as refused:
            importing.read_table(SimpleUploadedFile(name, data))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < memory_bound, f"{peak / 2**20:.1f} MB held to refuse {name}"
    return str(refused.value)


def test_small_xlsx_with_a_cell_at_xfd1048576_is_refused_in_small_memory():
    data = xlsx_bytes({"A1": HEADER[0], "A2": "Dân vận khéo", "XFD1048576": "x"})
    assert len(data) < 6 * 1024
    message = refusal_of(data, "dang-ky.xlsx")
    assert "row 1.048.576" in message or "dòng 1.048.576" in message
    assert "XFD1048576" in message


def test_xlsx_that_states_no_range_is_read_no_further_than_the_limit():
    data = without_dimension(xlsx_bytes({"A1": HEADER[0], "XFD1048576": "x"}))
    message = refusal_of(data, "dang-ky.xlsx")
    assert message  # nothing under the header within the rows an import reads


def test_xlsx_with_too_many_filled_rows_is_refused():
    cells = {f"A{n}": f"Mô hình {n}" for n in range(1, importing.MAX_ROWS + 3)}
    data = without_dimension(xlsx_bytes(cells))
    assert str(importing.MAX_ROWS) in refusal_of(data, "dang-ky.xlsx").replace(".", "")


def test_xlsx_that_unpacks_to_far_more_than_it_weighs_is_refused_before_parsing():
    # One cell of 30 MB of text compresses to a few dozen KB.
    data = xlsx_bytes({"A1": HEADER[0], "A2": "a" * 30_000, "B2": "b"})
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
            for part in source.infolist():
                content = source.read(part)
                if part.filename.startswith("xl/worksheets/"):
                    content = content.replace(b"a" * 30_000, b"a" * (30 * 1024 * 1024))
                out.writestr(part, content)
    data = bomb.getvalue()
    assert len(data) < 200 * 1024
    message = refusal_of(data, "dang-ky.xlsx", memory_bound=MEMORY_BOUND + len(data) * 2)
    assert "20 MB" in message


def test_xlsx_cell_longer_than_a_cell_may_be_names_row_and_column():
    data = xlsx_bytes(
        {**{f"{c}1": h for c, h in zip("ABCDE", HEADER, strict=True)}, "E3": "x" * 20_000}
    )
    message = refusal_of(data, "dang-ky.xlsx")
    assert "3" in message and "E (Tóm tắt)" in message


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_with_a_4_mb_field_names_row_and_column(delimiter):
    huge = "Kỳ Anh " * 580_000
    data = csv_bytes([HEADER, ROW, [*ROW[:2], huge, *ROW[3:]]], delimiter)
    assert 4 * 1024 * 1024 < len(data) < importing.LIMITS.max_file_size
    message = refusal_of(data, "dang-ky.csv", memory_bound=MEMORY_BOUND + len(data) * 8)
    assert "3" in message and "C (Tổ chức cơ sở đảng)" in message


def test_csv_with_too_many_rows_is_refused():
    data = csv_bytes([HEADER] + [ROW] * (importing.MAX_ROWS + 1))
    assert "2.000" in refusal_of(data, "dang-ky.csv")


def test_columns_past_the_limit_are_not_read():
    wide = HEADER + [f"cột {n}" for n in range(importing.LIMITS.max_columns + 20)]
    data = csv_bytes([wide, ROW + ["x"] * 70])
    table = importing.read_table(SimpleUploadedFile("dang-ky.csv", data))
    assert all(len(row) <= importing.LIMITS.max_columns for row in table)


# --- Through the admin view: a message, never a 500, nothing half imported --------------


@pytest.fixture
def index(portal):
    home = PortalHomePage.objects.get(pk=portal.root_page_id)
    page = ShowcaseIndexPage(title="Mô hình, điển hình", slug="mo-hinh")
    home.add_child(instance=page)
    Organization.objects.create(name="Đảng ủy xã Kỳ Hà", short_name="Kỳ Hà")
    return page


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.com", "matkhau")
    client.force_login(user)
    return user


def post_file(client, index, content, name):
    return client.post(
        reverse("kyanh_showcase_import:index"),
        {
            "action": "preview",
            "year": 2026,
            "index_page": index.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_the_admin_answers_a_4_mb_field_with_a_vietnamese_message(client, editor, index):
    data = csv_bytes([HEADER, ROW, [*ROW[:4], "x" * (4 * 1024 * 1024)]])
    response = post_file(client, index, data, "dang-ky.csv")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        "Dòng 3, cột E (Tóm tắt): ô chứa quá 10.000 ký tự. Hãy rút ngắn rồi tải tệp lên lại."
    ]
    assert "preview" not in response.context
    assert not ShowcasePage.objects.exists()


def test_the_admin_answers_the_xfd1048576_file_and_keeps_the_form(client, editor, index):
    data = xlsx_bytes({"A1": HEADER[0], "XFD1048576": "x"})
    response = post_file(client, index, data, "dang-ky.xlsx")
    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert "1.048.576" in error and "XFD1048576" in error
    assert response.context["form"]["year"].value() == "2026"
    assert not ShowcasePage.objects.exists()


def test_a_failure_while_writing_leaves_nothing_imported(index, monkeypatch):
    """All rows or none: the import runs in one transaction."""
    data = csv_bytes([HEADER, ROW, ["Mô hình 2", *ROW[1:]]])
    table = importing.read_table(SimpleUploadedFile("dang-ky.csv", data))
    preview = importing.validate(table, 2026)
    assert preview.is_valid and len(preview.rows) == 2
    created = []
    real_create = importing._create

    def create_then_fail(row, *args):
        if created:
            raise RuntimeError("disk full")
        real_create(row, *args)
        created.append(row)

    monkeypatch.setattr(importing, "_create", create_then_fail)
    with pytest.raises(RuntimeError):
        importing.apply(preview, index)
    assert created and not ShowcasePage.objects.exists()


def test_line_separators_inside_a_cell_stay_in_the_cell():
    data = csv_bytes([HEADER, ["Dân vận\u2028khéo", "Mô hình", "Kỳ Hà\x0bxã", "2026", "a\nb"]])
    table = importing.read_table(SimpleUploadedFile("dang-ky.csv", data))
    assert len(table) == 2
    assert table[1][4] == "a\nb"


def test_the_core_reader_takes_each_imports_own_limits():
    from kyanh_cms.core.tables import TableLimits, TableRefused, read_table

    limits = TableLimits(max_rows=3, max_cell_characters=30)
    rows = [HEADER] + [ROW] * 3
    assert len(read_table(SimpleUploadedFile("a.csv", csv_bytes(rows)), limits, str)) == 4
    with pytest.raises(TableRefused, match="3"):
        read_table(SimpleUploadedFile("a.csv", csv_bytes([*rows, ROW])), limits, str)
    with pytest.raises(TableRefused, match="E"):
        read_table(
            SimpleUploadedFile("a.csv", csv_bytes([HEADER, [*ROW[:4], "x" * 31]])), limits, str
        )
