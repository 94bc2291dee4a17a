"""合规 — the compliance view: contact-rule violations of the period, and the audit log.

Tab "Violations": violations per rule for the filter bar's period and every violating touch
(customer masked), from ``workbench.compliance.evaluate``. Tab "Audit log": every entry of
the store's hash-chained audit log (``workbench.store.audit``), with the chain's state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from workbench.compliance.rules import RULE_IDS
from workbench.domain import Filters
from workbench.models.table import RecordTableModel, field, time_text
from workbench.views.context import AppContext
from workbench.views.dataview import DataView, fit_columns, make_table


def rule_name(rule: str) -> str:
    """The rule's name in the window's language."""
    names = {
        "calling_window": QCoreApplication.translate("compliance", "Calling window"),
        "frequency_day": QCoreApplication.translate("compliance", "Touches per day"),
        "frequency_7d": QCoreApplication.translate("compliance", "Touches per 7 days"),
        "frequency_30d": QCoreApplication.translate("compliance", "Touches per 30 days"),
        "after_refusal": QCoreApplication.translate(
            "compliance", "Touch after refusal or complaint"
        ),
        "dnc": QCoreApplication.translate("compliance", "Do-not-call list"),
    }
    return names.get(rule, rule)


class RulesModel(RecordTableModel):
    """One row per contact rule: violations and touches checked."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = [
            field("rule", self.tr("Rule"), text=rule_name),
            field("violations", self.tr("Violations"), numeric=True),
            field("touches", self.tr("Touches checked"), numeric=True),
        ]


class ViolationsModel(RecordTableModel):
    """One row per violating touch (customer masked)."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = [
            field("touched_at", self.tr("Touched at"), text=time_text),
            field("campaign_id", self.tr("Campaign")),
            field("customer", self.tr("Customer (masked)")),
            field("agent_id", self.tr("Agent ID")),
            field("rules", self.tr("Rules broken"), text=lambda r: "、".join(map(rule_name, r))),
        ]


class AuditModel(RecordTableModel):
    """One row per audit entry."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = [
            field("seq", self.tr("Seq"), numeric=True),
            field("at", self.tr("Time"), text=time_text),
            field("os_user", self.tr("OS user")),
            field("machine", self.tr("Machine")),
            field("event", self.tr("Event")),
            field("details", self.tr("Details"), tooltip=lambda r: r.get("details")),
            field("hash", self.tr("Hash")),
        ]


def _load(con: Any, filters: Filters) -> dict[str, Any]:
    from workbench.compliance.evaluate import summary, violations
    from workbench.store import audit

    result: dict[str, Any] = {"summary": None, "violations": []}
    if filters.start and filters.end:
        result["summary"] = summary(con, filters.start, filters.end)
        result["violations"] = violations(con, filters.start, filters.end)
    broken = audit.check_chain(con)
    result["chain"] = broken.message() if broken else None
    result["audit"] = [
        {**e.to_json(), "at": e.at, "details": audit.canonical(e.details)}
        for e in reversed(audit.entries(con))
    ]
    return result


class ComplianceView(DataView):
    """Contact-rule violations of the period and the store's audit log, in two tabs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rules_model = RulesModel(self)
        self.rules_table, rules_proxy = make_table(self.rules_model, self)
        self.rules_table.setSortingEnabled(False)  # the rules in their own order
        rules_proxy.sort(-1)
        rows = len(RULE_IDS) + 2
        self.rules_table.setFixedHeight(
            self.rules_table.verticalHeader().defaultSectionSize() * rows
        )
        self.violations_model = ViolationsModel(self)
        self.violations_table, _ = make_table(self.violations_model, self)
        self.audit_model = AuditModel(self)
        self.audit_table, _ = make_table(self.audit_model, self)
        self.rate_label = QLabel(self)
        self.chain_label = QLabel(self)
        self.chain_label.setWordWrap(True)

        violations = QWidget(self)
        vl = QVBoxLayout(violations)
        vl.addWidget(self.rate_label)
        vl.addWidget(self.rules_table)
        vl.addWidget(QLabel(self.tr("Each touch that broke a rule"), self))
        vl.addWidget(self.violations_table, 3)
        log = QWidget(self)
        ll = QVBoxLayout(log)
        ll.addWidget(self.chain_label)
        ll.addWidget(self.audit_table, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(violations, self.tr("Contact-rule violations"))
        self.tabs.addTab(log, self.tr("Audit log"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)

    def load(self, con: Any, filters: Filters, lang: str) -> dict[str, Any]:
        return _load(con, filters)

    def show_data(self, data: dict[str, Any]) -> None:
        result = data["summary"]
        self.rules_model.set_rows(list(result.rules) if result else [])
        self.violations_model.set_rows(data["violations"])
        self.audit_model.set_rows(data["audit"])
        fit_columns(self.rules_table, 320, 90)
        fit_columns(self.violations_table, 360, 90)
        fit_columns(self.audit_table, 480, 60)
        if result is None or result.violation_rate is None:
            self.rate_label.setText(self.tr("No campaign touches in this period."))
        else:
            self.rate_label.setText(
                self.tr("%1 of %2 touches broke at least one contact rule (%3).")
                .replace("%1", f"{result.violating:,}")
                .replace("%2", f"{result.touches:,}")
                .replace("%3", f"{result.violation_rate:.2%}")
            )
        if data["chain"]:
            self.chain_label.setText(
                self.tr("The audit log is broken: %1").replace("%1", data["chain"])
            )
            self.chain_label.setStyleSheet("color: #c0392b;")
        else:
            self.chain_label.setText(
                self.tr("%n entries; the hash chain is intact.", "", len(data["audit"]))
            )
            self.chain_label.setStyleSheet("")
        self.status_label.setText(
            self.tr("%n violating touch(es) listed", "", len(data["violations"]))
        )
