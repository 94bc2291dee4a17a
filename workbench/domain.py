"""Frozen records shared by every layer: progress, import results, filters, KPI values, targets.

Nothing here computes anything; the importers (``workbench.jobs``), the KPI engine
(``workbench.kpi``) and the exporters produce these, the CLI and the Qt models consume them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

KIND_NAMES: tuple[str, ...] = (
    "contacts",
    "intervals",
    "agent_states",
    "bot_sessions",
    "campaigns",
    "quality",
    "dnc",
)

Status = Literal["met", "at_risk", "missed", "no_data", "no_target"]
GROUP_BY_CHOICES: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "queue",
    "agent",
    "channel",
    "campaign",
)


@dataclass(frozen=True)
class Progress:
    """One step of a long job: ``done`` of ``total`` units, and what is happening."""

    done: int
    total: int
    message: str = ""
    #: the name of the file being read when this step is the read of one file (no steps of
    #: its own: the window shows a moving bar, the size and the time instead)
    reading: str | None = None


@dataclass(frozen=True)
class Reject:
    """One row that was not stored, and why. ``row`` is the Excel/CSV row number the user sees."""

    sheet: str | None
    row: int | None
    column: str | None
    reason: str
    value: str | None = None


@dataclass(frozen=True)
class ReasonGroup:
    """Rejected rows that share a column and a reason: how many, one example, the first rows."""

    column: str | None
    reason: str  # the first row's reason, as the user reads it
    rows: int
    first_rows: tuple[int, ...]

    def to_json(self) -> dict:
        return {
            "column": self.column,
            "reason": self.reason,
            "rows": self.rows,
            "first_rows": list(self.first_rows),
        }


@dataclass(frozen=True)
class FileImportResult:
    """What happened to one file: ``status`` is imported, duplicate or rejected."""

    path: str
    sha256: str
    kind: str | None
    status: Literal["imported", "duplicate", "rejected"]
    rows: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    rejects: tuple[Reject, ...] = ()
    error: str | None = None
    sheet: str | None = None
    kind_reason: str = ""
    import_id: int | None = None
    #: rejected rows grouped by column and reason, largest group first
    reasons: tuple[ReasonGroup, ...] = ()
    #: headers of the file no field was taken from
    ignored_columns: tuple[str, ...] = ()
    #: assumptions the user should check (a guessed scale, a derived field, an overlap …)
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The ``files[]`` entry of ``workbench import --json`` (cli.md)."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "kind": self.kind,
            "status": self.status,
            "rows": self.rows,
            "rejected": self.rejected,
            "skipped": dict(self.skipped),
            "rejects": [
                {"sheet": r.sheet, "row": r.row, "column": r.column, "reason": r.reason}
                for r in self.rejects
            ],
            "error": self.error,
            "sheet": self.sheet,
            "kind_reason": self.kind_reason,
            "import_id": self.import_id,  # what ``workbench import --undo`` takes
            "reasons": [r.to_json() for r in self.reasons],
            "ignored_columns": list(self.ignored_columns),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class ImportResult:
    """The outcome of one import job over one or more files."""

    files: tuple[FileImportResult, ...]

    def to_json(self) -> dict:
        return {"files": [f.to_json() for f in self.files]}


@dataclass(frozen=True)
class Filters:
    """What the user is looking at: a date range (both ends inclusive) and optional slices."""

    start: date | None = None
    end: date | None = None
    queues: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()


SlDenominator = Literal["offered", "answered", "offered_minus_short"]


@dataclass(frozen=True)
class KpiOptions:
    """Settings that change a formula (kpis.md): printed on every export's methodology sheet."""

    sl_threshold_s: int = 20
    short_abandon_s: int = 0
    sl_denominator: SlDenominator = "offered"
    fcr_window_h: int = 24  # a repeat contact within this many hours undoes the resolution

    def to_json(self) -> dict:
        """``{"sl_threshold_s": 20, …}`` as ``kpis --json`` prints it."""
        return {
            "sl_threshold_s": self.sl_threshold_s,
            "short_abandon_s": self.short_abandon_s,
            "sl_denominator": self.sl_denominator,
            "fcr_window_h": self.fcr_window_h,
        }


TargetOp = Literal[">=", "<=", "band"]


@dataclass(frozen=True)
class Target:
    """A target: ``>= low``, ``<= high`` or a band ``low–high``, with an optional at-risk margin.

    ``at_risk_margin`` is in the indicator's own unit: a value that meets the target but lies
    within the margin of failing it is *at risk*.
    """

    kpi_id: str
    op: TargetOp
    low: float | None = None
    high: float | None = None
    at_risk_margin: float | None = None

    def expr(self) -> str:
        """``>= 0.94``, ``<= 15`` or ``0.75–0.9`` as cli.md's JSON shows it."""
        if self.op == ">=":
            return f">= {_num(self.low)}"
        if self.op == "<=":
            return f"<= {_num(self.high)}"
        return f"{_num(self.low)}–{_num(self.high)}"

    def bound(self) -> float | None:
        """The one bound a one-sided target holds values to: ``low`` for ``>=``, ``high`` for
        ``<=``; None for a band (its two ends are ``low`` and ``high``)."""
        if self.op == ">=":
            return self.low
        if self.op == "<=":
            return self.high
        return None

    def text(self, number: Callable[[float | None], str] | None = None, dash: str = "–") -> str:
        """The target as people read it: ``≥ 94.0%``, ``≤ 0:15``, ``75.0%–90.0%``, each end
        written by ``number`` (e.g. ``kpi.engine.format_value`` for the indicator's unit)."""
        number = number or _num
        if self.op == "band":
            return f"{number(self.low)}{dash}{number(self.high)}"
        return f"{'≥' if self.op == '>=' else '≤'} {number(self.bound())}"


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:g}"


@dataclass(frozen=True)
class KpiValue:
    """One indicator's value over one slice, with the numbers behind it and its status."""

    kpi_id: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    target: Target | None = None
    status: Status = "no_data"
    #: records behind the figure, of the records it could cover (None: nothing to cover)
    coverage_n: float | None = None
    coverage_of: float | None = None
    #: the fallback formula the value came from ("talk_only": AHT without ACW), else None
    variant: str | None = None

    def to_json(self) -> dict:
        data = {
            "id": self.kpi_id,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "target": self.target.expr() if self.target else None,
            "status": self.status.replace("_", " "),
            "coverage": {"n": _count(self.coverage_n), "of": _count(self.coverage_of)},
        }
        if self.variant:
            data["variant"] = self.variant
        return data

    @property
    def coverage(self) -> float | None:
        """The share of records behind the figure (None when there is nothing to cover)."""
        if not self.coverage_of:
            return None
        return (self.coverage_n or 0) / self.coverage_of


def _count(x: float | None) -> int | float | None:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


@dataclass(frozen=True)
class KpiGroup:
    """The indicators of one group key (an agent, a day, a queue …)."""

    by: str
    key: str
    values: tuple[KpiValue, ...]
    label: str | None = None

    def value(self, kpi_id: str) -> KpiValue | None:
        return next((v for v in self.values if v.kpi_id == kpi_id), None)


@dataclass(frozen=True)
class KpiReport:
    """The engine's answer: overall values and, when asked, one group per key."""

    start: date | None
    end: date | None
    targets_version: int
    options: KpiOptions
    values: tuple[KpiValue, ...]
    groups: tuple[KpiGroup, ...] = ()

    def value(self, kpi_id: str) -> KpiValue | None:
        return next((v for v in self.values if v.kpi_id == kpi_id), None)
