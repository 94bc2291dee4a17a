"""What the workbook is made of: the figures gathered for the period, the missed targets listed
on the Exceptions sheet, the imports listed on Sources, and what an export returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from workbench.domain import KpiOptions, KpiReport, Target
from workbench.exporters import manifest as mf
from workbench.kpi import catalogue

#: indicators of the queue, not of an agent: an abandoned contact never reached an agent
QUEUE_KPIS = frozenset({"offered", "answer_rate", "service_level", "asa", "abandon_rate"})
QUEUE_ONLY = QUEUE_KPIS - {"offered"}  # what an agent's row never shows


@dataclass(frozen=True)
class ExportResult:
    """What was written: the file, its SHA-256, its sheets and how many indicators it reports."""

    path: str
    sha256: str
    sheets: tuple[str, ...]
    kpis: int
    start: date
    end: date
    seconds: float = 0.0
    signed_by: str = ""  # the signing key's fingerprint (security/signing.py)

    def to_json(self) -> dict:
        """``workbench export --json`` (cli.md)."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "sheets": list(self.sheets),
            "kpis": self.kpis,
            "signed_by": self.signed_by or None,
        }


@dataclass(frozen=True)
class ExceptionRow:
    """One missed target: a day × queue, a day (store-wide) or an agent over the period."""

    scope: str  # "day_queue", "day", "agent"
    day: str
    queue: str
    agent: str
    kpi_id: str
    value: float
    target: Target
    shortfall: float
    denominator: float | None


@dataclass
class SheetData:
    """Everything the sheets show, gathered by the job before any sheet is laid out."""

    start: date
    end: date
    prev_start: date
    prev_end: date
    lang: str
    options: KpiOptions
    targets_version: int
    targets: dict[str, Target]
    generated_at: datetime
    centre: str
    show_personal_data: bool
    report: KpiReport
    previous: KpiReport
    daily: KpiReport
    agents: KpiReport
    bots: KpiReport
    campaigns: KpiReport
    #: queue-level indicators by queue (abandons belong to queues, not to agents)
    queues: KpiReport | None = None
    exceptions: list[ExceptionRow] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    tables: dict[str, mf.TableDigest] = field(default_factory=dict)
    #: (day, queue) pairs from call detail / from summaries / summaries set aside
    source_mix: dict = field(default_factory=dict)
    audit: list = field(default_factory=list)  # audit entries since the period began
    compliance: tuple | None = None  # (Summary, ContactRules, violations) of the period
    signed_by: str = ""


def ids(group: str) -> list[str]:
    """The catalogue's indicator ids of one group."""
    return [k.id for k in catalogue.by_group(group)]


# ---- exceptions -----------------------------------------------------------------------------
def shortfall(value: float, target: Target) -> float:
    """How far ``value`` misses ``target``, relative to the bound it misses (0 when it meets it)."""

    def rel(gap: float, bound: float | None) -> float:
        return gap / abs(bound) if bound else gap

    low = target.low if target.op in (">=", "band") else None
    high = target.high if target.op in ("<=", "band") else None
    if low is not None and value < low:
        return rel(low - value, low)
    if high is not None and value > high:
        return rel(value - high, high)
    return 0.0


def missed(groups, scope: str, *, queue: str = "", kpi_filter=None) -> list[ExceptionRow]:
    """The missed targets of ``groups`` (days or agents) as Exceptions rows."""
    rows = []
    for group in groups:
        for kv in group.values:
            if kv.status != "missed" or kv.value is None or kv.target is None:
                continue
            if kpi_filter is not None and kv.kpi_id not in kpi_filter:
                continue
            if scope == "agent":
                who = f"{group.key} {group.label}" if group.label else str(group.key)
                day, agent = "", who
            else:
                day, agent = str(group.key), ""
            rows.append(
                ExceptionRow(
                    scope=scope,
                    day=day,
                    queue=queue,
                    agent=agent,
                    kpi_id=kv.kpi_id,
                    value=kv.value,
                    target=kv.target,
                    shortfall=round(shortfall(kv.value, kv.target), 10),
                    denominator=kv.denominator,
                )
            )
    return rows


def exception_order(row: ExceptionRow) -> tuple:
    """Largest shortfall first."""
    return (-row.shortfall, row.scope, row.day, row.queue, row.agent, row.kpi_id)


# ---- sources ------------------------------------------------------------------------------
def sources(con, start: date, end: date) -> list[tuple]:
    """The imports whose rows fall in the period: name, SHA-256, kind, sheet, rows, rejects…"""
    used = " UNION ".join(
        f"SELECT DISTINCT import_id FROM {table} WHERE {column} >= $1 AND {column} < $2"
        for table, column in mf.PERIOD_COLUMNS.items()
    )
    sql = (
        "SELECT file_name, sha256, kind, sheet, rows, rejected, imported_at, imported_by "
        f"FROM imports WHERE id IN ({used}) ORDER BY imported_at, id"
    )
    return con.execute(sql, [start, end + timedelta(days=1)]).fetchall()
