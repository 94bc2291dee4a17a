"""Chinese statutory holidays and make-up working days 2024–2026, and the forecast using them."""

from __future__ import annotations

from datetime import date, timedelta

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


def test_forecast_uses_the_calendar_and_beats_seasonal_naive(store, tmp_path) -> None:
    """Four weeks of half-hour summaries around golden week 2024, imported for real."""
    import openpyxl

    from workbench.domain import Filters
    from workbench.importing import import_files
    from workbench.planning.forecast import backtest, build_cube, seasonal_forecast
    from workbench.planning.intraday import interval_table

    volume = {"workday": 100, "weekend": 40, "holiday": 10, "makeup": 90}
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(
        ["统计日期", "时段", "技能组", "人工请求量", "人工接通量", "放弃量", "平均处理时长"]
    )
    first = date(2024, 9, 16)
    for i in range(28):
        day = first + timedelta(days=i)
        calls = volume[day_kind(day)]
        for period, share in (("09:00-09:30", 1.0), ("09:30-10:00", 0.5)):
            offered = int(calls * share)
            sheet.append([day.isoformat(), period, "Q1", offered, offered, 0, "0:03:00"])
    wb.save(tmp_path / "summaries.xlsx")
    (result,) = import_files(store, [tmp_path / "summaries.xlsx"]).files
    assert result.status == "imported" and result.rows == 56, result.error

    table = interval_table(store.con, Filters(), 30)
    check = backtest(table, holdout_days=7)
    assert check.held_back[0] == date(2024, 10, 7) and check.held_back[-1] == date(2024, 10, 13)
    # golden week Monday 7 Oct: naive says last Monday's 100; the forecast knows it is a holiday
    assert check.mae_forecast < check.mae_naive / 5
    forecast = seasonal_forecast(build_cube(table), check.held_back, before=date(2024, 10, 7))
    offered = forecast.offered[0]  # queue Q1: [day, slot]
    assert offered[0].tolist() == [10.0, 5.0]  # 7 Oct, a holiday, from the holidays before
    assert offered[1].tolist() == [100.0, 50.0]  # 8 Oct, an ordinary Tuesday
    assert offered[6].tolist() == [40.0, 20.0]  # 13 Oct, an ordinary Sunday
    assert forecast.aht_s[0, 1, 0] == 180.0
