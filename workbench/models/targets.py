"""Table models for the targets view: the editable profile (one row per indicator) and its history.

The profile model holds what the user types, validates it row by row and hands back
``Target`` records for ``workbench.kpi.targets.save_profile``. Ratios are edited in percent
(94 means 0.94) because that is how a supervisor speaks of them; the model converts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt

from workbench.domain import Target
from workbench.kpi import catalogue
from workbench.models.table import Column, Index, RecordTableModel, field, time_text

#: the rules a target can follow; "" = no target for this indicator
OPS: tuple[str, ...] = (">=", "<=", "band", "")
#: the choices of the rule column's editor (``Qt.UserRole`` data of the header)
OPS_ROLE = Qt.ItemDataRole.UserRole + 10


@dataclass(frozen=True)
class TargetRow:
    """What the user has for one indicator; values in display units (percent for ratios)."""

    kpi_id: str
    op: str
    value: float | None
    upper: float | None
    margin: float | None
    default: Target | None

    @property
    def scale(self) -> float:
        return 100.0 if catalogue.get(self.kpi_id).unit == "ratio" else 1.0


def _shown(x: float | None, scale: float) -> float | None:
    return None if x is None else round(x * scale, 6)


def row_from_target(kpi_id: str, target: Target | None, default: Target | None) -> TargetRow:
    """A row showing ``target`` in display units."""
    scale = 100.0 if catalogue.get(kpi_id).unit == "ratio" else 1.0
    if target is None:
        return TargetRow(kpi_id, "", None, None, None, default)
    value = target.high if target.op == "<=" else target.low
    upper = target.high if target.op == "band" else None
    return TargetRow(
        kpi_id,
        target.op,
        _shown(value, scale),
        _shown(upper, scale),
        _shown(target.at_risk_margin, scale),
        default,
    )


def parse_number(text: Any) -> float | None:
    """A number typed by the user: '94', '94.5', '94 %', '1,200', '' (None). Raises ValueError."""
    if text is None:
        return None
    if isinstance(text, int | float):
        value = float(text)
    else:
        cleaned = str(text).strip().replace(",", "").replace("%", "").replace("％", "").strip()
        if not cleaned:
            return None
        value = float(cleaned)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(text)
    return value


class TargetProfileModel(RecordTableModel):
    """One editable row per indicator that can have a target."""

    RULE, VALUE, UPPER, MARGIN = 2, 3, 4, 5

    def __init__(self, lang: str = "en", parent=None) -> None:
        super().__init__((), parent)
        self._lang = lang
        self._columns = self.make_columns()

    # ---- columns ---------------------------------------------------------------------
    def op_text(self, op: str) -> str:
        return {
            ">=": self.tr("at least (≥)"),
            "<=": self.tr("at most (≤)"),
            "band": self.tr("within a band"),
            "": self.tr("no target"),
        }.get(op, op)

    def unit_text(self, kpi_id: str) -> str:
        unit = catalogue.get(kpi_id).unit
        return {
            "ratio": "%",
            "s": self.tr("seconds"),
            "points": self.tr("points"),
            "score": self.tr("score"),
            "yuan": self.tr("yuan"),
            "count": self.tr("count"),
        }.get(unit, unit)

    def default_text(self, row: TargetRow) -> str:
        d = row_from_target(row.kpi_id, row.default, None)
        if row.default is None:
            return self.tr("none")
        unit = "%" if row.scale == 100 else ""
        if d.op == "band":
            return f"{d.value:g}–{d.upper:g}{unit}"
        return f"{'≥' if d.op == '>=' else '≤'} {d.value:g}{unit}"

    def make_columns(self) -> list[Column]:
        def num(x: Any) -> str:
            return "" if x is None else f"{x:g}"

        def bad(col: str):
            return lambda r: "missed" if self.problem_column(r) == col else None

        def name(r: TargetRow) -> str:
            return catalogue.get(r.kpi_id).name(self._lang)

        return [
            Column("name", self.tr("Indicator"), name),
            Column("unit", self.tr("Unit"), lambda r: self.unit_text(r.kpi_id)),
            Column("op", self.tr("Rule"), lambda r: r.op, text=self.op_text),
            Column("value", self.tr("Target"), lambda r: r.value, text=num, numeric=True,
                   status=bad("value")),
            Column("upper", self.tr("Band upper"), lambda r: r.upper, text=num, numeric=True,
                   status=bad("upper")),
            Column("margin", self.tr("At-risk margin"), lambda r: r.margin, text=num,
                   numeric=True, status=bad("margin"),
                   header_tip=self.tr("A value that meets the target but lies within this "
                                      "margin of failing it is shown as at risk.")),
            Column("default", self.tr("Industry default"), lambda r: r, text=self.default_text),
            Column("problem", self.tr("Check"), lambda r: self.problem(r) or "",
                   status=lambda r: "missed" if self.problem(r) else None),
        ]  # fmt: skip

    # ---- content ---------------------------------------------------------------------
    def set_profile(
        self,
        targets: dict[str, Target],
        defaults: dict[str, Target | None],
        kpi_ids: list[str],
        lang: str | None = None,
    ) -> None:
        """Show ``targets`` for ``kpi_ids`` (indicators without one show 'no target')."""
        if lang:
            self._lang = lang
        rows = [row_from_target(k, targets.get(k), defaults.get(k)) for k in kpi_ids]
        self.set_rows(rows, self.make_columns())

    def targets(self) -> dict[str, Target]:
        """The valid rows as ``Target`` records in the indicator's own unit (fractions)."""
        found: dict[str, Target] = {}
        for row in self._rows:
            if not row.op or self.problem(row):
                continue
            s = row.scale

            def unscaled(x: float | None, s: float = s) -> float | None:
                return None if x is None else round(x / s, 10)

            low = unscaled(row.value) if row.op in (">=", "band") else None
            high = unscaled(row.value) if row.op == "<=" else unscaled(row.upper)
            if row.op == ">=":
                high = None
            found[row.kpi_id] = Target(row.kpi_id, row.op, low, high, unscaled(row.margin))  # type: ignore[arg-type]
        return found

    def problems(self) -> dict[str, str]:
        """Indicator id → what is wrong with its row."""
        return {r.kpi_id: p for r in self._rows if (p := self.problem(r))}

    def problem(self, row: TargetRow) -> str | None:
        """Why a row cannot be saved, or None."""
        column = self.problem_column(row)
        if column is None:
            return None
        return {
            "value": self.tr("enter the target value"),
            "value_range": self.tr("a percentage must lie between 0 and 100"),
            "negative": self.tr("the value cannot be negative"),
            "upper": self.tr("the band's upper end must be above its lower end"),
            "margin": self.tr("the margin must be zero or more, and smaller than the band"),
        }[self._problem_kind(row)]

    def problem_column(self, row: TargetRow) -> str | None:
        kind = self._problem_kind(row)
        if kind is None:
            return None
        return {"value_range": "value", "negative": "value"}.get(kind, kind)

    def _problem_kind(self, row: TargetRow) -> str | None:
        if not row.op:
            return None
        if row.value is None:
            return "value"
        if row.value < 0:
            return "negative"
        if row.scale == 100 and row.value > 100:
            return "value_range"
        if row.op == "band":
            if row.upper is None or row.upper <= row.value:
                return "upper"
            if row.scale == 100 and row.upper > 100:
                return "upper"
        if row.margin is not None:
            if row.margin < 0:
                return "margin"
            if (
                row.op == "band"
                and row.upper is not None
                and row.margin * 2 >= row.upper - row.value
            ):
                return "margin"
        return None

    # ---- editing ---------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        column = index.column()
        row = self._rows[index.row()]
        editable = column in (self.RULE,) or (
            row.op
            and (column in (self.VALUE, self.MARGIN) or (column == self.UPPER and row.op == "band"))
        )
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            row = self._rows[index.row()]
            return {
                self.RULE: row.op,
                self.VALUE: "" if row.value is None else f"{row.value:g}",
                self.UPPER: "" if row.upper is None else f"{row.upper:g}",
                self.MARGIN: "" if row.margin is None else f"{row.margin:g}",
            }.get(index.column(), super().data(index, Qt.ItemDataRole.DisplayRole))
        if role == OPS_ROLE:
            return [(op, self.op_text(op)) for op in OPS]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self._rows[index.row()]
            problem = self.problem(row)
            if problem:
                return problem
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row: TargetRow = self._rows[index.row()]
        column = index.column()
        if column == self.RULE:
            if value not in OPS:
                return False
            new = replace(row, op=value)
            if value and new.value is None and row.default is not None:
                d = row_from_target(row.kpi_id, row.default, None)
                new = replace(new, value=d.value, upper=d.upper, margin=d.margin)
        else:
            try:
                number = parse_number(value)
            except ValueError:
                return False
            name = {self.VALUE: "value", self.UPPER: "upper", self.MARGIN: "margin"}[column]
            new = replace(row, **{name: number})
        self._rows[index.row()] = new
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        )
        return True


class TargetHistoryModel(RecordTableModel):
    """One row per saved version of the profile."""

    def __init__(self, lang: str = "en", parent=None) -> None:
        super().__init__((), parent)
        self._lang = lang
        self._columns = [
            field("version", self.tr("Version"), numeric=True),
            field("changed_at", self.tr("Saved"), text=time_text),
            field("changed_by", self.tr("By")),
            field("note", self.tr("Note"), tooltip=lambda r: r.get("note")),
            Column(
                "changes",
                self.tr("Changes"),
                lambda r: changes_text(r.get("changes"), self._lang),
                tooltip=lambda r: changes_text(r.get("changes"), self._lang).replace("; ", "\n"),
            ),
        ]


def changes_text(changes: Any, lang: str = "en") -> str:
    """The history's ``changes`` in one line, whatever shape the engine gives it."""
    if changes is None:
        return ""
    if isinstance(changes, str):
        return changes
    if isinstance(changes, dict):
        if "kpi_id" in changes:  # profile_history's {"kpi_id", "old", "new"}
            kpi_id = changes["kpi_id"]
            try:
                name = catalogue.get(kpi_id).name(lang)
            except KeyError:
                name = kpi_id
            return f"{name}: {changes.get('old')} → {changes.get('new')}"
        return "; ".join(f"{k}: {v}" for k, v in changes.items())
    if isinstance(changes, list | tuple):
        return "; ".join(changes_text(c, lang) for c in changes)
    return str(changes)


__all__ = [
    "OPS",
    "TargetHistoryModel",
    "TargetProfileModel",
    "TargetRow",
    "changes_text",
    "parse_number",
]
