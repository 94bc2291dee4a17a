"""Asterisk ``queue_log``: queue events paired per call into contacts.

Source: Asterisk documentation, "Queue Logs",
https://docs.asterisk.org/Operation/Logging/Queue-Logs/ — lines
``UNIX time|callid|queuename|agent|event|data1|data2|…`` with, among others,
``ENTERQUEUE(url|callerid|position)``, ``CONNECT(holdtime|bridgedchanneluniqueid|ringtime)``,
``COMPLETEAGENT``/``COMPLETECALLER(holdtime|calltime|origposition)``,
``ABANDON``/``EXITWITHTIMEOUT``/``EXITEMPTY(position|origposition|waittime)``,
``EXITWITHKEY(key|position|origposition|waittime)``,
``TRANSFER(extension|context|holdtime|calltime|origposition)``,
``ATTENDEDTRANSFER``/``BLINDTRANSFER(…|holdtime|calltime|origposition)``,
``RINGNOANSWER(ringtime)``. The database table (``queue_log`` of realtime / Wazo,
https://wazo.readthedocs.io/en/wazo-20.03/api_sdk/queue_log.html) has the columns
``time, callid, queuename, agent, event, data1 … data5`` with ``time`` a date-time.

A contact is one call id's stay in queues: from ENTERQUEUE to its final event. Answered
when CONNECT came (wait = its holdtime), talk from COMPLETE*/TRANSFER calltime; abandoned when
ABANDON / EXITWITHTIMEOUT / EXITEMPTY / EXITWITHKEY ended it (wait = its waittime). Calls still
waiting at the end of the file are counted in the notes and not stored; calls connected but
not yet completed are stored as answered with their talk time left blank.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    from_epoch,
    keys,
    row_numbers,
    seconds_text,
    stamp,
    try_seconds,
    try_stamp,
)
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "asterisk_queue_log"
NAME = "Asterisk queue_log"
EVENTS = frozenset(
    [
        "ENTERQUEUE", "CONNECT", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY",
        "COMPLETEAGENT", "COMPLETECALLER", "TRANSFER", "ATTENDEDTRANSFER", "BLINDTRANSFER",
        "RINGNOANSWER", "AGENTLOGIN", "AGENTLOGOFF", "ADDMEMBER", "REMOVEMEMBER", "PAUSE",
        "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "QUEUESTART", "CONFIGRELOAD", "DID", "AGENTDUMP",
        "SYSCOMPAT", "JOINEMPTY", "RINGCANCELED", "PENALTY", "AGENTCALLBACKLOGIN",
        "AGENTCALLBACKLOGOFF", "OUTDIAL", "OUTANSWER", "OUTCANCEL", "OUTCHANUNAVAIL",
        "OUTCONGESTION", "OUTTRANSFER", "INFO", "UPDATEFIELD", "DIALOUTATTEMPT",
    ]
)  # fmt: skip
_ENDS_WITH_TALK = frozenset(
    {"COMPLETEAGENT", "COMPLETECALLER", "TRANSFER", "ATTENDEDTRANSFER", "BLINDTRANSFER"}
)
_EPOCH = re.compile(r"^\d{9,10}(\.\d+)?$")
HEADERS = ["contact_id", "started_at", "queue", "agent_id", "wait_s", "answered", "talk_s",
           "transferred"]  # fmt: skip


@dataclass
class _Call:
    callid: str
    started: datetime | None = None
    queue: str | None = None
    agent: str | None = None
    wait: float | None = None
    talk: float | None = None
    answered: bool | None = None
    transferred: bool = False
    final: bool = False
    rn: int = 0
    inferred_start: bool = False


_QUEUE_EVENTS = frozenset(
    {"ENTERQUEUE", "CONNECT", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY",
     "COMPLETEAGENT", "COMPLETECALLER", "TRANSFER", "ATTENDEDTRANSFER", "BLINDTRANSFER"}
)  # fmt: skip


def _first(k: list[str], *names: str) -> int | None:
    return next((k.index(n) for n in names if n in k), None)


def _layout(rows: list[list[str | None]]) -> tuple[int, dict[str, int]] | None:
    """(first data row, column of each part) for the pipe text or a table export.

    Table exports name the parts ``time``/``date_time``, ``callid``, ``queuename``/``queue_name``,
    ``agent`` (some reporting schemas: ``type``), ``event``, ``data1…``/``param1…``; a few also
    carry the hold and talk seconds ready in ``htime`` and ``ttime``.
    """
    for i, row in enumerate(rows[:5]):
        k = keys(row)
        if "callid" in k and "event" in k:
            when = _first(k, "time", "datetime", "eventtime")
            queue = _first(k, "queuename", "queue")
            agent = _first(k, "agent", "membername", "member", "type")
            if when is None or queue is None or agent is None:
                return None
            cols = {"time": when, "callid": k.index("callid"), "queue": queue, "agent": agent,
                    "event": k.index("event")}  # fmt: skip
            for n in range(1, 6):
                index = _first(k, f"data{n}", f"param{n}")
                if index is not None:
                    cols[f"data{n}"] = index
            if "data1" not in cols and "data" in k:  # one 'data' column holding data1|data2|…
                cols["data"] = k.index("data")
            for name in ("htime", "ttime"):
                if name in k:
                    cols[name] = k.index(name)
            return i + 1, cols
    return 0, {"time": 0, "callid": 1, "queue": 2, "agent": 3, "event": 4,
               **{f"data{n}": 4 + n for n in range(1, 6)}}  # fmt: skip


def detect(sheet: RawSheet) -> float:
    rows = sheet.head(40)
    layout = _layout(rows)
    if layout is None:
        return 0.0
    start, cols = layout
    sample = [r for r in rows[start:] if any(r)]
    if not sample:
        return 0.0
    hits = sum(1 for r in sample if (cell(r, cols["event"]) or "").upper() in EVENTS)
    if start > 0:  # a table with the queue_log column names: its events need only be known
        return 1.0 if hits / len(sample) >= 0.5 else 0.0
    if start == 0:  # headerless: the time must be UNIX seconds as well
        hits = sum(
            1
            for r in sample
            if (cell(r, 4) or "").upper() in EVENTS and _EPOCH.match(cell(r, 0) or "")
        )
    return hits / len(sample)


def _when(text: str | None) -> datetime | None:
    if text is None:
        return None
    if _EPOCH.match(text):
        return from_epoch(float(text))
    value = try_stamp(text)
    return None if value is None else value.replace(microsecond=0)


def _data(row: list[str | None], cols: dict[str, int]) -> list[str | None]:
    if "data" in cols:
        return [(p or None) for p in (cell(row, cols["data"]) or "").split("|")] + [None] * 5
    return [cell(row, cols.get(f"data{n}")) for n in range(1, 6)]


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    layout = _layout(rows)
    assert layout is not None
    start, cols = layout
    calls, epoch = _pair_events(rows[start:], numbers[start:], cols)
    out, waiting, connected, inferred = [], 0, 0, 0
    seen: Counter[str] = Counter()
    for call in calls:
        if call.answered is None:
            waiting += 1
            continue
        if call.answered and not call.final:
            connected += 1
        inferred += call.inferred_start
        seen[call.callid] += 1
        contact_id = call.callid if seen[call.callid] == 1 else f"{call.callid}#{seen[call.callid]}"
        out.append(
            (
                [contact_id, stamp(call.started), call.queue, call.agent if call.answered else None,
                 seconds_text(call.wait), "Y" if call.answered else "N", seconds_text(call.talk),
                 "Y" if call.transferred else "N"],
                call.rn,
            )
        )  # fmt: skip
    notes = _notes(len(out), waiting, connected, inferred, epoch)
    out.sort(key=lambda item: item[1])
    sheet_out = build(HEADERS, [r for r, _rn in out], [rn for _r, rn in out], NAME)
    return "contacts", sheet_out, notes


def _pair_events(rows: list, numbers: list[int], cols: dict[str, int]) -> tuple[list[_Call], bool]:
    """The queue calls of the events, in the order they entered; and whether the times are
    UNIX seconds."""
    calls: list[_Call] = []
    current: dict[str, _Call] = {}
    epoch = False
    for row, rn in zip(rows, numbers, strict=True):
        callid, event = cell(row, cols["callid"]), (cell(row, cols["event"]) or "").upper()
        if not callid or callid in ("NONE", "REALTIME") or not event:
            continue
        when_text = cell(row, cols["time"])
        epoch = epoch or bool(when_text and _EPOCH.match(when_text))
        when = _when(when_text)
        d = _data(row, cols)
        if event not in _QUEUE_EVENTS:
            continue  # agent and outbound events, RINGNOANSWER: not a queue call's outcome
        if "htime" in cols:  # reporting schema: hold and talk seconds given ready
            d = _ready(row, cols, event)
        call = current.get(callid)
        if event == "ENTERQUEUE" or call is None or call.final:
            call = _Call(callid, rn=rn)
            current[callid] = call
            calls.append(call)
            if event != "ENTERQUEUE":
                call.inferred_start = True
        if event == "ENTERQUEUE":
            call.started = call.started or when
            call.queue = call.queue or cell(row, cols["queue"])
            continue
        call.queue = call.queue or cell(row, cols["queue"])
        _apply(call, event, row, cols, d)
        if call.started is None and when is not None:
            back = call.wait or 0.0
            if event in _ENDS_WITH_TALK:
                back += call.talk or 0.0
            call.started = when - timedelta(seconds=back)
    return calls, epoch


def _apply(
    call: _Call, event: str, row: list[str | None], cols: dict[str, int], d: list[str | None]
) -> None:
    """What one event after ENTERQUEUE says of its call (``d``: the event's data1…data5)."""
    if event == "CONNECT":
        call.answered = True
        call.agent = cell(row, cols["agent"])
        call.wait = try_seconds(d[0])
    elif event in ("COMPLETEAGENT", "COMPLETECALLER"):
        _complete(call, row, cols, d[0], d[1])
    elif event in ("TRANSFER", "ATTENDEDTRANSFER", "BLINDTRANSFER"):
        call.transferred = True
        _complete(call, row, cols, d[2], d[3])
    elif event in ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY"):
        call.answered = False
        call.final = True
        call.wait = try_seconds(d[3] if event == "EXITWITHKEY" else d[2])


def _notes(calls: int, waiting: int, connected: int, inferred: int, epoch: bool) -> list[str]:
    """How the file was read, for the summary."""
    notes = [_("Asterisk queue_log: {n:,} queue calls paired from their events").format(n=calls)]
    if waiting:
        notes.append(
            _(
                "{n:,} calls were still waiting in a queue at the end of the file; not stored"
            ).format(n=waiting)
        )
    if connected:
        notes.append(
            _("{n:,} calls were still connected at the end of the file; stored as answered "
              "without talk time").format(n=connected)
        )  # fmt: skip
    if inferred:
        notes.append(
            _("{n:,} calls began before the file (no ENTERQUEUE); their start is the first event "
              "less the wait").format(n=inferred)
        )  # fmt: skip
    if epoch:
        notes.append(_("UNIX times read as China Standard Time (UTC+08:00)"))
    return notes


def _ready(row: list[str | None], cols: dict[str, int], event: str) -> list[str | None]:
    """data1… rebuilt from ``htime``/``ttime`` in the places the Asterisk events keep them."""
    hold, talk = cell(row, cols["htime"]), cell(row, cols.get("ttime"))
    if event in ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY"):
        return [None, None, hold, None, None]
    if event == "EXITWITHKEY":
        return [None, None, None, hold, None]
    if event in ("TRANSFER", "ATTENDEDTRANSFER", "BLINDTRANSFER"):
        return [None, None, hold, talk, None]
    return [hold, talk, None, None, None]


def _complete(call: _Call, row, cols, hold: str | None, talk: str | None) -> None:
    call.answered = True
    call.final = True
    call.agent = call.agent or cell(row, cols["agent"])
    if call.wait is None:
        call.wait = try_seconds(hold)
    call.talk = try_seconds(talk)
