"""The list of views the main window offers: id, class, title, in navigation order.

Views written by other modules are imported lazily and skipped when their module does not
exist yet, so the window always starts with what this build has.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("registry", text)


@dataclass(frozen=True)
class ViewSpec:
    """One view: ``id`` (used by ``ctx.navigate``, ``--view``), module and class, title."""

    id: str
    module: str
    cls: str
    title_source: str  # English source text, translated by ``title()``

    def title(self) -> str:
        return _tr(self.title_source)

    def load(self) -> type[QWidget] | None:
        """The view class, or None when its module is not in this build."""
        try:
            module = importlib.import_module(self.module)
        except ModuleNotFoundError as exc:
            if exc.name == self.module:
                return None
            raise
        return getattr(module, self.cls, None)


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "dashboard",
        "workbench.views.dashboard",
        "DashboardView",
        QT_TRANSLATE_NOOP("registry", "Dashboard"),
    ),
    ViewSpec(
        "trends", "workbench.views.trends", "TrendsView", QT_TRANSLATE_NOOP("registry", "Trends")
    ),
    ViewSpec(
        "agents", "workbench.views.agents", "AgentsView", QT_TRANSLATE_NOOP("registry", "Agents")
    ),
    ViewSpec(
        "bots",
        "workbench.views.bots",
        "BotsView",
        QT_TRANSLATE_NOOP("registry", "Intelligent service"),
    ),
    ViewSpec(
        "campaigns",
        "workbench.views.campaigns",
        "CampaignsView",
        QT_TRANSLATE_NOOP("registry", "Campaigns"),
    ),
    ViewSpec(
        "intraday",
        "workbench.views.intraday",
        "IntradayView",
        QT_TRANSLATE_NOOP("registry", "Intraday"),
    ),
    ViewSpec(
        "staffing",
        "workbench.views.staffing",
        "StaffingView",
        QT_TRANSLATE_NOOP("registry", "Staffing"),
    ),
    ViewSpec(
        "abandoned",
        "workbench.views.abandoned",
        "AbandonedView",
        QT_TRANSLATE_NOOP("registry", "Abandoned contacts"),
    ),
    ViewSpec(
        "imports",
        "workbench.views.imports",
        "ImportsView",
        QT_TRANSLATE_NOOP("registry", "Imports"),
    ),
    ViewSpec(
        "compliance",
        "workbench.views.compliance",
        "ComplianceView",
        QT_TRANSLATE_NOOP("registry", "Compliance"),
    ),
    ViewSpec(
        "targets",
        "workbench.views.targets",
        "TargetsView",
        QT_TRANSLATE_NOOP("registry", "Targets"),
    ),
    ViewSpec(
        "centres",
        "workbench.views.centres",
        "CentresView",
        QT_TRANSLATE_NOOP("registry", "Centres (HQ)"),
    ),
)

VIEW_IDS: tuple[str, ...] = tuple(v.id for v in VIEWS)


def spec(view_id: str) -> ViewSpec:
    """The spec of ``view_id``; ``KeyError`` when unknown."""
    for v in VIEWS:
        if v.id == view_id:
            return v
    raise KeyError(view_id)


def available_views() -> list[tuple[ViewSpec, Callable[..., QWidget]]]:
    """The views of this build, in navigation order, each with a factory ``(ctx) -> QWidget``.

    Only the module's presence is checked here; the module is imported when the view is first
    shown, so start-up does not pay for views nobody opens.
    """
    found = []
    for v in VIEWS:
        try:
            present = importlib.util.find_spec(v.module) is not None
        except (ImportError, ValueError):
            present = False
        if present:
            found.append((v, _LazyView(v)))
    return found


class _LazyView:
    """Imports the view's class on first call; a view that fails to import shows why."""

    def __init__(self, spec: ViewSpec) -> None:
        self.spec = spec

    def __call__(self, ctx: object, parent: QWidget | None = None) -> QWidget:
        try:
            cls = self.spec.load()
        except Exception as exc:  # a broken view must not take the whole window down
            log.exception("view %s could not be loaded", self.spec.id)
            return _broken(self.spec, exc, parent)
        if cls is None:
            return _broken(self.spec, ImportError(self.spec.cls), parent)
        return cls(ctx, parent)


def _broken(spec: ViewSpec, exc: BaseException, parent: QWidget | None) -> QWidget:
    from PySide6.QtWidgets import QLabel

    label = QLabel(
        QCoreApplication.translate("registry", "This view could not be opened: %1").replace(
            "%1", f"{type(exc).__name__}: {exc}"
        ),
        parent,
    )
    label.setWordWrap(True)
    return label
