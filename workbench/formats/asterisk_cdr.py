"""Asterisk call detail records: ``cdr-csv`` (Master.csv) and FreePBX-style CDR tables.

Sources: Asterisk documentation, "CDR Specification" / ``cdr_csv``
(https://docs.asterisk.org/Configuration/Reporting/Call-Detail-Records-CDR/CDR-Specification/
and ``cdr/cdr_csv.c``): Master.csv has no header row, one line per leg in the order
``accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start,
answer, end, duration, billsec, disposition, amaflags`` then, when configured, ``uniqueid,
userfield`` and (Asterisk 12+ ``newcdrcolumns``) ``peeraccount, linkedid, sequence``.
FreePBX's ``asteriskcdrdb.cdr`` table (exported with a header) has ``calldate, clid, src,
dst, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition,
amaflags, accountcode, uniqueid, userfield, did, recordingfile, cnum, cnam, …, linkedid,
peeraccount, sequence``; database exports write the literal ``NULL`` for an empty value.

Legs are grouped into contacts by ``linkedid`` (else ``uniqueid``; else each leg is one
contact). Calls none of whose legs rang a destination channel (IVR, announcements) were never
offered to a person and are left out, counted in the notes. A contact is answered when one of
its legs has disposition ``ANSWERED`` and a destination channel; its wait runs from the
contact's first start to that leg's answer (``duration − billsec`` when there is no answer
time) and its talk is the leg's ``billsec``. The dial context is kept as
the queue so that internal and outbound contexts can be told apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from workbench.formats.base import (
    all_rows,
    build,
    cell,
    context,
    keys,
    row_numbers,
    seconds_text,
    stamp,
    try_seconds,
    try_stamp,
)
from workbench.i18n import _
from workbench.readers.raw import RawSheet
from workbench.readers.values import BadValue, DateForm, infer_date_form, parse_in_form

ID = "asterisk_cdr"
NAME = "Asterisk CDR"
MASTER = [
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
    "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
    "uniqueid", "userfield", "peeraccount", "linkedid", "sequence",
]  # fmt: skip
# FreePBX's ``asteriskcdrdb.cdr`` table dumped without its header row
FREEPBX = [
    "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp",
    "lastdata", "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid",
    "userfield", "did", "recordingfile", "cnum", "cnam", "outbound_cnum", "outbound_cnam",
    "dst_cnam", "linkedid", "peeraccount", "sequence",
]  # fmt: skip
DISPOSITIONS = frozenset({"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"})
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
HEADERS = ["contact_id", "started_at", "queue", "agent_id", "wait_s", "answered", "talk_s",
           "customer_ref"]  # fmt: skip


def _blank(value: str | None) -> str | None:
    return None if value is None or value.upper() == "NULL" else value


def _layout(rows: list[list[str | None]]) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:5]):
        k = keys(row)
        if "disposition" in k and "billsec" in k and ("calldate" in k or "start" in k):
            return i + 1, {name: k.index(name) for name in set(k) if name}
    sample = [r for r in rows[:40] if any(r)]
    if not sample:
        return None
    good = sum(
        1
        for r in sample
        if len(r) >= 16
        and (cell(r, 14) or "").upper() in DISPOSITIONS
        and _STAMP.match(cell(r, 9) or "")
    )
    if good / len(sample) >= 0.8:
        return 0, {name: i for i, name in enumerate(MASTER)}
    freepbx = sum(
        1
        for r in sample
        if len(r) >= 15
        and (cell(r, 11) or "").upper() in DISPOSITIONS
        and try_stamp(cell(r, 0)) is not None
    )
    if freepbx / len(sample) >= 0.8:
        return -2, {name: i for i, name in enumerate(FREEPBX)}
    return _inferred(sample)


_UNIQUEID = re.compile(r"^(?:[\w-]+-)?\d{9,10}\.\d+$")


def _inferred(sample: list[list[str | None]]) -> tuple[int, dict[str, int]] | None:
    """A headerless CDR with ``cdr_custom``'s own column order, found from its values.

    The documented run ``channel, dstchannel, lastapp, lastdata, start, answer, end, duration,
    billsec, disposition`` is kept by every Master.csv template seen; it is anchored on the
    disposition column, and the unique ids are the columns after it that look like
    ``1690325492.2`` (the first is ``uniqueid``, a second ``linkedid``).
    """
    width = min(len(r) for r in sample)
    for disp in range(9, width):
        if sum((cell(r, disp) or "").upper() in DISPOSITIONS for r in sample) < 0.8 * len(sample):
            continue
        start = disp - 5
        if sum(bool(_STAMP.match(cell(r, start) or "")) for r in sample) < 0.8 * len(sample):
            return None
        cols = {"channel": start - 4, "dstchannel": start - 3, "start": start,
                "answer": start + 1, "end": start + 2, "duration": start + 3,
                "billsec": start + 4, "disposition": disp}  # fmt: skip
        ids = [
            i
            for i in range(disp + 1, width)
            if sum(bool(_UNIQUEID.match(cell(r, i) or "")) for r in sample) >= 0.8 * len(sample)
        ]
        if ids:
            cols["uniqueid"] = ids[0]
        if len(ids) > 1:
            cols["linkedid"] = ids[-1]
        src = next(
            (i for i in range(0, start - 4)
             if sum(bool(re.fullmatch(r"\+?[\w]+", cell(r, i) or "")) for r in sample)
             >= 0.8 * len(sample)),
            None,
        )  # fmt: skip
        if src is not None:
            cols["src"] = src
        return -1, cols
    return None


def detect(sheet: RawSheet) -> float:
    layout = _layout(sheet.head(40))
    return 0.0 if layout is None else 1.0


@dataclass
class _Contact:
    key: str
    rn: int
    started: datetime | None = None
    legs: list[dict[str, str | None]] = field(default_factory=list)


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    layout = _layout(rows)
    assert layout is not None
    start, cols = layout
    when_col = "start" if "start" in cols else "calldate"
    form = _date_form([cell(r, cols[when_col]) for r in rows[max(start, 0) :] if any(r)])
    contacts, legs, nulls = _group_legs(rows[max(start, 0) :], numbers[max(start, 0) :], cols, form)
    out = []
    unrung = 0
    for contact in contacts.values():
        row = _contact_row(contact)
        if row is None:
            unrung += 1  # ended in the IVR or an announcement: never offered to a person
            continue
        out.append((row, contact.rn))
    notes = [
        _("{name}: {legs:,} call legs grouped into {contacts:,} contacts").format(
            name=_layout_name(start),
            legs=legs,
            contacts=len(out),
        )
    ]
    if unrung:
        notes.append(
            _("{n:,} calls that rang no one (IVR or announcement only) left out").format(n=unrung)
        )
    if form is not None and form.form not in ("native", "YYYYMMDD"):
        notes.append(form.reason)
    if nulls:
        notes.append(_("{n:,} cells holding the text NULL read as blank").format(n=nulls))
    out.sort(key=lambda item: item[1])
    sheet_out = build(HEADERS, [r for r, _rn in out], [rn for _r, rn in out], NAME)
    return "contacts", sheet_out, notes


def _layout_name(start: int) -> str:
    """What the file is, from where ``_layout`` found its rows (-1: columns inferred from the
    values, -2: a FreePBX table without its header row, above 0: below a header row)."""
    if start == -1:
        return _("Asterisk Master.csv (no header, columns found from their values)")
    if start == -2:
        return _("FreePBX CDR table without its header row")
    if start > 0:
        return _("FreePBX-style CDR table")
    return _("Asterisk Master.csv (no header)")


def _group_legs(
    rows: list, numbers: list[int], cols: dict[str, int], form: DateForm | None
) -> tuple[dict[str, _Contact], int, int]:
    """The call legs grouped into contacts by linked id (else unique id), with the number of
    legs and of cells holding the text NULL."""
    contacts: dict[str, _Contact] = {}
    nulls = legs = 0
    for row, rn in zip(rows, numbers, strict=True):
        if not any(row):
            continue
        leg = {}
        for name, i in cols.items():
            raw = cell(row, i)
            value = _blank(raw)
            nulls += raw is not None and value is None
            leg[name] = value
        legs += 1
        linked = leg.get("linkedid")
        if linked and not _UNIQUEID.match(linked):
            linked = None  # some dumps hold 0 or a sequence number here
        key = linked or leg.get("uniqueid") or f"row{rn}"
        when = _stamp_in(leg.get("start") or leg.get("calldate"), form)
        leg["answer"] = stamp(_stamp_in(leg.get("answer"), form))
        contact = contacts.setdefault(key, _Contact(key, rn))
        if when is not None and (contact.started is None or when < contact.started):
            contact.started = when
        contact.legs.append(leg)
    return contacts, legs, nulls


def _contact_row(contact: _Contact) -> list | None:
    """One contact's row of ``HEADERS`` (its longest answered leg decides agent, wait and
    talk); None when no leg rang a person."""
    if not any(leg.get("dstchannel") for leg in contact.legs):
        return None
    answered = [
        leg
        for leg in contact.legs
        if (leg.get("disposition") or "").upper() == "ANSWERED" and leg.get("dstchannel")
    ]
    first = next((leg for leg in contact.legs if leg.get("uniqueid") == contact.key),
                 contact.legs[0])  # fmt: skip
    best = max(answered, key=lambda leg: try_seconds(leg.get("billsec")) or 0.0, default=None)
    wait = talk = None
    agent = None
    if best is not None:
        talk = try_seconds(best.get("billsec"))
        answer = try_stamp(best.get("answer"))
        duration = try_seconds(best.get("duration"))
        if answer is not None and contact.started is not None:
            wait = max((answer - contact.started).total_seconds(), 0.0)
        elif duration is not None and talk is not None:
            wait = max(duration - talk, 0.0)
        agent = _peer(best.get("dstchannel"))
    return [contact.key, stamp(contact.started), first.get("dcontext"), agent,
            seconds_text(wait), "Y" if best is not None else "N", seconds_text(talk),
            first.get("src")]  # fmt: skip


def _date_form(texts: list[str | None]) -> DateForm | None:
    """The start column's date form: ``--date-format`` when given, else decided from it."""
    given = context().date_format
    if given:
        return DateForm(given, _("dates read as {fmt} (--date-format)").format(fmt=given))
    return infer_date_form([t for t in texts if t])


def _stamp_in(text: str | None, form: DateForm | None) -> datetime | None:
    if text is None:
        return None
    if form is None or form.form == "native":
        return try_stamp(text)
    try:
        return parse_in_form(text, form.form)
    except BadValue:
        return None


def _peer(channel: str | None) -> str | None:
    """``SIP/2001-0000001a`` → ``SIP/2001``; ``Local/2001@from-queue-0001;1`` → ``Local/2001``."""
    if not channel:
        return None
    base = channel.split("@", 1)[0]
    return re.sub(r"-[0-9a-f]{6,}(;\d)?$", "", base, flags=re.I)
