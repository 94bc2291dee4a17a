"""目标 — the targets view: edit the target profile and the service-level options, see history.

Each indicator gets a rule (at least / at most / within a band / no target), its value(s) and
an at-risk margin, validated as typed (ratios in percent). Save stores a new version of the
profile with ``workbench.kpi.targets.save_profile`` (note, user, time) and the formula options
with ``save_options``, through the store's single writer off the GUI thread; then every view
refreshes (``ctx.notify_data_changed``). The view says where the defaults come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Filters, KpiOptions, Target
from workbench.kpi import catalogue
from workbench.kpi.targets import (
    TargetProfile,
    current_profile,
    load_options,
    profile_history,
    save_options,
    save_profile,
)
from workbench.models.targets import OPS_ROLE, TargetHistoryModel, TargetProfileModel
from workbench.views.context import AppContext
from workbench.views.dataview import DataView, fit_columns
from workbench.workers.runner import LatestRunner

SL_THRESHOLDS: tuple[int, ...] = (10, 15, 20, 30, 60)


@dataclass(frozen=True)
class TargetsData:
    """What the view loads: the current profile, its history and the formula options."""

    profile: TargetProfile
    history: list[dict]
    options: KpiOptions


def same_targets(a: dict[str, Target], b: dict[str, Target]) -> bool:
    """True when two profiles set the same targets (up to float noise)."""
    if set(a) != set(b):
        return False

    def close(x: float | None, y: float | None) -> bool:
        return (x is None and y is None) or (
            x is not None and y is not None and abs(x - y) <= 1e-9 * max(1.0, abs(x))
        )

    return all(
        a[k].op == b[k].op
        and close(a[k].low, b[k].low)
        and close(a[k].high, b[k].high)
        and close(a[k].at_risk_margin, b[k].at_risk_margin)
        for k in a
    )


class RuleDelegate(QStyledItemDelegate):
    """A combo box for the rule column (choices from the model's ``OPS_ROLE``)."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for op, text in index.data(OPS_ROLE) or []:
            combo.addItem(text, op)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _save(con: Any, store: Any, targets: dict | None, note: str, options: KpiOptions | None) -> int:
    """Worker thread: one transaction through the store's single writer."""
    version = 0
    with store.transaction(con):
        if targets is not None:
            version = save_profile(con, targets, note=note)
        if options is not None:
            save_options(con, options)
    return version


class TargetsView(DataView):
    """Edit targets (new version on save) and the service-level options; see the history."""

    follows_filters = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: TargetsData | None = None
        self.saved_version: int | None = None
        self._reload_edits = False
        self.kpi_ids = [k.id for k in catalogue.KPIS if k.direction != "none"]

        intro = QLabel(
            self.tr(
                "The default targets are a starting point drawn from industry figures (CBA "
                "annual reports and common practice), not from the text of GB/T 32312 or the "
                "CBA specifications. Set the targets your bank has agreed: every change is kept "
                "as a new version, and every export names the version it was judged against."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("viewHint")

        self._build_table()
        self.version_label = QLabel(self)
        self.version_label.setWordWrap(True)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #c0392b;")

        options_box = self._build_options()
        save_row = self._build_save_row()
        history_box = self._build_history()
        split = self._build_split(options_box, history_box, save_row)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self._saver = LatestRunner(self)
        self._saver.resultReady.connect(self._saved)
        self._saver.failed.connect(self._save_failed)
        self._update_state()

    # ---- building ------------------------------------------------------------------------
    def _build_table(self) -> None:
        """The editable table of targets, one row per indicator."""
        self.model = TargetProfileModel(self.lang, self)
        self.model.dataChanged.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(TargetProfileModel.RULE, RuleDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def _build_options(self) -> QGroupBox:
        """The service-level options: threshold T, short abandons S, the denominator."""
        options_box = QGroupBox(self.tr("Service-level options"), self)
        self.threshold = QComboBox(options_box)
        for t in SL_THRESHOLDS:
            self.threshold.addItem(self.tr("%1 seconds").replace("%1", str(t)), t)
        self.short_abandon = QSpinBox(options_box)
        self.short_abandon.setRange(0, 120)
        self.short_abandon.setSuffix(self.tr(" s"))
        self.short_abandon.setSpecialValueText(self.tr("off (0 s)"))
        self.denominator = QComboBox(options_box)
        self.denominator.addItem(self.tr("all offered contacts"), "offered")
        self.denominator.addItem(self.tr("answered contacts only"), "answered")
        self.denominator.addItem(
            self.tr("offered minus those abandoned within the threshold"), "offered_minus_short"
        )
        for signal in (
            self.threshold.currentIndexChanged,
            self.short_abandon.valueChanged,
            self.denominator.currentIndexChanged,
        ):
            signal.connect(self._update_state)
        form = QFormLayout(options_box)
        form.addRow(self.tr("Answered within (threshold T):"), self.threshold)
        form.addRow(self.tr("Ignore abandons shorter than (S):"), self.short_abandon)
        form.addRow(self.tr("Service level is counted over:"), self.denominator)
        explain = QLabel(
            self.tr(
                "Service level = contacts answered within T ÷ the contacts chosen above. "
                "With S above 0, contacts abandoned within S seconds leave the answer rate, "
                "service level and abandon rate altogether."
            ),
            options_box,
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        return options_box

    def _build_save_row(self) -> QHBoxLayout:
        """The note, undo and save buttons."""
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Why the change (e.g. 2027 targets agreed with HQ)"))
        self.save_button = QPushButton(self.tr("Save as new version"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo changes"), self)
        self.revert_button.clicked.connect(self._revert)
        save_row = QHBoxLayout()
        save_row.addWidget(QLabel(self.tr("Note:"), self))
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        return save_row

    def _build_history(self) -> QGroupBox:
        """The versions of the profile, newest first."""
        self.history_model = TargetHistoryModel(self.lang, self)
        self.history = QTableView(self)
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.setAlternatingRowColors(True)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setWordWrap(False)
        history_box = QGroupBox(self.tr("History of the profile"), self)
        QVBoxLayout(history_box).addWidget(self.history)
        return history_box

    def _build_split(
        self, options_box: QWidget, history_box: QWidget, save_row: QHBoxLayout
    ) -> QSplitter:
        """Targets on the left, options and history on the right."""
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(options_box)
        right_layout.addWidget(history_box, 1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.version_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.problems_label)
        left_layout.addLayout(save_row)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 420])
        split.setChildrenCollapsible(False)
        return split

    # ---- data ----------------------------------------------------------------------------
    def load(self, con: Any, filters: Filters, lang: str) -> TargetsData:
        return TargetsData(current_profile(con), profile_history(con), load_options(con))

    def show_data(self, data: TargetsData) -> None:
        editing = self.data is not None and not self._reload_edits and self.has_edits()
        self._reload_edits = False
        self.data = data
        self.history_model._lang = self.lang
        self.history_model.set_rows(data.history)
        fit_columns(self.history, 300)
        if editing:
            # new data arrived (an import, the intraday timer) while the user edits: keep the
            # edits on screen; Save compares them with the newly loaded profile
            self._update_state()
            return
        self.model.set_profile(
            data.profile.targets, catalogue.default_targets(), self.kpi_ids, self.lang
        )
        fit_columns(self.table, 240)
        header = self.table.horizontalHeader()
        for column in (self.model.VALUE, self.model.UPPER, self.model.MARGIN):
            header.resizeSection(column, max(header.sectionSize(column), 84))
        self._show_options(data.options)
        if data.profile.version == 0:
            self.version_label.setText(
                self.tr("In use: the built-in industry defaults.") + " " + self._edit_hint()
            )
        else:
            latest = data.history[0] if data.history else {}
            self.version_label.setText(
                self.tr("In use: version %1, saved by %2 on %3.")
                .replace("%1", str(data.profile.version))
                .replace("%2", str(latest.get("changed_by") or "?"))
                .replace("%3", _when(latest.get("changed_at")))
                + " "
                + self._edit_hint()
            )
        self._update_state()

    def _edit_hint(self) -> str:
        return self.tr("Double-click a rule or a value to change it; ratios are in percent.")

    def _show_options(self, options: KpiOptions) -> None:
        widgets = (self.threshold, self.short_abandon, self.denominator)
        for w in widgets:
            w.blockSignals(True)
        index = self.threshold.findData(options.sl_threshold_s)
        if index < 0:  # a threshold set elsewhere (CLI): offer it too
            self.threshold.addItem(
                self.tr("%1 seconds").replace("%1", str(options.sl_threshold_s)),
                options.sl_threshold_s,
            )
            index = self.threshold.count() - 1
        self.threshold.setCurrentIndex(index)
        self.short_abandon.setValue(options.short_abandon_s)
        self.denominator.setCurrentIndex(max(0, self.denominator.findData(options.sl_denominator)))
        for w in widgets:
            w.blockSignals(False)

    def options(self) -> KpiOptions:
        """The options as shown."""
        return KpiOptions(
            sl_threshold_s=int(self.threshold.currentData()),
            short_abandon_s=int(self.short_abandon.value()),
            sl_denominator=self.denominator.currentData(),
        )

    # ---- editing -------------------------------------------------------------------------
    def has_edits(self) -> bool:
        """True while the table or the options differ from what was loaded."""
        return self.targets_changed() or self.options_changed() or bool(self.model.problems())

    def targets_changed(self) -> bool:
        return self.data is not None and not same_targets(
            self.model.targets(), self.data.profile.targets
        )

    def options_changed(self) -> bool:
        return self.data is not None and self.options() != self.data.options

    def _update_state(self, *_: object) -> None:
        problems = self.model.problems()
        if problems:
            names = [f"{catalogue.get(k).name(self.lang)}: {text}" for k, text in problems.items()]
            self.problems_label.setText(
                self.tr("Cannot save yet — %1").replace("%1", "; ".join(names))
            )
        else:
            self.problems_label.setText("")
        changed = self.targets_changed() or self.options_changed()
        self.save_button.setEnabled(changed and not problems and not self._saving())
        self.revert_button.setEnabled(changed or bool(problems))

    def may_leave(self) -> bool:
        """Asked by the window before it shows another view: unsaved edits → save, discard or
        stay."""
        if not self.has_edits() or self._saving():
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved targets"),
            self.tr("The targets have changes that are not saved yet."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if self.model.problems():
            box.button(QMessageBox.StandardButton.Save).setEnabled(False)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            self.save()
            return True
        if answer == QMessageBox.StandardButton.Discard:
            self._revert()
            return True
        return False

    def _saving(self) -> bool:
        return hasattr(self, "_saver") and self._saver.busy

    def _revert(self) -> None:
        if self.data is not None:
            self._reload_edits = True
            self.show_data(self.data)

    def save(self) -> None:
        """Save the edited profile as a new version and the options (off the GUI thread)."""
        if self.model.problems() or self.data is None:
            return
        targets = self.model.targets() if self.targets_changed() else None
        options = self.options() if self.options_changed() else None
        if targets is None and options is None:
            return
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Saving…"))
        self._saver.submit_query(
            self.ctx.store, _save, self.ctx.store, targets, self.note.text().strip(), options
        )

    def wait(self, timeout_s: float = 20.0) -> bool:
        return self._saver.wait(timeout_s) and super().wait(timeout_s)

    def _saved(self, version: int, _tag: object) -> None:
        self.saved_version = version or None
        self._reload_edits = True
        self.note.clear()
        if version:
            self.status_label.setText(
                self.tr("Saved as version %1. Every view now judges against it.").replace(
                    "%1", str(version)
                )
            )
        else:
            self.status_label.setText(self.tr("Options saved."))
        self.ctx.notify_data_changed()
        self.refresh()

    def _save_failed(self, exc: BaseException, _tag: object) -> None:
        self.status_label.setText(self.tr("Could not save: %1").replace("%1", str(exc)))
        self._update_state()


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "?"
