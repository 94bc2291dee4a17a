"""Settings → Preferences: language, watched folder, centre name, intraday mode.

The dialog only edits a ``Preferences`` record; the main window applies it (restarting the
window's widgets when the language changes) and saves it with ``Settings``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.views.settings import Settings


@dataclass(frozen=True)
class Preferences:
    """What the preferences dialog edits."""

    language: str
    watched_folder: str
    centre_name: str
    intraday: bool
    intraday_interval_s: int

    @classmethod
    def from_settings(cls, settings: Settings, language: str) -> Preferences:
        return cls(
            language=language,
            watched_folder=settings.watched_folder,
            centre_name=settings.centre_name,
            intraday=settings.intraday,
            intraday_interval_s=settings.intraday_interval_s,
        )

    def save(self, settings: Settings) -> None:
        # the watched folder and the centre name belong to the store (``store_settings``)
        settings.language = self.language
        settings.intraday = self.intraday
        settings.intraday_interval_s = self.intraday_interval_s
        settings.sync()


class PreferencesDialog(QDialog):
    """Edit ``Preferences``; ``preferences()`` returns the edited record after ``exec()``."""

    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.folder = QLineEdit(current.watched_folder)
        self.folder.setPlaceholderText(self.tr("No folder watched"))
        self.folder.setMinimumWidth(320)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.centre = QLineEdit(current.centre_name)
        self.centre.setPlaceholderText(self.tr("e.g. Remote Banking Centre, Shanghai"))
        self.intraday = QCheckBox(self.tr("Refresh today's figures automatically"))
        self.intraday.setChecked(current.intraday)
        self.interval = QSpinBox()
        self.interval.setRange(10, 3600)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(current.intraday_interval_s)

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Watched folder"), folder_row)
        hint = QLabel(
            self.tr("New or changed exports saved in this folder are imported in the background.")
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow(self.tr("Centre name"), self.centre)
        form.addRow(self.tr("Intraday mode"), self.intraday)
        form.addRow(self.tr("Refresh every"), self.interval)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder to watch"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def preferences(self) -> Preferences:
        return Preferences(
            language=self.language.currentData(),
            watched_folder=self.folder.text().strip(),
            centre_name=self.centre.text().strip(),
            intraday=self.intraday.isChecked(),
            intraday_interval_s=self.interval.value(),
        )
