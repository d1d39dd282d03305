from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from kyanh_cms.core.formats import format_date, format_long_datetime, format_number


def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals():
    assert format_number(2060856) == "2.060.856"
    assert format_number(65) == "65"
    assert format_number(4.25, 1) == "4,3"
    assert format_number(4.36, 1) == "4,4"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(None) == ""


def test_dates_are_day_first_and_datelines_name_the_weekday():
    assert format_date(date(2026, 11, 25)) == "25/11/2026"
    # An aware UTC time is shown in the portal's time zone (Asia/Ho_Chi_Minh, UTC+7).
    utc = datetime(2026, 11, 25, 2, 30, tzinfo=ZoneInfo("UTC"))
    with timezone.override("Asia/Ho_Chi_Minh"):
        assert format_long_datetime(utc) == "Thứ Tư, 25/11/2026 09:30"
    assert format_long_datetime(date(2026, 11, 29)) == "Chủ Nhật, 29/11/2026"
