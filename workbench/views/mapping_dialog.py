"""The mapping dialog: which column of a file holds which field, with a preview of its rows.

Opened when a file is rejected because its headers could not be matched. One row per header
of the file with its first values and a field combo box; the kind can be changed; a saved
profile can be applied; the mapping can be saved as a named profile for next month's file.
The dialog only collects the answer (``mapping()``, ``kind()``, ``profile_name()``): the
``ImportController`` re-runs the import with it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import KIND_NAMES
from workbench.readers.values import DATE_FORMS
from workbench.views.i18n import current_lang
from workbench.views.stored_preview import StoredPreviewPanel

#: what "Dates written as" offers (``--date-format``'s named forms)
DATE_FORMATS = DATE_FORMS

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _kind_fields() -> dict[str, list[Any]]:
    from workbench.readers import KIND_FIELDS

    return KIND_FIELDS


def field_label(spec: Any, lang: str) -> str:
    """``流水号 *`` — the field's first name in the user's language (never the internal id,
    which only the tooltip shows)."""
    synonyms = list(getattr(spec, "synonyms", ()) or ())
    zh = lang.startswith("zh")
    example = next((s for s in synonyms if bool(_CJK.search(s)) == zh), None)
    example = example or (synonyms[0] if synonyms else "")
    star = " *" if getattr(spec, "required", False) else ""
    return f"{example}{star}" if example else f"{spec.name}{star}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M:%S") if hasattr(value, "hour") else str(value)
    return str(value)


class MappingDialog(QDialog):
    """Map a file's headers to the fields of a data kind; optionally save as a profile."""

    HEADER, SAMPLE, FIELD = 0, 1, 2

    def __init__(
        self,
        path: str | Path,
        preview: Any,
        *,
        store: Any = None,
        profiles: list[dict] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = str(path)
        self.preview = preview
        self.sheet = getattr(preview, "sheet", None)
        self.lang = current_lang()
        self.headers: list[str] = [_text(h) for h in (getattr(preview, "headers", None) or [])]
        self.rows: list[list[Any]] = [list(r) for r in (getattr(preview, "rows", None) or [])]
        self._profiles = profiles if profiles is not None else _load_profiles(store)
        self._combos: list[QComboBox] = []
        self._updating = False
        self._detected_kind = getattr(preview, "kind", None) or getattr(
            preview, "detected_kind", None
        )
        self._detected: dict[str, str] = dict(getattr(preview, "mapping", None) or {})

        self.setWindowTitle(self.tr("Match the columns of %1").replace("%1", Path(path).name))
        self.resize(1040, 760)
        intro = QLabel(
            self.tr(
                "Workbench could not recognise every column of this file. For each column, "
                "choose the field it holds (fields marked * are required), or leave it ignored. "
                "Save the choice as a profile and next month's file is matched by itself."
            ),
            self,
        )
        intro.setWordWrap(True)
        form = self._build_choices()
        self._build_field_table()
        self._build_raw_preview()
        self.stored = StoredPreviewPanel(self)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        save_row = self._build_save_row()
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._build_split(), 1)
        layout.addWidget(self.missing_label)
        layout.addLayout(save_row)
        layout.addWidget(self.buttons)
        self._fill_fields(self._detected)

    # ---- building ------------------------------------------------------------------------
    def _build_choices(self) -> QFormLayout:
        """Kind, saved profile, satisfaction scale, date format and yes-values choices."""
        self.kind_box = QComboBox(self)
        for kind in KIND_NAMES:
            self.kind_box.addItem(self.kind_text(kind), kind)
        detected = self._detected_kind or "contacts"
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(detected)))
        self.kind_box.currentIndexChanged.connect(self._kind_changed)

        self.profile_box = QComboBox(self)
        self.profile_box.addItem(self.tr("— none —"), None)
        for p in self._profiles:
            self.profile_box.addItem(f"{p['name']} ({self.kind_text(p.get('kind'))})", p["name"])
        self.profile_box.setEnabled(bool(self._profiles))
        self.profile_box.currentIndexChanged.connect(self._profile_chosen)

        # never guessed silently: the scale is declared here or read from the header
        self.scale_box = QComboBox(self)
        self.scale_box.addItem(self.tr("from the header, else from the values (with a warning)"))
        self.scale_box.addItem(self.tr("1–5"), "5")
        self.scale_box.addItem(self.tr("1–10"), "10")
        self.scale_box.addItem(self.tr("labels (满意, 一般 …)"), "labels")
        self.scale_box.currentIndexChanged.connect(self._changed)

        self.date_box = QComboBox(self)
        self.date_box.addItem(self.tr("decided from the whole column"), "")
        for fmt in DATE_FORMATS:
            self.date_box.addItem(fmt, fmt)
        self.date_box.currentIndexChanged.connect(self._changed)

        self.yes_field_box = QComboBox(self)
        self.yes_edit = QLineEdit(self)
        self.yes_edit.setPlaceholderText(
            self.tr("e.g. ANSWERED, 接通 (every other value means no)")
        )
        self.yes_field_box.currentIndexChanged.connect(self._changed)
        self.yes_edit.textChanged.connect(self._changed)
        yes_row = QHBoxLayout()
        yes_row.addWidget(self.yes_field_box)
        yes_row.addWidget(self.yes_edit, 1)

        form = QFormLayout()
        form.addRow(self.tr("Kind of data:"), self.kind_box)
        form.addRow(self.tr("Apply a saved profile:"), self.profile_box)
        form.addRow(self.tr("Satisfaction scale:"), self.scale_box)
        form.addRow(self.tr("Dates written as:"), self.date_box)
        form.addRow(self.tr("Values meaning yes:"), yes_row)
        return form

    def _build_field_table(self) -> None:
        """One row per header: the header, its first values and the field combo."""
        self.table = QTableWidget(len(self.headers), 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First values"), self.tr("Field")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        for i, text in enumerate(self.headers):
            self.table.setItem(i, self.HEADER, QTableWidgetItem(text))
            samples = [_text(r[i]) for r in self.rows[:4] if i < len(r) and r[i] is not None]
            sample_item = QTableWidgetItem(" · ".join(samples))
            sample_item.setToolTip("\n".join(samples))
            self.table.setItem(i, self.SAMPLE, sample_item)
            combo = QComboBox(self.table)
            combo.currentIndexChanged.connect(lambda _i, row=i: self._field_chosen(row))
            self._combos.append(combo)
            self.table.setCellWidget(i, self.FIELD, combo)

    def _build_raw_preview(self) -> None:
        """The file's first rows as they are written in it."""
        self.preview_table = QTableWidget(min(len(self.rows), 20), len(self.headers), self)
        self.preview_table.setHorizontalHeaderLabels(self.headers)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(self.rows[:20]):
            for c in range(len(self.headers)):
                value = row[c] if c < len(row) else None
                self.preview_table.setItem(r, c, QTableWidgetItem(_text(value)))
        self.preview_table.resizeColumnsToContents()

    def _build_split(self) -> QSplitter:
        """Fields above; the file's rows and the rows as stored below, side by side in tabs."""
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        tabs = QTabWidget(self)
        tabs.addTab(self.stored, self.tr("As it will be stored"))
        raw_box = QWidget(self)
        raw_layout = QVBoxLayout(raw_box)
        raw_layout.setContentsMargins(0, 0, 0, 0)
        raw_layout.addWidget(QLabel(self.tr("The file's first rows:"), raw_box))
        raw_layout.addWidget(self.preview_table)
        tabs.addTab(raw_box, self.tr("As written in the file"))
        self.preview_tabs = tabs
        split.addWidget(tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        return split

    def _build_save_row(self) -> QHBoxLayout:
        self.save_check = QCheckBox(self.tr("Save this matching as a profile named"), self)
        self.profile_name_edit = QLineEdit(self)
        self.profile_name_edit.setPlaceholderText(self.tr("e.g. branch-A call details"))
        self.profile_name_edit.setEnabled(False)
        self.save_check.toggled.connect(self.profile_name_edit.setEnabled)
        self.save_check.toggled.connect(self._update_state)
        self.profile_name_edit.textChanged.connect(self._update_state)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_check)
        save_row.addWidget(self.profile_name_edit, 1)
        return save_row

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # ---- texts ---------------------------------------------------------------------------
    def kind_text(self, kind: str | None) -> str:
        return {
            "contacts": self.tr("contacts (call details)"),
            "intervals": self.tr("interval summaries"),
            "agent_states": self.tr("agent states / hours"),
            "bot_sessions": self.tr("bot sessions"),
            "campaigns": self.tr("campaign touches"),
            "quality": self.tr("quality inspections"),
        }.get(kind or "", kind or "")

    # ---- state ---------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_box.currentData()

    def mapping(self) -> dict[str, str]:
        """Field → header of the file, as ``run_import(mapping=…)`` takes it, with the reading
        options (``@date_format``, ``@yes:FIELD``) when chosen."""
        found = {}
        for header, combo in zip(self.headers, self._combos, strict=True):
            name = combo.currentData()
            if name:
                found[name] = header
        return {**found, **self.reading_options()}

    def import_mapping(self) -> dict[str, str]:
        """What the import is given: the fields chosen differently from what the reader found
        by itself (as ``--map`` would), and the reading options. A field the reader found is
        found again; repeating it could stop a platform format from rewriting the sheet."""
        same_kind = self.kind() == self._detected_kind
        return {
            name: header
            for name, header in self.mapping().items()
            if name.startswith("@") or not same_kind or self._detected.get(name) != header
        }

    def reading_options(self) -> dict[str, str]:
        """``{"@date_format": "YYMMDD", "@yes:answered": "ANSWERED,接通"}`` as chosen."""
        options = {}
        if self.date_box.currentData():
            options["@date_format"] = self.date_box.currentData()
        values = [v.strip() for v in re.split(r"[,，]", self.yes_edit.text()) if v.strip()]
        if self.yes_field_box.currentData() and values:
            options[f"@yes:{self.yes_field_box.currentData()}"] = ",".join(values)
        return options

    def import_options(self) -> Any:
        """The ``ImportOptions`` of this dialog (the satisfaction scale), or None."""
        from workbench.importing.options import ImportOptions

        scale = self.csat_scale()
        return ImportOptions(csat_scale=scale) if scale else None

    def csat_scale(self) -> str | None:
        """The declared satisfaction scale ("5", "10", "labels") or None (from the file)."""
        return self.scale_box.currentData()

    def profile_name(self) -> str | None:
        name = self.profile_name_edit.text().strip()
        return name if self.save_check.isChecked() and name else None

    def missing(self) -> list[str]:
        """Required fields of the chosen kind that no column holds yet."""
        chosen = {name for name in self.mapping() if not name.startswith("@")}
        missing = []
        for spec in _kind_fields().get(self.kind(), []):
            if not spec.required or spec.name in chosen:
                continue
            if spec.alternative and spec.alternative in chosen:
                continue
            missing.append(spec.name)
        return missing

    def set_field(self, header: str, field_name: str | None) -> None:
        """Choose ``field_name`` for the column ``header`` (tests and profile application)."""
        row = self.headers.index(header)
        combo = self._combos[row]
        combo.setCurrentIndex(max(0, combo.findData(field_name or "")))

    # ---- reactions -----------------------------------------------------------------------
    def _fill_fields(self, found: dict[str, str]) -> None:
        """(Re)build every combo for the current kind; preselect ``found`` (field → header)."""
        self._updating = True
        by_header = {h: f for f, h in found.items()}
        specs = _kind_fields().get(self.kind(), [])
        for header, combo in zip(self.headers, self._combos, strict=True):
            combo.clear()
            combo.addItem(self.tr("— ignore —"), "")
            for spec in specs:
                combo.addItem(field_label(spec, self.lang), spec.name)
                combo.setItemData(combo.count() - 1, spec.name, Qt.ItemDataRole.ToolTipRole)
            wanted = by_header.get(header)
            combo.setCurrentIndex(max(0, combo.findData(wanted)) if wanted else 0)
        self.yes_field_box.clear()
        for spec in specs:
            if spec.type == "bool":
                self.yes_field_box.addItem(
                    field_label(spec, self.lang).replace(" *", ""), spec.name
                )
        self.yes_field_box.setEnabled(self.yes_field_box.count() > 0)
        self.yes_edit.setEnabled(self.yes_field_box.count() > 0)
        self._updating = False
        self._changed()

    def _kind_changed(self) -> None:
        self._fill_fields({})

    def _profile_chosen(self) -> None:
        name = self.profile_box.currentData()
        profile = next((p for p in self._profiles if p["name"] == name), None)
        if profile is None:
            return
        if profile.get("kind"):
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(profile["kind"])))
            self.kind_box.blockSignals(False)
        self._fill_fields(dict(profile.get("mapping") or {}))

    def _field_chosen(self, row: int) -> None:
        if self._updating:
            return
        name = self._combos[row].currentData()
        if name:  # a field comes from one column only: free it elsewhere
            self._updating = True
            for i, combo in enumerate(self._combos):
                if i != row and combo.currentData() == name:
                    combo.setCurrentIndex(0)
            self._updating = False
        self._changed()

    def _update_state(self, *_: object) -> None:
        if self._updating:
            return
        missing = self.missing()
        if missing:
            specs = {spec.name: spec for spec in _kind_fields().get(self.kind(), [])}
            names = [field_label(specs[m], self.lang).replace(" *", "") for m in missing]
            self.missing_label.setText(
                self.tr("Still needed: %1").replace("%1", ", ".join(names))
                + " — "
                + self.tr("choose the column that holds it in the Field list above.")
            )
            self.missing_label.setStyleSheet("color: #c0392b;")
        else:
            self.missing_label.setText(self.tr("Every required field has a column."))
            self.missing_label.setStyleSheet("color: #2e7d32;")
        naming = self.save_check.isChecked() and not self.profile_name_edit.text().strip()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not missing and not naming)

    def _changed(self, *_: object) -> None:
        """A choice that changes what would be stored: check it, then preview it."""
        if self._updating:
            return
        self._update_state()
        if self.missing():
            self.stored.clear(
                self.tr(
                    "The rows as they will be stored show once every required field has a column."
                )
            )
            return
        self.stored.request(
            self.path,
            kind=self.kind(),
            mapping=self.import_mapping(),
            options=self.import_options(),
            sheet=self.sheet,
        )

    def done(self, result: int) -> None:
        """Closing: drop a preview still waiting; let a running one end (scratch store)."""
        self.stored.clear("")
        self.stored.runner.wait(30)
        super().done(result)


def _load_profiles(store: Any) -> list[dict]:
    """Saved mapping profiles as dicts (name, kind, mapping); [] when none or unreadable."""
    if store is None:
        return []
    try:
        from workbench.jobs.profiles import list_profiles

        found = list_profiles(store.con)
    except Exception:
        return []
    result = []
    for p in found:
        if isinstance(p, dict):
            result.append(p)
        else:
            result.append(
                {
                    "name": getattr(p, "name", str(p)),
                    "kind": getattr(p, "kind", None),
                    "mapping": dict(getattr(p, "mapping", {}) or {}),
                }
            )
    return result
