"""Table models over raw rows: contacts (masked), abandoned contacts, import history, rejects.

Records are the dicts ``workbench.store.queries`` returns; customer data is only ever the
``customer_masked`` column. Headers go through ``self.tr`` so they follow the language.
"""

from __future__ import annotations

from typing import Any

from workbench.models.table import Column, RecordTableModel, duration_text, field, time_text


class ContactsTableModel(RecordTableModel):
    """One row per contact: time, channel, queue, wait, talk, outcome, masked customer."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = self.make_columns()

    def _yes_no(self, value: Any) -> str:
        if value is None:
            return ""
        return self.tr("yes") if value else self.tr("no")

    def make_columns(self) -> list[Column]:
        return [
            field("started_at", self.tr("Time"), text=time_text),
            field("channel", self.tr("Channel")),
            field("queue", self.tr("Queue")),
            field("wait_s", self.tr("Wait"), numeric=True, text=duration_text),
            field("answered", self.tr("Answered"), text=self._yes_no),
            field("talk_s", self.tr("Talk"), numeric=True, text=duration_text),
            field("acw_s", self.tr("After-call work"), numeric=True, text=duration_text),
            field("resolved", self.tr("Resolved"), text=self._yes_no),
            field("csat_score", self.tr("Satisfaction"), numeric=True),
            field("complaint", self.tr("Complaint"), text=self._yes_no),
            field("customer_masked", self.tr("Customer (masked)")),
        ]


class AbandonedTableModel(RecordTableModel):
    """One row per abandoned contact: time, queue, channel, wait, masked customer."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = [
            field("started_at", self.tr("Time"), text=time_text),
            field("queue", self.tr("Queue")),
            field("channel", self.tr("Channel")),
            field("wait_s", self.tr("Waited before hanging up"), numeric=True, text=duration_text),
            field("customer_masked", self.tr("Customer (masked)")),
            field("contact_id", self.tr("Contact ID")),
        ]


class ImportHistoryModel(RecordTableModel):
    """One row per imported file."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = [
            field("imported_at", self.tr("Imported"), text=time_text),
            field("file_name", self.tr("File"), tooltip=lambda r: r.get("path")),
            Column("kind", self.tr("Kind"), lambda r: r.get("kind"), text=self.kind_text),
            field("rows", self.tr("Rows"), numeric=True),
            field("rejected", self.tr("Rejected rows"), numeric=True),
            field("sheet", self.tr("Sheet")),
            field("imported_by", self.tr("By")),
            field("kind_reason", self.tr("Why this kind"), tooltip=lambda r: r.get("kind_reason")),
        ]

    def kind_text(self, kind: Any) -> str:
        names = {
            "contacts": self.tr("contacts"),
            "intervals": self.tr("interval summaries"),
            "agent_states": self.tr("agent states"),
            "bot_sessions": self.tr("bot sessions"),
            "campaigns": self.tr("campaign touches"),
            "quality": self.tr("quality inspections"),
            "dnc": self.tr("do-not-call list"),
        }
        return names.get(kind, kind or "")


class RejectsModel(RecordTableModel):
    """One row per rejected row of a file: where it was and why."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent)
        self._columns = [
            field("sheet", self.tr("Sheet")),
            field("row_number", self.tr("Row"), numeric=True),
            field("column_name", self.tr("Column")),
            field("reason", self.tr("Reason"), tooltip=lambda r: r.get("reason")),
            field("value", self.tr("Value")),
        ]
