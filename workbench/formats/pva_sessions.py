"""Microsoft Power Virtual Agents (Copilot Studio) chatbot session download (Analytics →
Sessions → download, CSV).

Source: Microsoft documentation, "Download chatbot sessions",
https://github.com/MicrosoftDocs/power-platform/blob/main/power-virtual-agents/analytics-sessions.md
— columns ``SessionID``, ``StartDateTime``, ``InitialUserMessage``, ``TopicName``,
``ChatTranscript`` (turns ``User says: …; Bot says: …;``), ``SessionOutcome`` (Resolved,
Escalated, Abandoned, Unengaged), ``TopicId``.

One row is one bot session: ``questions`` is the number of ``User says:`` turns,
``resolved`` is outcome Resolved, ``transferred`` (handed to a person) is outcome Escalated.
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
    stamp,
    try_stamp,
)
from workbench.i18n import _
from workbench.readers.raw import RawSheet

ID = "pva_sessions"
NAME = "Power Virtual Agents session download"
HEADERS = ["session_id", "started_at", "channel", "questions", "resolved", "transferred"]
_NEEDED = ["StartDateTime", "SessionOutcome"]


def detect(sheet: RawSheet) -> float:
    return 0.0 if header_index(sheet.head(30), _NEEDED) is None else 1.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    rows = all_rows(sheet)
    numbers = row_numbers(sheet)
    index = header_index(rows, _NEEDED)
    assert index is not None
    k = keys(rows[index])
    c_id = column(k, "SessionID", "Session Id", "ConversationId")
    c_start = column(k, "StartDateTime", "StartDateUtc")
    c_transcript = column(k, "ChatTranscript")
    c_outcome = column(k, "SessionOutcome")
    out, out_rn = [], []
    outcomes: dict[str, int] = {}
    for row, rn in zip(rows[index + 1 :], numbers[index + 1 :], strict=True):
        if not any(row):
            continue
        outcome = (cell(row, c_outcome) or "").casefold()
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        transcript = cell(row, c_transcript) or ""
        questions = transcript.count("User says:") if c_transcript is not None else None
        out.append(
            [cell(row, c_id) or f"row {rn}", stamp(try_stamp(cell(row, c_start))), "chatbot",
             None if questions is None else str(questions),
             "Y" if outcome == "resolved" else "N", "Y" if outcome == "escalated" else "N"]
        )  # fmt: skip
        out_rn.append(rn)
    notes = [
        _("{n:,} bot sessions; Resolved → resolved, Escalated → transferred to an agent").format(
            n=len(out)
        )
    ]
    if c_id is None:
        notes.append(_("no SessionID column: sessions numbered by their row"))
    return "bot_sessions", build(HEADERS, out, out_rn, NAME), notes
