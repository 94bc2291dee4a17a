"""A table of indicators per group (agent, channel, campaign …) from one engine report.

Rows are the report's groups; the first column is the group (its label, else its key), the
others one indicator each. Every number is the engine's value, shown with
``workbench.kpi.engine.format_value``; the sort role returns the raw value and the cell is
tinted by the engine's status against the target. Used by the agents, bots and campaigns
views; no formula lives here.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.domain import KpiGroup, KpiReport
from workbench.kpi import catalogue
from workbench.kpi.engine import format_value
from workbench.models.table import Column, RecordTableModel


def group_label(group: KpiGroup) -> str:
    """What a row calls its group: the label when the engine has one, else the key."""
    if group.label and group.label != group.key:
        return f"{group.label} ({group.key})"
    return group.key


def kpi_columns(kpi_ids: Sequence[str], lang: str) -> list[Column]:
    """One numeric column per indicator, reading a ``KpiGroup``."""
    columns = []
    for kpi_id in kpi_ids:
        kpi = catalogue.get(kpi_id)

        def value(g: KpiGroup, k: str = kpi_id) -> float | None:
            v = g.value(k)
            return v.value if v is not None else None

        def text(x: float | None, k=kpi) -> str:
            return format_value(k, x, lang) if x is not None else "—"

        def status(g: KpiGroup, k: str = kpi_id) -> str | None:
            v = g.value(k)
            return v.status if v is not None else None

        def tip(g: KpiGroup, k: str = kpi_id, kd=kpi, fmt=text) -> str | None:
            v = g.value(k)
            if v is None or v.target is None:
                return None
            return f"{kd.name(lang)}: {fmt(v.value)} / {v.target.expr()}"

        columns.append(
            Column(
                kpi_id,
                kpi.name(lang),
                value,
                text=text,
                numeric=True,
                status=status,
                tooltip=tip,
                header_tip=kpi.formula_zh if lang.startswith("zh") else kpi.formula_en,
            )
        )
    return columns


class KpiGroupTableModel(RecordTableModel):
    """Rows = the report's groups, columns = the group then one per indicator."""

    def __init__(self, group_header: str = "", parent=None) -> None:
        super().__init__((), parent)
        self._group_header = group_header
        self._report: KpiReport | None = None

    def set_report(
        self,
        report: KpiReport | None,
        kpi_ids: Sequence[str],
        lang: str = "en",
        *,
        drop_empty: bool = True,
        names: dict[str, str] | None = None,
    ) -> None:
        """Show ``report``'s groups for the indicators ``kpi_ids``.

        ``drop_empty`` leaves out the group of rows without a key (e.g. abandoned contacts,
        which have no agent): they count in the totals, not as an agent. ``names`` gives
        labels for keys the report has none for (agent names when only campaigns were read).
        """
        self._report = report
        groups = list(report.groups) if report else []
        if drop_empty:
            groups = [g for g in groups if g.key]
        labels = {g.key: group_label(g) for g in groups}
        for key, name in (names or {}).items():  # e.g. agent names the report lacks
            if key in labels and labels[key] == key and name and name != key:
                labels[key] = f"{name} ({key})"
        # the group column sorts by key (agent ID, ISO date …) and shows the label
        group_column = Column(
            "group",
            self._group_header,
            lambda g: g.key,
            text=lambda key: labels.get(key, key or ""),
        )
        columns = [group_column, *kpi_columns(kpi_ids, lang)]
        self.set_rows(groups, columns)

    def set_group_header(self, header: str) -> None:
        self._group_header = header

    def report(self) -> KpiReport | None:
        return self._report
