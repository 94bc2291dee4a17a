"""The contact rules as DuckDB SQL: one row per touch with a flag per rule.

``flags_sql`` flags every stored touch (the frequency and refusal rules look back across
imports and before the period, so the whole table is read); ``summary`` counts violations per
rule for a period, ``violations`` lists them (customers masked), ``refresh`` stores the
any-rule flag in ``campaigns.violation`` for the catalogue's ``campaign_violation_rate``.

How each rule reads (all per customer, by the keyed hash; touches with no customer are checked
against the calling window only):

- calling_window: the touch's time of day is outside the window of its day type (holiday when
  its date is in ``holidays``, weekend on Saturday and Sunday, weekday otherwise);
- frequency_day / _7d / _30d: the touch is beyond the maximum counted over its own calendar
  day / the 7 / 30 calendar days ending with it, in time order (the touch that exceeds the
  limit is the violation, not the ones before it);
- after_refusal: an earlier touch of the customer was refused or drew a complaint, or an
  inbound contact of the customer was a complaint, less than N days before;
- dnc: the customer was on the do-not-call list at the time of the touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from workbench.compliance.rules import RULE_IDS, ContactRules, current_rules


def _window_case(rules: ContactRules) -> str:
    """SQL true when the touch ``t`` is outside its day's calling window."""
    holidays = ", ".join(f"DATE '{d}'" for d in rules.holidays) or "NULL"
    tod = "CAST(t.touched_at AS TIME)"

    def outside(day_type: str) -> str:
        window = rules.window(day_type)
        if window is None:
            return "TRUE"
        start, end = window
        end_sql = "TIME '23:59:59.999999'" if end == "24:00" else f"TIME '{end}:00'"
        return f"({tod} < TIME '{start}:00' OR {tod} >= {end_sql})"

    return (
        f"CASE WHEN CAST(t.touched_at AS DATE) IN ({holidays}) THEN {outside('holiday')} "
        f"WHEN isodow(t.touched_at) IN (6, 7) THEN {outside('weekend')} "
        f"ELSE {outside('weekday')} END"
    )


def flags_sql(rules: ContactRules) -> str:
    """SELECT rid, touched_at, <one boolean per rule> FROM every stored touch."""
    n = int(rules.quiet_days_after_refusal)
    return f"""
WITH t AS (
    SELECT rowid AS rid, campaign_id, customer_hash, customer_masked, agent_id, touched_at,
           coalesce(refused, FALSE) OR coalesce(complaint, FALSE) AS refusal,
           CAST(touched_at AS DATE) AS day,
           datediff('day', DATE '2000-01-01', CAST(touched_at AS DATE)) AS dn
    FROM campaigns
), c AS (
    -- two orders only (each window order is a sort of every touch): the customer's touches by
    -- time, and by day; a touch's number on its day is its number among the customer's
    -- touches by time less those of earlier days
    SELECT *,
        row_number() OVER (PARTITION BY customer_hash ORDER BY touched_at, rid)
            - count(*) OVER (PARTITION BY customer_hash ORDER BY dn
                             RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS nth_day,
        count(*) OVER (PARTITION BY customer_hash ORDER BY dn
                       RANGE BETWEEN 6 PRECEDING AND 1 PRECEDING) AS before_7d,
        count(*) OVER (PARTITION BY customer_hash ORDER BY dn
                       RANGE BETWEEN 29 PRECEDING AND 1 PRECEDING) AS before_30d,
        max(CASE WHEN refusal THEN touched_at END) OVER (
            PARTITION BY customer_hash ORDER BY touched_at, rid
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_refusal
    FROM t
), complaints AS (
    SELECT customer_hash, started_at FROM contacts
    WHERE complaint AND customer_hash IS NOT NULL
)
SELECT t.rid, t.touched_at, t.campaign_id, t.customer_masked, t.agent_id,
    t.customer_hash IS NOT NULL AS known,
    {_window_case(rules)} AS calling_window,
    t.customer_hash IS NOT NULL AND t.nth_day > {int(rules.max_per_day)} AS frequency_day,
    t.customer_hash IS NOT NULL
        AND coalesce(t.before_7d, 0) + t.nth_day > {int(rules.max_per_7d)} AS frequency_7d,
    t.customer_hash IS NOT NULL
        AND coalesce(t.before_30d, 0) + t.nth_day > {int(rules.max_per_30d)} AS frequency_30d,
    t.customer_hash IS NOT NULL AND (
        (t.last_refusal IS NOT NULL AND t.touched_at < t.last_refusal + INTERVAL {n} DAY)
        OR EXISTS (SELECT 1 FROM complaints k WHERE k.customer_hash = t.customer_hash
                   AND k.started_at < t.touched_at
                   AND k.started_at + INTERVAL {n} DAY > t.touched_at)) AS after_refusal,
    t.customer_hash IS NOT NULL AND EXISTS (
        SELECT 1 FROM dnc d WHERE d.customer_hash = t.customer_hash
        AND d.listed_on <= t.touched_at) AS dnc
FROM c t
"""


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, datetime.min.time()), datetime.combine(
        end + timedelta(days=1), datetime.min.time()
    )


@dataclass(frozen=True)
class Summary:
    """Violations and touches checked per rule for a period, and the share of bad touches."""

    start: date
    end: date
    rules_version: int
    rules: tuple[dict[str, Any], ...]
    touches: int
    violating: int

    @property
    def violation_rate(self) -> float | None:
        return self.violating / self.touches if self.touches else None

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "rules_version": self.rules_version,
            "rules": list(self.rules),
            "touches": self.touches,
            "violating_touches": self.violating,
            "violation_rate": self.violation_rate,
        }


def summary(con: Any, start: date, end: date, rules: ContactRules | None = None) -> Summary:
    """Count each rule's violations among the touches of ``start``..``end`` (inclusive)."""
    version, saved = current_rules(con)
    rules = rules or saved
    lo, hi = _period(start, end)
    counts = ", ".join(f"count_if({r})" for r in RULE_IDS)
    row = con.execute(
        f"SELECT count(*), count_if(known), "
        f"count_if({' OR '.join(RULE_IDS)}), {counts} "
        f"FROM ({flags_sql(rules)}) WHERE touched_at >= ? AND touched_at < ?",
        [lo, hi],
    ).fetchone()
    touches, known, violating, *per_rule = row
    listed = tuple(
        {
            "rule": rule,
            "violations": int(n or 0),
            "touches": int(touches if rule == "calling_window" else known or 0),
        }
        for rule, n in zip(RULE_IDS, per_rule, strict=True)
    )
    return Summary(start, end, version, listed, int(touches), int(violating or 0))


def violations(
    con: Any, start: date, end: date, limit: int | None = 10_000
) -> list[dict[str, Any]]:
    """Each violating touch of the period, oldest first: when, campaign, masked customer, rules."""
    _version, rules = current_rules(con)
    lo, hi = _period(start, end)
    cols = ", ".join(RULE_IDS)
    sql = (
        f"SELECT touched_at, campaign_id, customer_masked, agent_id, {cols} "
        f"FROM ({flags_sql(rules)}) WHERE touched_at >= ? AND touched_at < ? "
        f"AND ({' OR '.join(RULE_IDS)}) ORDER BY touched_at, rid"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = []
    for at, campaign, masked, agent, *flags in con.execute(sql, [lo, hi]).fetchall():
        out.append(
            {
                "touched_at": at,
                "campaign_id": campaign,
                "customer": masked,
                "agent_id": agent,
                "rules": [r for r, f in zip(RULE_IDS, flags, strict=True) if f],
            }
        )
    return out


def refresh(con: Any) -> int:
    """Store each touch's any-rule flag in ``campaigns.violation`` (one UPDATE, no BEGIN);
    a touch whose stored flag is already right is not written again. Returns how many were."""
    _version, rules = current_rules(con)
    row = con.execute(
        f"UPDATE campaigns SET violation = f.bad FROM (SELECT rid, "
        f"({' OR '.join(RULE_IDS)}) AS bad FROM ({flags_sql(rules)})) f "
        "WHERE campaigns.rowid = f.rid AND campaigns.violation IS DISTINCT FROM f.bad"
    ).fetchone()
    return int(row[0]) if row else 0
