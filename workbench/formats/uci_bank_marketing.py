"""The Portuguese bank's telemarketing call list (UCI "Bank Marketing" data set) → campaigns.

Source: S. Moro, P. Cortez, P. Rita, "A Data-Driven Approach to Predict the Success of Bank
Telemarketing", Decision Support Systems 62 (2014); UCI Machine Learning Repository,
https://archive.ics.uci.edu/dataset/222/bank+marketing (CC BY 4.0) — ``bank-full.csv``:
``age;job;marital;education;default;balance;housing;loan;contact;day;month;duration;
campaign;pdays;previous;poutcome;y`` (some copies comma-separated with capitalised headers
and ``Output`` for ``y``). One row is the last call to a client in the term-deposit campaign;
rows are "ordered by date (from May 2008 to November 2010)", with day and month but no year.

The year is read from that order: it starts at 2008 and goes up by one each time the month
goes back (Dec → Jan, or May 2009 after Nov 2008), and the notes say so. The call is
``reached`` when it lasted (``duration`` > 0) and ``converted`` when ``y`` is yes. The data
set has no client id (one row is one client): the customer is the row, hashed as usual.
"""

from __future__ import annotations

from datetime import datetime

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    column,
    header_index,
    keys,
    row_numbers,
    stamp,
)
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "uci_bank_marketing"
NAME = "UCI bank marketing (Portuguese bank telemarketing)"
HEADERS = ["campaign_id", "campaign_name", "customer_ref", "touched_at", "channel", "reached",
           "converted", "product"]  # fmt: skip
_NEEDED = ["job", "education", "balance", "housing", "loan", "contact", "day",
           "month", "duration", "campaign", "pdays", "poutcome"]  # fmt: skip
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
FIRST_YEAR = 2008


def detect(sheet: RawSheet) -> float:
    return 0.0 if header_index(sheet.head(5), _NEEDED) is None else 1.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, _NEEDED)
    assert index is not None
    k = keys(rows[index])
    c_day, c_month = column(k, "day"), column(k, "month")
    c_duration, c_contact = column(k, "duration"), column(k, "contact")
    c_y = column(k, "y", "Output", "deposit")
    out, out_rn, bad = [], [], 0
    year, last_month = FIRST_YEAR, None
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row):
            continue
        month = _MONTHS.get((cell(row, c_month) or "")[:3].casefold())
        try:
            day = int(cell(row, c_day) or "")
        except ValueError:
            day = None
        if month is None or day is None:
            bad += 1
            continue
        if last_month is not None and month < last_month:
            year += 1
        last_month = month
        try:
            touched = datetime(year, month, day)
        except ValueError:
            bad += 1
            continue
        contact = cell(row, c_contact)
        out.append(
            ["term-deposit", "Term deposit telemarketing", f"client row {rn}", stamp(touched),
             None if contact in (None, "unknown") else contact,
             "Y" if (cell(row, c_duration) or "0") not in ("0", "") else "N",
             "Y" if (cell(row, c_y) or "").casefold() == "yes" else "N", "term deposit"]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [
        _(
            "{n:,} calls; the year is read from the data set's date order, starting in {year}"
        ).format(n=len(out), year=FIRST_YEAR)
    ]
    if bad:
        notes.append(_("{n:,} rows without a valid day and month left out").format(n=bad))
    return "campaigns", build(HEADERS, out, out_rn, NAME), notes
