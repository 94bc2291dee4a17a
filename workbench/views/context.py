"""The state every view shares: the open store, the filters, and the signals that refresh views.

Views never talk to each other; they read ``AppContext`` and listen to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from workbench.domain import Filters
from workbench.store import Store


class AppContext(QObject):
    """Shared by the main window and every view."""

    #: the filter bar changed (argument: the new ``Filters``)
    filtersChanged = Signal(object)
    #: the store's content changed: an import finished, targets or options changed
    dataChanged = Signal()
    #: somebody asks for files to be imported (argument: list of path strings)
    importRequested = Signal(list)
    #: a view asks the window to show another view (argument: view id, optional payload)
    navigateRequested = Signal(str, object)

    def __init__(self, store: Store, *, temporary: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        #: True when the store is an in-memory one opened for a single monthly file
        self.temporary = temporary
        self._filters = Filters()

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        if filters != self._filters:
            self._filters = filters
            self.filtersChanged.emit(filters)

    def notify_data_changed(self) -> None:
        self.dataChanged.emit()

    def make_mapping_dialog(self, path: str, preview: object, parent: object = None) -> object:
        """The mapping dialog for a file whose headers did not match (the importer, a worker,
        asks the views' context for it: workers never import views)."""
        from workbench.views.mapping_dialog import MappingDialog

        return MappingDialog(path, preview, store=self.store, parent=parent)

    def request_import(self, paths: list[str]) -> None:
        self.importRequested.emit([str(p) for p in paths])

    def navigate(self, view_id: str, payload: object = None) -> None:
        self.navigateRequested.emit(view_id, payload)
