"""Five9 "Call Log" report (CSV export of the standard call log report).

Source: Five9 Virtual Contact Center, Dashboards and Reports User's Guide and "Call Segment
Reference" (https://scribd.com/document/709821714/Five9) — one row per call with ``CALL ID``,
``DATE`` and ``TIME`` (or ``TIMESTAMP``), ``CAMPAIGN``, ``CALL TYPE`` (Inbound, Outbound,
Manual, …), ``SKILL``, ``AGENT``, ``AGENT NAME``, ``DISPOSITION``, ``ANI``, ``DNIS``, and the
durations ``QUEUE WAIT TIME``, ``TALK TIME``, ``HOLD TIME``, ``AFTER CALL WORK TIME`` as
h:mm:ss, and ``ABANDONED`` (1 when the caller hung up while queued) and ``TRANSFERS``.

Inbound calls that reached a skill queue or an agent are contacts: answered when an agent
talked (not abandoned), abandoned when ``ABANDONED`` is 1. Outbound calls and inbound calls
that ended in the IVR are left out and counted in the notes.
"""

from __future__ import annotations

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    column,
    header_index,
    keys,
    row_numbers,
    seconds_text,
    stamp,
    try_seconds,
    try_stamp,
)
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "five9_call_log"
NAME = "Five9 call log"
HEADERS = ["contact_id", "started_at", "queue", "agent_id", "agent_name", "wait_s",
           "answered", "talk_s", "hold_s", "acw_s", "transferred", "customer_ref"]  # fmt: skip
_NEEDED = ["CALL ID", "CALL TYPE", "DISPOSITION"]


def detect(sheet: RawSheet) -> float:
    rows = sheet.head(30)
    index = header_index(rows, _NEEDED)
    if index is None:
        return 0.0
    k = keys(rows[index])
    return 1.0 if column(k, "ABANDONED", "QUEUE WAIT TIME") is not None else 0.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, _NEEDED)
    assert index is not None
    k = keys(rows[index])
    c = {name: column(k, *alts) for name, alts in {
        "id": ("CALL ID",), "date": ("DATE",), "time": ("TIME",), "stamp": ("TIMESTAMP",),
        "type": ("CALL TYPE",), "skill": ("SKILL",), "campaign": ("CAMPAIGN",),
        "agent": ("AGENT",), "agent_name": ("AGENT NAME",), "wait": ("QUEUE WAIT TIME",),
        "talk": ("TALK TIME",), "hold": ("HOLD TIME",),
        "acw": ("AFTER CALL WORK TIME", "ACW TIME"), "abandoned": ("ABANDONED",),
        "transfers": ("TRANSFERS",), "ani": ("ANI",),
    }.items()}  # fmt: skip
    out, out_rn = [], []
    outbound = ivr = 0
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row):
            continue
        call_type = (cell(row, c["type"]) or "").casefold()
        if call_type and "inbound" not in call_type:
            outbound += 1
            continue
        if c["stamp"] is not None:
            started = try_stamp(cell(row, c["stamp"]))
        else:
            started = try_stamp(" ".join(filter(None, (cell(row, c["date"]),
                                                       cell(row, c["time"])))))  # fmt: skip
        agent = cell(row, c["agent"])
        if agent in ("[None]", "None", "-"):
            agent = None
        talk = try_seconds(cell(row, c["talk"]))
        abandoned = (cell(row, c["abandoned"]) or "0") in ("1", "Yes", "yes", "TRUE", "true")
        answered = not abandoned and agent is not None and bool(talk)
        if not answered and not abandoned:
            ivr += 1
            continue
        transfers = cell(row, c["transfers"])
        out.append(
            [cell(row, c["id"]), stamp(started), cell(row, c["skill"]) or cell(row, c["campaign"]),
             agent if answered else None, cell(row, c["agent_name"]) if answered else None,
             seconds_text(try_seconds(cell(row, c["wait"]))), "Y" if answered else "N",
             seconds_text(talk) if answered else None,
             seconds_text(try_seconds(cell(row, c["hold"]))),
             seconds_text(try_seconds(cell(row, c["acw"]))),
             None if transfers is None else ("Y" if transfers not in ("0", "") else "N"),
             cell(row, c["ani"])]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [_("{n:,} inbound queue calls").format(n=len(out))]
    if outbound:
        notes.append(_("{n:,} outbound calls left out").format(n=outbound))
    if ivr:
        notes.append(_("{n:,} inbound calls that reached no queue or agent left out").format(n=ivr))
    return "contacts", build(HEADERS, out, out_rn, NAME), notes
