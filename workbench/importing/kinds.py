"""Per kind: the SQL turning coerced ``v_<field>`` columns into the store table's columns.

The table's columns and natural key are the store's (``workbench.store.schema``); this module
says how each column is made from the fields a file mapped (a field not mapped is NULL).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.i18n import _
from workbench.readers import Located
from workbench.readers.headers import KIND_FIELDS
from workbench.store.schema import TABLES


def _v(found: Located, name: str, cast: str | None = None) -> str:
    if name not in found.mapping.columns:
        return f"CAST(NULL AS {cast})" if cast else "NULL"
    return f"CAST(v_{name} AS {cast})" if cast else f"v_{name}"


def _stamp(found: Located, stamp_field: str) -> str:
    """A timestamp field, or its date plus the time column when there is one."""
    has_time = mapped(found, "time")
    if mapped(found, stamp_field):
        if has_time and stamp_field == "period_start":
            return (
                f"date_trunc('day', v_{stamp_field}) + "
                "to_milliseconds(CAST(round(coalesce(v_time, 0) * 1000) AS BIGINT))"
            )
        return f"v_{stamp_field}"
    base = "CAST(date_trunc('day', v_date) AS TIMESTAMP)"
    if has_time:
        return f"{base} + to_milliseconds(CAST(round(coalesce(v_time, 0) * 1000) AS BIGINT))"
    return base


def _csat(found: Located, name: str, prefix: str) -> str:
    if not mapped(found, name):
        return f"NULL AS {prefix}_score, NULL AS {prefix}_scale, NULL AS {prefix}_satisfied"
    return (
        f"v_{name}_score AS {prefix}_score, v_{name}_scale AS {prefix}_scale, "
        f"v_{name}_satisfied AS {prefix}_satisfied"
    )


def _personal(found: Located) -> str:
    if not mapped(found, "customer_ref"):
        return "NULL AS customer_hash, NULL AS customer_masked"
    return "v_customer_ref_hash AS customer_hash, v_customer_ref_masked AS customer_masked"


#: Channels of a contacts file that are not served by people (chatbot, IVR self-service):
#: their rows are kept for linking a customer's contacts but feed no human indicator.
BOT_CHANNELS = (
    r"(chat\s*bot|^bot$|^robot$|机器人|智能客服|智能助手|^ivr|自助语音|语音导航|自助服务)"
)


def _flag(f: Located, kind: str, name: str) -> str:
    """A yes/no field; blank means *no* where the file has the column and the kind says so."""
    if mapped(f, name) and name in TABLES[kind].blank_is_no:
        return f"coalesce(v_{name}, FALSE)"
    return _v(f, name)


def answered_rule(f: Located) -> str | None:
    """What the answered flag is derived from when a cell or the column is missing: talk time
    and agent columns the file has (None: nothing to derive it from, it stays unknown)."""
    parts = []
    if mapped(f, "talk_s"):
        parts.append("coalesce(v_talk_s, 0) > 0")
    for name in ("agent_id", "agent_name"):
        if mapped(f, name):
            parts.append(f"v_{name} IS NOT NULL")
    return " OR ".join(parts) if parts else None


def _contacts(f: Located) -> str:
    rule = answered_rule(f)
    derived = f"({rule})" if rule else "CAST(NULL AS BOOLEAN)"
    channel = f"coalesce({_v(f, 'channel')}, 'voice')"
    return ", ".join(
        [
            "v_contact_id AS contact_id",
            f"{_stamp(f, 'started_at')} AS started_at",
            f"{channel} AS channel",
            f"{_v(f, 'queue')} AS queue",
            f"{_v(f, 'agent_id')} AS agent_id",
            f"{_v(f, 'agent_name')} AS agent_name",
            f"{_v(f, 'wait_s')} AS wait_s",
            f"coalesce({_v(f, 'answered')}, {derived}) AS answered",
            f"{_v(f, 'talk_s')} AS talk_s",
            f"{_v(f, 'hold_s')} AS hold_s",
            f"{_v(f, 'acw_s')} AS acw_s",
            f"{_flag(f, 'contacts', 'transferred')} AS transferred",
            f"{_v(f, 'resolved')} AS resolved",
            _csat(f, "csat", "csat"),
            f"{_flag(f, 'contacts', 'complaint')} AS complaint",
            _personal(f),
            f"NOT regexp_matches(lower({channel}), '{BOT_CHANNELS}') AS human",
        ]
    )


def _intervals(f: Located) -> str:
    offered, answered = "v_offered", "v_answered"
    sl = "NULL"
    threshold = "NULL"
    if mapped(f, "answered_in_sl"):
        sl = f"coalesce(v_answered_in_sl_count, round(v_answered_in_sl_pct * {offered}))"
        header = f.headers[f.mapping.columns["answered_in_sl"]]
        threshold = str(header.threshold_s or 20)
    # handle time only from an AHT column: a talk-only summary is not AHT (kpis.md)
    handle = _v(f, "aht_s")
    return ", ".join(
        [
            f"{_stamp(f, 'period_start')} AS period_start",
            "CAST(NULL AS INTEGER) AS interval_s",
            f"{_v(f, 'queue')} AS queue",
            f"CAST({offered} AS BIGINT) AS offered",
            f"CAST({answered} AS BIGINT) AS answered",
            f"{_v(f, 'abandoned', 'BIGINT')} AS abandoned",
            f"CAST({sl} AS BIGINT) AS answered_in_sl",
            f"CAST({threshold} AS INTEGER) AS sl_threshold_s",
            f"{_v(f, 'asa_s')} * {answered} AS answer_wait_sum_s",
            f"{handle} * {answered} AS handle_sum_s",
            f"{_v(f, 'talk_s')} * {answered} AS talk_sum_s",
            f"{_v(f, 'wait_s')} * {offered} AS queue_wait_sum_s",
        ]
    )


def _agent_states(f: Located) -> str:
    parts = [
        "v_agent_id AS agent_id",
        f"{_v(f, 'agent_name')} AS agent_name",
        f"{_stamp(f, 'period_start')} AS period_start",
    ]
    for name in (
        "logged_in_s",
        "available_s",
        "talk_s",
        "hold_s",
        "acw_s",
        "not_ready_s",
        "scheduled_s",
    ):
        parts.append(f"{_v(f, name)} AS {name}")
    return ", ".join(parts)


def _bot_sessions(f: Located) -> str:
    return ", ".join(
        [
            "v_session_id AS session_id",
            f"{_stamp(f, 'started_at')} AS started_at",
            f"{_v(f, 'channel')} AS channel",
            f"{_v(f, 'questions', 'INTEGER')} AS questions",
            f"{_v(f, 'recognized', 'INTEGER')} AS recognized",
            f"{_flag(f, 'bot_sessions', 'resolved')} AS resolved",
            f"{_flag(f, 'bot_sessions', 'transferred')} AS transferred",
            _csat(f, "rating", "rating"),
            _personal(f),
        ]
    )


def _campaigns(f: Located) -> str:
    return ", ".join(
        [
            "v_campaign_id AS campaign_id",
            f"{_v(f, 'campaign_name')} AS campaign_name",
            _personal(f),
            f"{_stamp(f, 'touched_at')} AS touched_at",
            f"{_v(f, 'channel')} AS channel",
            f"{_v(f, 'agent_id')} AS agent_id",
            f"{_flag(f, 'campaigns', 'reached')} AS reached",
            f"{_flag(f, 'campaigns', 'converted')} AS converted",
            f"{_v(f, 'product')} AS product",
            f"{_v(f, 'amount', 'DECIMAL(18, 2)')} AS amount",
            f"{_flag(f, 'campaigns', 'complaint')} AS complaint",
            f"{_flag(f, 'campaigns', 'refused')} AS refused",
        ]
    )


def _quality(f: Located) -> str:
    return ", ".join(
        [
            "v_agent_id AS agent_id",
            f"{_v(f, 'inspected_at')} AS inspected_at",
            f"{_v(f, 'contact_id')} AS contact_id",
            f"{_v(f, 'score')} AS score",
            f"{_v(f, 'fatal')} AS fatal",
        ]
    )


def _dnc(f: Located) -> str:
    return ", ".join(
        [
            _personal(f),
            f"{_stamp(f, 'listed_on')} AS listed_on",
            f"{_v(f, 'reason')} AS reason",
        ]
    )


#: kind → the SELECT list building the store table's columns from ``wb_typed``
SELECTS: dict[str, Callable[[Located], str]] = {
    "contacts": _contacts,
    "intervals": _intervals,
    "agent_states": _agent_states,
    "bot_sessions": _bot_sessions,
    "campaigns": _campaigns,
    "quality": _quality,
    "dnc": _dnc,
}
assert set(SELECTS) == set(KIND_FIELDS) == set(TABLES)


def mapped(found: Located, name: str) -> bool:
    """Whether the file has a column for field ``name``."""
    return name in found.mapping.columns


def final_sql(con: Any, found: Located, info: Any) -> str:
    """The SELECT of the rows to store (``rn`` plus the table's columns) from ``wb_typed``.

    Contacts with a linked-id column (Linked ID, Parent Call ID, 原流水号 …) have the legs of
    one call merged into one contact: the first leg's start, queue, wait and channel; answered
    when any leg was; talk, hold and ACW summed; transferred when there was a second leg.
    ``info.merged_legs`` counts the legs folded away and a note says so.
    """
    kind = found.kind
    rows = f"SELECT rn, {SELECTS[kind](found)}"
    if kind != "contacts" or not mapped(found, "linked_id"):
        return f"{rows} FROM wb_typed WHERE err_reason IS NULL"
    legs = (
        f"SELECT *, coalesce(linked_id, contact_id) AS call_id FROM ({rows}, "
        "v_linked_id AS linked_id FROM wb_typed WHERE err_reason IS NULL)"
    )
    merged = con.execute(
        f"SELECT count(*) - count(DISTINCT call_id), count(DISTINCT call_id) FROM ({legs})"
    ).fetchall()[0]
    info.merged_legs = int(merged[0])
    if info.merged_legs:
        info.notes.append(
            _(
                "{legs:,} call legs merged into their first leg by linked id ({calls:,} contacts)"
            ).format(legs=info.merged_legs, calls=merged[1])
        )
    first = "arg_min({c}, started_at)"
    answering = (
        "coalesce(arg_min({c}, started_at) FILTER (WHERE answered), arg_min({c}, started_at))"
    )
    last_known = "arg_max({c}, started_at) FILTER (WHERE {c} IS NOT NULL)"
    columns = {
        "contact_id": "call_id",
        "started_at": "min(started_at)",
        "channel": first,
        "queue": first,
        "agent_id": answering,
        "agent_name": answering,
        "wait_s": first,
        "answered": "bool_or(answered)",
        "talk_s": "sum(talk_s)",
        "hold_s": "sum(hold_s)",
        "acw_s": "sum(acw_s)",
        "transferred": "count(*) > 1 OR coalesce(bool_or(transferred), FALSE)",
        "resolved": last_known,
        "csat_score": last_known,
        "csat_scale": last_known,
        "csat_satisfied": last_known,
        "complaint": "bool_or(complaint)",
        "customer_hash": first,
        "customer_masked": first,
        "human": "bool_or(human)",
    }
    assert set(columns) == set(TABLES["contacts"].columns)
    select = ", ".join(f"{sql.format(c=c)} AS {c}" for c, sql in columns.items())
    return f"SELECT min(rn) AS rn, {select} FROM ({legs}) GROUP BY call_id"


def effective_key(con: Any, kind: str, found: Located, final: str) -> tuple[str, ...]:
    """The columns that identify a record of this file: the table's natural key where a real
    identifier backs it, else none (rows are then never merged as duplicates).

    Campaign touches need a customer and a time to the second; quality checks a contact id.
    """
    key = TABLES[kind].key
    if kind == "campaigns":
        if not mapped(found, "customer_ref"):
            return ()
        timed = con.execute(
            f"SELECT count_if(touched_at <> date_trunc('day', touched_at)) FROM ({final})"
        ).fetchall()[0][0]
        return key if timed else ()
    if kind == "quality" and not mapped(found, "contact_id"):
        return ()
    return key
