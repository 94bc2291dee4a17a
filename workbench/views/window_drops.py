"""Files dropped anywhere on the main window are imported (never pasted into a text box)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


class DropImports:
    """Mixin for ``MainWindow``: drag-and-drop of local files → ``ctx.request_import``."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.ctx.temporary:
            return
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.ctx.temporary:
            return
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        paths = [p for p in paths if Path(p).is_file()]
        if paths:
            event.acceptProposedAction()
            from workbench.exporters.reopen import is_workbench_workbook

            workbooks = [p for p in paths if is_workbench_workbook(p)]
            if workbooks:  # our own workbook opens as dashboards, it is not imported
                self.open_monthly(workbooks[0])
            paths = [p for p in paths if p not in workbooks]
            if paths:
                self.ctx.request_import(paths)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Files dragged over any child (a text box would paste their path) import instead."""
        kind = event.type()
        drag = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if (
            kind in drag
            and isinstance(obj, QWidget)
            and obj.window() is self
            and not self.ctx.temporary
        ):
            mime = event.mimeData()
            if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
                if kind == QEvent.Type.Drop:
                    self.dropEvent(event)
                else:
                    event.acceptProposedAction()
                return True
        return super().eventFilter(obj, event)
