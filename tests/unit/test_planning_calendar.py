"""Chinese statutory holidays and make-up working days 2024–2026, and the forecast using them."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.planning.calendar import day_info, day_kind, is_working_day, special_days
from workbench.planning.forecast import day_key


@pytest.mark.parametrize(
    "day,kind",
    [
        (date(2024, 10, 1), "holiday"),  # National Day
        (date(2024, 10, 7), "holiday"),
        (date(2024, 9, 29), "makeup"),  # Sunday worked for National Day
        (date(2024, 10, 12), "makeup"),  # Saturday worked for National Day
        (date(2024, 10, 8), "workday"),
        (date(2024, 10, 13), "weekend"),
        (date(2025, 1, 28), "holiday"),  # Spring Festival eve 2025
        (date(2025, 1, 26), "makeup"),
        (date(2025, 2, 8), "makeup"),
        (date(2025, 10, 8), "holiday"),  # National Day + Mid-Autumn 2025: 1–8 October
        (date(2025, 9, 28), "makeup"),
        (date(2025, 10, 11), "makeup"),
        (date(2026, 2, 14), "makeup"),  # Spring Festival 2026
        (date(2026, 2, 17), "holiday"),
        (date(2026, 10, 1), "holiday"),
        (date(2026, 9, 20), "makeup"),
        (date(2026, 10, 10), "makeup"),
    ],
)
def test_holidays_and_make_up_days(day: date, kind: str) -> None:
    assert day_kind(day) == kind
    assert is_working_day(day) == (kind in ("workday", "makeup"))


def test_names_and_special_days_of_golden_week_2024() -> None:
    assert day_info(date(2024, 10, 1)) == ("holiday", "National Day")
    days = special_days(date(2024, 9, 28), date(2024, 10, 13))
    assert [d for d, kind, _name in days if kind == "makeup"] == [
        date(2024, 9, 29),
        date(2024, 10, 12),
    ]
    assert [d.day for d, kind, _name in days if kind == "holiday"] == [1, 2, 3, 4, 5, 6, 7]


def test_years_beyond_the_package_fall_back_to_the_holidays_package() -> None:
    assert day_kind(date(2030, 1, 1)) == "holiday"  # New Year's Day from `holidays`
    assert day_kind(date(2030, 1, 2)) == "workday"


def test_forecast_day_kinds_follow_the_calendar() -> None:
    assert day_key(date(2024, 10, 1)) == "holiday"
    assert day_key(date(2024, 10, 12)) == "makeup"
    assert day_key(date(2024, 10, 14)) == "0"  # an ordinary Monday
