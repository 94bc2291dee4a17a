"""FreeSWITCH ``mod_cdr_csv`` call detail records (``Master.csv``, default template).

Source: FreeSWITCH documentation, "mod_cdr_csv"
(https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod_cdr_csv_6160399/)
and its shipped ``cdr_csv.conf.xml``: the ``example`` template writes, without a header,
``caller_id_name, caller_id_number, destination_number, context, start_stamp, answer_stamp,
end_stamp, duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode, read_codec,
write_codec``. A file opened and saved again in Excel keeps the order but may show dates as
``2020/2/10 22:41``.

One line is one call: answered when it has an ``answer_stamp`` (wait = answer − start, talk
= ``billsec``); otherwise not answered (``NO_ANSWER``, ``USER_BUSY``, ``ORIGINATOR_CANCEL`` …).
"""

from __future__ import annotations

import re

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    row_numbers,
    seconds_text,
    stamp,
    try_seconds,
    try_stamp,
)
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "freeswitch_cdr"
NAME = "FreeSWITCH cdr_csv (Master.csv)"
HEADERS = ["contact_id", "started_at", "queue", "wait_s", "answered", "talk_s", "customer_ref"]
_CAUSE = re.compile(r"^[A-Z_]{4,}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def detect(sheet: RawSheet) -> float:
    sample = [r for r in sheet.head(40) if any(r)]
    if not sample:
        return 0.0
    good = sum(
        1
        for r in sample
        if len(r) >= 11
        and _CAUSE.match(cell(r, 9) or "")
        and _UUID.match(cell(r, 10) or "")
        and try_stamp(cell(r, 4)) is not None
    )
    return good / len(sample)


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    out, out_rn, causes = [], [], {}
    seen: set[str] = set()
    repeated = 0
    for row, rn in zip(rows, numbers, strict=True):
        if not any(row):
            continue
        uuid = cell(row, 10) or f"row {rn}"
        if uuid in seen:
            repeated += 1  # the same call written again (a re-saved or appended file)
            continue
        seen.add(uuid)
        start, answer = try_stamp(cell(row, 4)), try_stamp(cell(row, 5))
        answered = answer is not None
        cause = cell(row, 9) or ""
        causes[cause] = causes.get(cause, 0) + 1
        wait = (answer - start).total_seconds() if answered and start is not None else None
        out.append(
            [uuid, stamp(start), cell(row, 3), seconds_text(wait),
             "Y" if answered else "N",
             seconds_text(try_seconds(cell(row, 8))) if answered else None, cell(row, 1)]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [
        _("{n:,} calls; answered when answer_stamp is set; hangup causes: {causes}").format(
            n=len(out), causes=", ".join(f"{k} {v}" for k, v in sorted(causes.items()))
        )
    ]
    if repeated:
        notes.append(_("{n:,} repeated lines of the same call counted once").format(n=repeated))
    return "contacts", build(HEADERS, out, out_rn, NAME), notes
