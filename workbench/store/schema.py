"""Facts about the store's data tables, declared once: their content columns, the natural key
that identifies a row, the column holding each row's event time, and which columns carry
personal data (hash and mask only).

The import job reads columns and keys from here, the KPI engine and the workbook's manifest
the time column, so a new column of a kind touches its migration and this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableFacts:
    """One data table of the store."""

    name: str
    columns: tuple[str, ...]  # content columns, in insert order (import_id is added)
    #: the columns that identify one record across files; empty: no identifier, rows are
    #: never merged (only the same file's bytes are a duplicate)
    key: tuple[str, ...]
    time_column: str
    #: yes/no fields whose blank cell means *no* in a file that has the column
    blank_is_no: tuple[str, ...] = ()
    #: derived columns an import writes as a constant (SQL), which a later step of the same
    #: transaction corrects where it must: a touch starts with no violation, and the re-flag
    #: (``compliance.evaluate.refresh``) then updates only the touches that break a rule
    #: instead of every new one (their updates were a third of a campaign file's import)
    inserted: tuple[tuple[str, str], ...] = ()


TABLES: dict[str, TableFacts] = {
    t.name: t
    for t in (
        TableFacts(
            "contacts",
            (
                "contact_id",
                "started_at",
                "channel",
                "queue",
                "agent_id",
                "agent_name",
                "wait_s",
                "answered",
                "talk_s",
                "hold_s",
                "acw_s",
                "transferred",
                "resolved",
                "csat_score",
                "csat_scale",
                "csat_satisfied",
                "complaint",
                "customer_hash",
                "customer_masked",
                "human",
            ),
            ("contact_id",),
            "started_at",
            ("transferred", "complaint"),
        ),
        TableFacts(
            "intervals",
            (
                "period_start",
                "interval_s",
                "queue",
                "offered",
                "answered",
                "abandoned",
                "answered_in_sl",
                "sl_threshold_s",
                "answer_wait_sum_s",
                "handle_sum_s",
                "talk_sum_s",
                "queue_wait_sum_s",
            ),
            ("period_start", "queue"),
            "period_start",
        ),
        TableFacts(
            "agent_states",
            (
                "agent_id",
                "agent_name",
                "period_start",
                "logged_in_s",
                "available_s",
                "talk_s",
                "hold_s",
                "acw_s",
                "not_ready_s",
                "scheduled_s",
            ),
            ("agent_id", "period_start"),
            "period_start",
        ),
        TableFacts(
            "bot_sessions",
            (
                "session_id",
                "started_at",
                "channel",
                "questions",
                "recognized",
                "resolved",
                "transferred",
                "rating_score",
                "rating_scale",
                "rating_satisfied",
                "customer_hash",
                "customer_masked",
            ),
            ("session_id",),
            "started_at",
            ("resolved", "transferred"),
        ),
        TableFacts(
            "campaigns",
            (
                "campaign_id",
                "campaign_name",
                "customer_hash",
                "customer_masked",
                "touched_at",
                "channel",
                "agent_id",
                "reached",
                "converted",
                "product",
                "amount",
                "complaint",
                "refused",
            ),
            ("campaign_id", "customer_hash", "touched_at"),
            "touched_at",
            ("reached", "converted", "complaint", "refused"),
            (("violation", "FALSE"),),
        ),
        TableFacts(
            "quality",
            ("agent_id", "inspected_at", "contact_id", "score", "fatal"),
            ("agent_id", "inspected_at", "contact_id"),
            "inspected_at",
        ),
        # the do-not-call list (免打扰名单): the customer is the identifier
        TableFacts(
            "dnc",
            ("customer_hash", "customer_masked", "listed_on", "reason"),
            ("customer_hash",),
            "listed_on",
        ),
    )
}

#: Tables of indicator data, with their event-time column (the period filter of the engine and
#: the manifest). The do-not-call list is reference data: no indicator reads it by period.
TIME_COLUMNS: dict[str, str] = {name: t.time_column for name, t in TABLES.items() if name != "dnc"}
