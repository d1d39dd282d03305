"""Safe spreadsheet exports: no cell an office program would run as a formula."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value):
    """``"=SUM(A1)"`` → ``"'=SUM(A1)"``: text that starts like a formula is kept as text.

    Numbers are left alone (a negative number is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For admin listings with CSV/XLSX export (Wagtail's ``SpreadsheetExportMixin``)."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralize_formula(super().preprocess_field_value(field, value, export_format))
