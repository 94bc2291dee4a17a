"""天润融通 (Tinet / Clink) inbound call detail records (``cdr_ib``).

Source: Tinet's public SDK documentation, "PushCdrRequest",
https://github.com/ti-net/smartlink-sdk-java/wiki/PushCdrRequest — fields ``uniqueId``,
``startTime``, ``answerTime``, ``bridgeTime``, ``endTime`` (UNIX seconds),
``bridgeDuration`` (talk, seconds), ``totalDuration`` and ``status`` (inbound: 1 座席接听,
2 已呼叫座席,座席未接听, 3 系统接听, 4–13 系统未接…). Also read: ``customerNumber``,
``cno`` (座席号), ``qno`` (队列号) when present, and ``status`` given as its Chinese text.

Contacts are the calls offered to agents: status 1 (answered) and 2 (not answered). Calls
ended by the system or in the IVR (3 and above) are left out and counted in the notes. The
wait of an answered call is ``bridgeTime − answerTime`` (the system answers first; this
includes the IVR), said in the notes.
"""

from __future__ import annotations

import re
from datetime import datetime

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    column,
    from_epoch,
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

ID = "tinet_cdr"
NAME = "天润融通 (Tinet) inbound CDR"
HEADERS = ["contact_id", "started_at", "queue", "agent_id", "wait_s", "answered", "talk_s",
           "customer_ref"]  # fmt: skip
_NEEDED = ["uniqueId", "startTime", "bridgeDuration", "status"]
_EPOCH = re.compile(r"^\d{9,10}$")
_STATUS_TEXT = {"座席接听": 1, "已呼叫座席,座席未接听": 2, "已呼叫座席，座席未接听": 2,
                "座席未接听": 2, "系统接听": 3}  # fmt: skip


def detect(sheet: RawSheet) -> float:
    return 0.0 if header_index(sheet.head(30), _NEEDED) is None else 1.0


def _when(text: str | None) -> datetime | None:
    if text is None or text == "0":
        return None
    if _EPOCH.match(text):
        return from_epoch(int(text))
    return try_stamp(text)


def _status(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    return _STATUS_TEXT.get(text, 99)


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, _NEEDED)
    assert index is not None
    k = keys(rows[index])
    c = {name: column(k, name) for name in (
        "uniqueId", "startTime", "answerTime", "bridgeTime", "bridgeDuration", "status",
        "customerNumber", "cno", "qno")}  # fmt: skip
    out, out_rn, system = [], [], 0
    epoch = False
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row):
            continue
        status = _status(cell(row, c["status"]))
        if status not in (1, 2):
            system += 1
            continue
        epoch = epoch or bool(_EPOCH.match(cell(row, c["startTime"]) or ""))
        started = _when(cell(row, c["startTime"]))
        answered = status == 1
        wait = None
        if answered:
            answer, bridge = _when(cell(row, c["answerTime"])), _when(cell(row, c["bridgeTime"]))
            if answer is not None and bridge is not None:
                wait = max((bridge - answer).total_seconds(), 0.0)
        out.append(
            [cell(row, c["uniqueId"]), stamp(started), cell(row, c["qno"]),
             cell(row, c["cno"]) if answered else None, seconds_text(wait),
             "Y" if answered else "N",
             seconds_text(try_seconds(cell(row, c["bridgeDuration"]))) if answered else None,
             cell(row, c["customerNumber"])]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [_("{n:,} calls offered to agents (status 1 and 2)").format(n=len(out))]
    if system:
        notes.append(_("{n:,} calls ended by the system or in the IVR left out").format(n=system))
    notes.append(_("wait = bridgeTime − answerTime (includes the IVR)"))
    if epoch:
        notes.append(_("UNIX times read as China Standard Time (UTC+08:00)"))
    return "contacts", build(HEADERS, out, out_rn, NAME), notes
