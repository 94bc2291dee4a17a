"""Genesys Cloud "Interactions" view export (Performance → Interactions → Export, CSV).

Source: the Genesys Cloud interactions export as published in a public sample,
https://github.com/UsernameTron/ispn-intelligence (``data/samples/sample_interactions.csv``)
and the Genesys Cloud resource center "Interactions view" — one row per conversation with
``Conversation ID``, ``Date`` (``1/1/26 9:00 AM``, month first, two-digit year),
``Media Type``, ``Direction``, ``Queue``, ``Users - Interacted``, ``Abandoned`` and
``Transferred`` (YES/NO), and durations ``Total Queue``, ``Total Talk``, ``Total Hold``,
``Total ACW`` in milliseconds (an export set to show times as ``h:mm:ss`` is read too).

Inbound conversations that entered a queue are contacts: answered unless ``Abandoned`` is
YES; the wait is ``Total Queue``. Outbound conversations are left out and counted.
"""

from __future__ import annotations

import re
from datetime import datetime

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

ID = "genesys_cloud"
NAME = "Genesys Cloud interactions export"
HEADERS = ["contact_id", "started_at", "channel", "queue", "agent_name", "wait_s", "answered",
           "talk_s", "hold_s", "acw_s", "transferred"]  # fmt: skip
_NEEDED = ["Conversation ID", "Abandoned", "Total Queue"]
_US_SHORT = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)$", re.I
)


def detect(sheet: RawSheet) -> float:
    return 0.0 if header_index(sheet.head(30), _NEEDED) is None else 1.0


def _when(text: str | None) -> datetime | None:
    if text is None:
        return None
    m = _US_SHORT.match(text)
    if m:
        mo, d, y, h, mi, s, ap = m.groups()
        hour = int(h) % 12 + (12 if ap.upper() == "PM" else 0)
        try:
            return datetime(2000 + int(y), int(mo), int(d), hour, int(mi), int(s or 0))
        except ValueError:
            return None
    return try_stamp(text)


def _ms(text: str | None) -> float | None:
    """Milliseconds (a plain number) or h:mm:ss, as seconds."""
    if text is None:
        return None
    if ":" in text:
        return try_seconds(text)
    value = try_seconds(text)
    return None if value is None else value / 1000.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, _NEEDED)
    assert index is not None
    k = keys(rows[index])
    c = {name: column(k, *alts) for name, alts in {
        "id": ("Conversation ID",), "date": ("Date", "Start Date"), "media": ("Media Type",),
        "direction": ("Direction", "Initial Direction"), "queue": ("Queue", "First Queue"),
        "user": ("Users - Interacted", "Users", "Agent"), "abandoned": ("Abandoned",),
        "transferred": ("Transferred",), "wait": ("Total Queue",), "talk": ("Total Talk",),
        "hold": ("Total Hold",), "acw": ("Total ACW",),
    }.items()}  # fmt: skip
    out, out_rn, outbound = [], [], 0
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row):
            continue
        direction = (cell(row, c["direction"]) or "inbound").casefold()
        if not direction.startswith("inbound"):
            outbound += 1
            continue
        abandoned = (cell(row, c["abandoned"]) or "").upper() in ("YES", "Y", "TRUE", "1")
        transferred = cell(row, c["transferred"])
        out.append(
            [cell(row, c["id"]), stamp(_when(cell(row, c["date"]))), cell(row, c["media"]),
             cell(row, c["queue"]), None if abandoned else cell(row, c["user"]),
             seconds_text(_ms(cell(row, c["wait"]))), "N" if abandoned else "Y",
             None if abandoned else seconds_text(_ms(cell(row, c["talk"]))),
             seconds_text(_ms(cell(row, c["hold"]))), seconds_text(_ms(cell(row, c["acw"]))),
             None if transferred is None else ("Y" if transferred.upper() == "YES" else "N")]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [_("{n:,} inbound conversations; durations read as milliseconds").format(n=len(out))]
    if outbound:
        notes.append(_("{n:,} outbound conversations left out").format(n=outbound))
    return "contacts", build(HEADERS, out, out_rn, NAME), notes
