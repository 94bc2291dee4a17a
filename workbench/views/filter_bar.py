"""The filter bar every view shares: period (preset or custom range), queue and channel.

It owns the translation from what the user picks to ``Filters`` and pushes it with
``ctx.set_filters``. Period presets are relative to today, except *Latest month*, the month of
the newest data in the store — the default, so a supervisor opening a store of last month's
exports sees data rather than an empty "today". The queues, channels and the store's first
and last day come from ``kpi.engine.filter_choices`` (reloaded when the store changes).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from workbench.domain import Filters
from workbench.periods import PRESETS, month_range, period_range, previous_range  # noqa: F401
from workbench.views.context import AppContext


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class FilterBar(QWidget):
    """Period preset, from/to calendars, ◀ ▶ to step periods, queue and channel."""

    #: the bar's state changed (for settings): {"mode", "start", "end", "queue", "channel"}
    stateChanged = Signal(dict)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._choices: dict[str, Any] = {}
        self._mode = "latest_month"

        self.period = QComboBox()
        self.period.setObjectName("periodCombo")
        for mode, text in (
            ("latest_month", self.tr("Latest month")),
            ("today", self.tr("Today")),
            ("yesterday", self.tr("Yesterday")),
            ("week", self.tr("This week")),
            ("last_week", self.tr("Last week")),
            ("month", self.tr("This month")),
            ("last_month", self.tr("Last month")),
            ("quarter", self.tr("This quarter")),
            ("custom", self.tr("Custom range")),
        ):
            self.period.addItem(text, mode)
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.previous = QToolButton()
        self.previous.setText("◀")
        self.previous.setToolTip(self.tr("Previous period"))
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip(self.tr("Next period"))
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setToolTip(self.tr("First day (included)"))
        self.end_edit.setToolTip(self.tr("Last day (included)"))
        self.queue = QComboBox()
        self.queue.setObjectName("queueCombo")
        self.channel = QComboBox()
        self.channel.setObjectName("channelCombo")
        for combo in (self.queue, self.channel):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(8)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(QLabel(self.tr("Period")))
        layout.addWidget(self.period)
        layout.addWidget(self.previous)
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end_edit)
        layout.addWidget(self.next)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Queue")))
        layout.addWidget(self.queue)
        layout.addSpacing(6)
        layout.addWidget(QLabel(self.tr("Channel")))
        layout.addWidget(self.channel)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self._fill_slices([], [])
        self.period.currentIndexChanged.connect(self._on_period)
        self.start_edit.dateChanged.connect(self._on_dates)
        self.end_edit.dateChanged.connect(self._on_dates)
        self.queue.currentIndexChanged.connect(self._apply)
        self.channel.currentIndexChanged.connect(self._apply)
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))

    # ---- public --------------------------------------------------------------------------
    def today(self) -> date:
        return self._today or date.today()

    @property
    def mode(self) -> str:
        return self._mode

    def set_choices(self, choices: dict[str, Any]) -> None:
        """Queues, channels and the data's first/last day (from ``filter_choices``)."""
        self._choices.update(choices)
        if "queues" in choices or "channels" in choices:
            queue, channel = self.queue.currentData(), self.channel.currentData()
            with QSignalBlocker(self.queue), QSignalBlocker(self.channel):
                self._fill_slices(choices.get("queues") or [], choices.get("channels") or [])
                self._select(self.queue, queue)
                self._select(self.channel, channel)
        first, last = choices.get("first_day"), choices.get("last_day")
        if first and last:
            low = _qdate(min(first, self.today()) - timedelta(days=366))
            high = _qdate(max(last, self.today()) + timedelta(days=366))
            for edit in (self.start_edit, self.end_edit):
                with QSignalBlocker(edit):
                    edit.setDateRange(low, high)
        if self._mode != "custom":
            self._set_range(*period_range(self._mode, self.today(), last))
        self._apply()

    def restore(self, state: dict) -> None:
        """Put back a state saved by ``state()`` (unknown queue/channel fall back to all)."""
        mode = state.get("mode") if state.get("mode") in PRESETS else "latest_month"
        self._mode = mode
        with QSignalBlocker(self.period):
            self.period.setCurrentIndex(PRESETS.index(mode))
        if mode == "custom":
            try:
                start = date.fromisoformat(state.get("start") or "")
                end = date.fromisoformat(state.get("end") or "")
            except ValueError:
                start = end = None
            if start and end and start <= end:
                self._set_range(start, end)
            else:
                self._mode = "latest_month"
                with QSignalBlocker(self.period):
                    self.period.setCurrentIndex(0)
        else:
            self._set_range(*period_range(mode, self.today(), self._choices.get("last_day")))
        with QSignalBlocker(self.queue), QSignalBlocker(self.channel):
            # the lists may not be loaded yet: keep the saved slice until they are
            for combo, value in (
                (self.queue, state.get("queue")),
                (self.channel, state.get("channel")),
            ):
                if value and combo.findData(value) < 0:
                    combo.addItem(value, value)
                self._select(combo, value or None)
        self._apply()

    def state(self) -> dict:
        start, end = self.current_range()
        return {
            "mode": self._mode,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "queue": self.queue.currentData() or "",
            "channel": self.channel.currentData() or "",
        }

    def set_mode(self, mode: str) -> None:
        """Choose a preset (``today``, ``week``, ``month``, ``latest_month``, ``custom``)."""
        self.period.setCurrentIndex(PRESETS.index(mode))

    def set_range(self, start: date, end: date) -> None:
        """Choose a custom range."""
        self._mode = "custom"
        with QSignalBlocker(self.period):
            self.period.setCurrentIndex(PRESETS.index("custom"))
        self._set_range(start, end)
        self._apply()

    def set_queue(self, queue: str | None) -> None:
        self._select(self.queue, queue)

    def set_channel(self, channel: str | None) -> None:
        self._select(self.channel, channel)

    def current_range(self) -> tuple[date, date]:
        return _pydate(self.start_edit.date()), _pydate(self.end_edit.date())

    def filters(self) -> Filters:
        start, end = self.current_range()
        queue, channel = self.queue.currentData(), self.channel.currentData()
        return Filters(
            start=start,
            end=end,
            queues=(queue,) if queue else (),
            channels=(channel,) if channel else (),
        )

    def step(self, direction: int) -> None:
        """Move the period back (−1) or forward (+1) by its own length (months by month)."""
        start, end = self.current_range()
        first, last = month_range(start)
        if start == first and end == last:
            anchor = start - timedelta(days=1) if direction < 0 else last + timedelta(days=1)
            new = month_range(anchor)
        else:
            length = (end - start).days + 1
            shift = timedelta(days=length * direction)
            new = (start + shift, end + shift)
        self.set_range(*new)

    # ---- internals -----------------------------------------------------------------------
    def _fill_slices(self, queues: list[str], channels: list[str]) -> None:
        self.queue.clear()
        self.queue.addItem(self.tr("All queues"), None)
        for q in queues:
            self.queue.addItem(str(q), str(q))
        self.channel.clear()
        self.channel.addItem(self.tr("All channels"), None)
        for c in channels:
            self.channel.addItem(str(c), str(c))

    @staticmethod
    def _select(combo: QComboBox, value: str | None) -> None:
        index = combo.findData(value) if value else 0
        combo.setCurrentIndex(max(index, 0))

    def _set_range(self, start: date, end: date) -> None:
        with QSignalBlocker(self.start_edit), QSignalBlocker(self.end_edit):
            self.start_edit.setDate(_qdate(start))
            self.end_edit.setDate(_qdate(end))

    def _on_period(self, index: int) -> None:
        self._mode = self.period.itemData(index) or "latest_month"
        if self._mode != "custom":
            self._set_range(*period_range(self._mode, self.today(), self._choices.get("last_day")))
        self._apply()

    def _on_dates(self, *_: object) -> None:
        start, end = self.current_range()
        if end < start:  # keep the range valid: move the other end
            sender = self.sender()
            with QSignalBlocker(self.start_edit), QSignalBlocker(self.end_edit):
                if sender is self.start_edit:
                    self.end_edit.setDate(self.start_edit.date())
                else:
                    self.start_edit.setDate(self.end_edit.date())
        self._mode = "custom"
        with QSignalBlocker(self.period):
            self.period.setCurrentIndex(PRESETS.index("custom"))
        self._apply()

    def _apply(self, *_: object) -> None:
        self.ctx.set_filters(self.filters())
        self.stateChanged.emit(self.state())
