"""The contact rules of outbound calling, versioned like the target profile.

A version is a full snapshot (JSON) in ``contact_rules``; version 0 is ``ContactRules()``'s
defaults. Saving a version records a ``contact_rules_change`` entry in the audit log and
re-flags every stored touch (``evaluate.refresh``).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from workbench.errors import UsageError
from workbench.i18n import _

_HHMM = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")

RULE_IDS: tuple[str, ...] = (
    "calling_window",
    "frequency_day",
    "frequency_7d",
    "frequency_30d",
    "after_refusal",
    "dnc",
)


@dataclass(frozen=True)
class ContactRules:
    """What a compliant outbound touch respects. Windows are "HH:MM-HH:MM" or "" (no calls)."""

    weekday_window: str = "09:00-20:00"
    weekend_window: str = "09:00-20:00"
    holiday_window: str = "09:00-20:00"
    holidays: tuple[str, ...] = field(default_factory=tuple)  # ISO dates
    max_per_day: int = 2
    max_per_7d: int = 4
    max_per_30d: int = 8
    quiet_days_after_refusal: int = 30

    def window(self, day_type: str) -> tuple[str, str] | None:
        """(start, end) of the calling window for "weekday", "weekend" or "holiday"."""
        text = getattr(self, f"{day_type}_window")
        if not text:
            return None
        start, _sep, end = text.partition("-")
        return start, end

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["holidays"] = list(self.holidays)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContactRules:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "holidays" in values:
            values["holidays"] = tuple(values["holidays"])
        return cls(**values)


def check_rules(rules: ContactRules) -> None:
    """``UsageError`` on a window that is not HH:MM-HH:MM, a bad date or a negative limit."""
    for day_type in ("weekday", "weekend", "holiday"):
        text = getattr(rules, f"{day_type}_window")
        if not text:
            continue
        start, _sep, end = text.partition("-")
        if not (_HHMM.match(start) and _HHMM.match(end)) or start >= end:
            raise UsageError(
                _("calling window '{text}' is not HH:MM-HH:MM").format(text=text),
                hint=_("write it like 09:00-20:00, or leave it empty for no calls"),
            )
    for day in rules.holidays:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise UsageError(
                _("holiday '{day}' is not a date").format(day=day),
                hint=_("write dates as YYYY-MM-DD"),
            ) from None
    for name in ("max_per_day", "max_per_7d", "max_per_30d", "quiet_days_after_refusal"):
        if int(getattr(rules, name)) < 0:
            raise UsageError(
                _("{name} must be 0 or more").format(name=name), hint=_("give a whole number")
            )


def with_setting(rules: ContactRules, key: str, value: str) -> ContactRules:
    """``rules`` with one setting changed from text (``--set-rule KEY=VALUE``)."""
    types = {f.name: f.type for f in fields(ContactRules)}
    if key not in types:
        raise UsageError(
            _("unknown contact rule '{key}'").format(key=key),
            hint=_("one of: {names}").format(names=", ".join(types)),
        )
    if key == "holidays":
        parsed: Any = tuple(d.strip() for d in value.split(",") if d.strip())
    elif key.endswith("_window"):
        parsed = value.strip()
    else:
        try:
            parsed = int(value)
        except ValueError:
            raise UsageError(
                _("{key} needs a whole number, not '{value}'").format(key=key, value=value),
                hint=_("give a whole number"),
            ) from None
    new = replace(rules, **{key: parsed})
    check_rules(new)
    return new


def current_rules(con: Any) -> tuple[int, ContactRules]:
    """(version, rules) of the latest saved version, or (0, defaults)."""
    row = con.execute(
        "SELECT version, rules FROM contact_rules ORDER BY version DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return 0, ContactRules()
    return int(row[0]), ContactRules.from_json(json.loads(row[1]))


def save_rules(con: Any, rules: ContactRules, *, note: str = "", user: str | None = None) -> int:
    """Store ``rules`` as a new version, log it, re-flag the touches; the new version number."""
    from workbench.compliance.evaluate import refresh
    from workbench.store import audit, current_user

    check_rules(rules)
    old_version, old = current_rules(con)
    version = old_version + 1
    con.execute(
        "INSERT INTO contact_rules VALUES (?, ?, ?, ?, ?)",
        [version, json.dumps(rules.to_json()), datetime.now(), user or current_user(), note],
    )
    changes = {
        k: {"old": v, "new": rules.to_json()[k]}
        for k, v in old.to_json().items()
        if rules.to_json()[k] != v
    }
    audit.record(con, "contact_rules_change", {"version": version, "changes": changes})
    refresh(con)
    return version


def rules_history(con: Any) -> list[dict[str, Any]]:
    """Every saved version, newest first."""
    rows = con.execute(
        "SELECT version, rules, changed_at, changed_by, note FROM contact_rules "
        "ORDER BY version DESC"
    ).fetchall()
    return [
        {
            "version": v,
            "rules": json.loads(r),
            "changed_at": at.isoformat(sep=" "),
            "changed_by": by,
            "note": note,
        }
        for v, r, at, by, note in rows
    ]
