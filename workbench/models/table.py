"""The one table-model pattern every list in the window uses: rows of records, column specs.

Like Vorta's archive table: column constants (``Column`` specs), a model reset when the rows
are replaced, a sort role returning raw values (so numbers sort as numbers through a
``QSortFilterProxyModel`` with ``sortRole=SORT_ROLE``), a role returning the record itself,
and a status colour per cell when a column knows the record's status against its target.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

#: raw value of a cell (float, int, str, datetime …) for sorting; None sorts last
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: the row's record itself
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
#: the cell's status against its target ("met", "at_risk", "missed", "no_data") or None
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: cell tints per status: soft enough to read black text on, in light and dark palettes
STATUS_BACKGROUND: dict[str, str] = {
    "met": "#d5efd9",
    "at_risk": "#fbe8b5",
    "missed": "#f6cfcb",
}
STATUS_TEXT = "#1d1d1d"

Index = QModelIndex | QPersistentModelIndex


def plain_text(value: Any) -> str:
    """The default display of a raw value: '' for None, dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def duration_text(seconds: Any) -> str:
    """``0:45``, ``12:03`` or ``1:02:03`` for a number of seconds; '' when unknown."""
    if seconds is None:
        return ""
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def time_text(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""


def sortable(value: Any) -> Any:
    """What the sort role returns: numbers stay numbers, dates become ISO text, None stays."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, int | float | str):
        return value
    try:  # Decimal and friends
        return float(value)
    except (TypeError, ValueError):
        return str(value)


@dataclass(frozen=True)
class Column:
    """One column: its header and how a record gives its raw value, text, status and tip."""

    key: str
    header: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] = plain_text
    numeric: bool = False
    status: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    header_tip: str = ""


def field(key: str, header: str, *, numeric: bool = False, **kwargs: Any) -> Column:
    """A column reading ``record[key]`` from a dict record."""
    return Column(key, header, lambda r, k=key: r.get(k), numeric=numeric, **kwargs)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_SORT = int(SORT_ROLE)
_RECORD = int(RECORD_ROLE)
_STATUS = int(STATUS_ROLE)
#: the roles ``data`` answers; a view asks for a dozen per cell, most of them answered None
_HANDLED = frozenset({_DISPLAY, _ALIGN, _TIP, _BACKGROUND, _FOREGROUND, _SORT, _RECORD, _STATUS})
_BRUSHES: dict[str, QBrush] = {}


def _brush(color: str) -> QBrush:
    brush = _BRUSHES.get(color)
    if brush is None:
        brush = _BRUSHES[color] = QBrush(QColor(color))
    return brush


class RecordTableModel(QAbstractTableModel):
    """Read-only rows of records shown through ``Column`` specs.

    Sorting happens here, in Python, on the raw values (``sort``), which is far faster than a
    proxy asking for two values per comparison through Qt; ``SortFilterProxy`` forwards its
    ``sort`` here and only filters. Rows without a value sort last in either order.
    """

    def __init__(self, columns: Sequence[Column] = (), parent=None) -> None:
        super().__init__(parent)
        self._columns: list[Column] = list(columns)
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ---- content ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        """Replace every row (and optionally the columns): one model reset, order kept."""
        self.beginResetModel()
        if columns is not None:
            self._columns = list(columns)
        self._rows = list(rows)
        if self._sort is not None and self._sort[0] < len(self._columns):
            self._rows = [self._rows[i] for i in self._order(*self._sort)]
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def columns(self) -> list[Column]:
        return list(self._columns)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def column_index(self, key: str) -> int:
        """The position of the column called ``key`` (-1 when absent)."""
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    # ---- sorting -----------------------------------------------------------------------
    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Row positions in sorted order by ``column``'s raw values (None last)."""
        spec = self._columns[column]
        keyed = [(sortable(spec.value(r)), i) for i, r in enumerate(self._rows)]
        present = [k for k in keyed if k[0] is not None]
        missing = [i for v, i in keyed if v is None]
        reverse = order == Qt.SortOrder.DescendingOrder
        try:
            present.sort(key=lambda k: k[0], reverse=reverse)
        except TypeError:  # mixed types in one column: compare as text
            present.sort(key=lambda k: str(k[0]), reverse=reverse)
        return [i for _, i in present] + missing

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column`` (raw values: numbers as numbers); -1 keeps the order."""
        if not 0 <= column < len(self._columns):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        new_order = self._order(column, order)
        position = {old: new for new, old in enumerate(new_order)}
        self._rows = [self._rows[i] for i in new_order]
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(position[i.row()], i.column()) for i in old]
        )
        self.layoutChanged.emit()

    # ---- QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip or column.header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _HANDLED:
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self._columns)):
            return None
        column = self._columns[col]
        role = int(role)
        if role == _DISPLAY:
            return column.text(column.value(self._rows[row]))
        if role == _ALIGN:
            return _RIGHT if column.numeric else _LEFT
        if role == _SORT:
            return sortable(column.value(self._rows[row]))
        if role == _RECORD:
            return self._rows[row]
        if role == _TIP:
            return column.tooltip(self._rows[row]) if column.tooltip is not None else None
        if column.status is None:
            return None
        status = column.status(self._rows[row])
        if role == _STATUS:
            return status
        tint = STATUS_BACKGROUND.get(status or "")
        if tint is None:
            return None
        return _brush(tint) if role == _BACKGROUND else _brush(STATUS_TEXT)


class SortFilterProxy(QSortFilterProxyModel):
    """Filters on any column's text; sorting is forwarded to the ``RecordTableModel``.

    The proxy itself keeps the source's order (its own sort column stays -1), so a sort costs
    one Python ``sorted`` instead of thousands of ``data`` calls through Qt; for any other
    source model it sorts by ``SORT_ROLE``.
    """

    def __init__(self, source: QAbstractTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            super().sort(-1)
            source.sort(column, order)
        else:
            super().sort(column, order)
