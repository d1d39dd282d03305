"""Vietnamese number and date formats, independent of the active locale.

Visitor-facing text is always Vietnamese, so the portal does not rely on
USE_THOUSAND_SEPARATOR or on which language a request negotiated:
2060856 is written 2.060.856 and 4.25 is written 4,3 (one decimal).
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def format_number(value, decimals: int = 0) -> str:
    """``2060856`` → ``"2.060.856"``; ``4.25`` with one decimal → ``"4,3"``."""
    if value is None or value == "":
        return ""
    try:
        # Decimal from the text form: 4.25 rounds to 4,3 as a reader expects,
        # not to 4,2 as binary floats with banker's rounding would.
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value) -> str:
    """``25/11/2026``."""
    if not isinstance(value, date):
        return ""
    return _local(value).strftime("%d/%m/%Y")


def format_datetime(value) -> str:
    """``25/11/2026 09:30``."""
    if not isinstance(value, datetime):
        return format_date(value)
    return _local(value).strftime("%d/%m/%Y %H:%M")


def format_long_datetime(value) -> str:
    """``Thứ Tư, 25/11/2026 09:30`` — the dateline of an article."""
    if not isinstance(value, date):
        return ""
    value = _local(value)
    weekday = WEEKDAYS[value.weekday()]
    if isinstance(value, datetime):
        return f"{weekday}, {value.strftime('%d/%m/%Y %H:%M')}"
    return f"{weekday}, {value.strftime('%d/%m/%Y')}"
