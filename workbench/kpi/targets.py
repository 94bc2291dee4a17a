"""Target profiles, their history in the store, judging a value against a target, and the formula
options (``KpiOptions``) saved in the store.

A profile is a full snapshot of targets. Saving one writes a new version (tables ``targets`` and
``target_versions`` of migration 002) with when, who (the OS user) and a note; nothing is ever
overwritten. Version 0 is the catalogue's built-in defaults, used while nothing has been saved.

Target expressions (command line, profile files):
    ``>=0.94``  ``≥94%``  ``<=15``  ``0.75-0.90`` (a band; ``–`` works too), each optionally
    followed by ``~0.02``, the at-risk margin in the indicator's unit; ``none`` removes a target.
    A ``%`` after a number divides it by 100.
Profile files are TOML or JSON: ``[targets]`` / ``{"targets": {...}}`` mapping an indicator id to
an expression string (or to a table with ``op``, ``low``, ``high``, ``at_risk_margin``).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from workbench.domain import KpiOptions, Status, Target
from workbench.errors import InputRejected, UsageError
from workbench.i18n import _
from workbench.io_safety import atomic_write_text
from workbench.kpi import catalogue, rollup

OPTIONS_KEY = "kpi_options"
_EPS = 1e-9


@dataclass(frozen=True)
class TargetProfile:
    """The targets in force: ``version`` 0 means the built-in defaults (nothing saved yet)."""

    version: int
    targets: dict[str, Target]

    def get(self, kpi_id: str) -> Target | None:
        return self.targets.get(kpi_id)


# ---- judging ----------------------------------------------------------------------------------
def status_of(value: float | None, target: Target | None) -> Status:
    """met / at_risk / missed for a value against a target; no_data without value or target.

    At risk: the value meets the target but lies within ``at_risk_margin`` of failing it.
    """
    if value is None or target is None:
        return "no_data"
    margin = target.at_risk_margin or 0.0
    if target.op == ">=":
        if target.low is None:
            return "no_data"
        if value < target.low - _EPS:
            return "missed"
        return "at_risk" if margin and value < target.low + margin - _EPS else "met"
    if target.op == "<=":
        if target.high is None:
            return "no_data"
        if value > target.high + _EPS:
            return "missed"
        return "at_risk" if margin and value > target.high - margin + _EPS else "met"
    low, high = target.low, target.high
    if low is None or high is None:
        return "no_data"
    if value < low - _EPS or value > high + _EPS:
        return "missed"
    if margin and (value < low + margin - _EPS or value > high - margin + _EPS):
        return "at_risk"
    return "met"


# ---- expressions ------------------------------------------------------------------------------
_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)%?"
_EXPR = re.compile(
    rf"^\s*(?:(?P<op>>=|<=|≥|≤|=>|=<)\s*(?P<x>{_NUM})|(?P<a>{_NUM})\s*(?:-|–|—|~|\.\.)\s*(?P<b>{_NUM}))"
    rf"\s*(?:[~±]\s*(?P<m>{_NUM}))?\s*$"
)
_NONE_WORDS = {"none", "-", "", "null", "无"}


def _number(text: str) -> float:
    text = text.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def parse_target(kpi_id: str, expr: str) -> Target | None:
    """Parse ``>=0.94``, ``<=15``, ``0.75-0.90`` with an optional ``~margin``; None for ``none``.

    Raises ``UsageError`` for anything else.
    """
    if expr.strip().lower() in _NONE_WORDS:
        return None
    # "0.75-0.90~0.02": the band regex would read "-0.90" greedily otherwise; it does not,
    # because a band needs its own separator; a leading minus on the low end is allowed.
    match = _EXPR.match(expr.replace(" ", ""))
    if not match:
        raise UsageError(
            _("'{expr}' is not a target for {kpi_id}").format(expr=expr, kpi_id=kpi_id),
            hint=_(
                "write >=0.94, <=15 or 0.75-0.90, optionally followed by ~0.02 (at-risk margin)"
            ),
        )
    margin = _number(match["m"]) if match["m"] else None
    if margin is not None and margin < 0:
        raise UsageError(
            _("'{expr}': the at-risk margin cannot be negative").format(expr=expr),
            hint=_("write ~0.02"),
        )
    if match["op"]:
        x = _number(match["x"])
        if match["op"] in (">=", "≥", "=>"):
            return Target(kpi_id, ">=", low=x, at_risk_margin=margin)
        return Target(kpi_id, "<=", high=x, at_risk_margin=margin)
    a, b = _number(match["a"]), _number(match["b"])
    if a > b:
        raise UsageError(
            _("'{expr}': the band's low end is above its high end").format(expr=expr),
            hint=_("write low-high"),
        )
    return Target(kpi_id, "band", low=a, high=b, at_risk_margin=margin)


def format_target(target: Target | None) -> str:
    """The expression ``parse_target`` reads back: ``>=0.94~0.02``, ``0.75-0.9``, ``none``."""
    if target is None:
        return "none"
    if target.op == ">=":
        text = f">={target.low:g}"
    elif target.op == "<=":
        text = f"<={target.high:g}"
    else:
        text = f"{target.low:g}-{target.high:g}"
    if target.at_risk_margin:
        text += f"~{target.at_risk_margin:g}"
    return text


# ---- profiles in the store --------------------------------------------------------------------
def default_profile() -> TargetProfile:
    """Version 0: the catalogue's defaults."""
    return TargetProfile(0, catalogue.default_targets())


def current_profile(con: Any) -> TargetProfile:
    """The latest saved profile, or the built-in defaults (version 0) when none was saved."""
    row = con.execute("SELECT max(version) FROM target_versions").fetchone()
    if row is None or row[0] is None:
        return default_profile()
    return profile_version(con, int(row[0]))


def profile_version(con: Any, version: int) -> TargetProfile:
    """One saved version (0 = the defaults)."""
    if version == 0:
        return default_profile()
    rows = con.execute(
        "SELECT kpi_id, op, low, high, at_risk_margin FROM targets WHERE version = ? "
        "ORDER BY kpi_id",
        [version],
    ).fetchall()
    targets = {
        kpi_id: Target(kpi_id, op, low=low, high=high, at_risk_margin=margin)
        for kpi_id, op, low, high, margin in rows
    }
    return TargetProfile(version, targets)


def save_profile(
    con: Any, targets: dict[str, Target], *, note: str = "", user: str | None = None
) -> int:
    """Store ``targets`` as a new version (a full snapshot); returns the new version number."""
    from workbench.store import current_user

    for kpi_id, target in targets.items():
        catalogue.get(kpi_id)  # unknown ids are a bug in the caller
        if target.kpi_id != kpi_id:
            raise ValueError(f"target for {target.kpi_id} filed under {kpi_id}")
    user = user or current_user()
    # No BEGIN here: the caller may already hold a transaction (store.transaction), and DuckDB
    # cannot tell us. Instead every write is one atomic statement: the snapshot rows first, then
    # the version row that makes them visible (readers look for max(version) in
    # target_versions, so they never see a half-written version).
    version = con.execute(
        "SELECT greatest((SELECT coalesce(max(version), 0) FROM target_versions), "
        "(SELECT coalesce(max(version), 0) FROM targets)) + 1"
    ).fetchone()[0]
    if targets:
        rows = [
            [version, t.kpi_id, t.op, t.low, t.high, t.at_risk_margin] for t in targets.values()
        ]
        placeholders = ", ".join("(?, ?, ?, ?, ?, ?)" for _ in rows)
        con.execute(f"INSERT INTO targets VALUES {placeholders}", [x for row in rows for x in row])
    try:
        con.execute(
            "INSERT INTO target_versions VALUES (?, ?, ?, ?)",
            [version, datetime.now(), user, note],
        )
    except BaseException:
        con.execute("DELETE FROM targets WHERE version = ?", [version])
        raise
    _audit(
        con,
        "target_change",
        {
            "version": int(version),
            "note": note,
            "targets": {t.kpi_id: format_target(t) for t in targets.values()},
        },
    )
    return int(version)


def _audit(con: Any, event: str, details: dict) -> None:
    """One entry in the store's audit log (``workbench.store.audit``)."""
    from workbench.store import audit

    audit.record(con, event, details)


def profile_history(con: Any) -> list[dict]:
    """Every saved version, newest first: version, changed_at, changed_by, note, changes.

    ``changes`` lists ``{"kpi_id", "old", "new"}`` (target expressions, ``none`` when absent)
    against the previous version (version 0, the defaults, for the first one).
    """
    versions = con.execute(
        "SELECT version, changed_at, changed_by, note FROM target_versions ORDER BY version"
    ).fetchall()
    history = []
    previous = default_profile()
    for version, changed_at, changed_by, note in versions:
        profile = profile_version(con, version)
        changes = []
        for kpi_id in catalogue.ids():
            old, new = previous.get(kpi_id), profile.get(kpi_id)
            if old != new:
                changes.append(
                    {"kpi_id": kpi_id, "old": format_target(old), "new": format_target(new)}
                )
        history.append(
            {
                "version": version,
                "changed_at": changed_at,
                "changed_by": changed_by,
                "note": note or "",
                "changes": changes,
            }
        )
        previous = profile
    history.reverse()
    return history


# ---- options ----------------------------------------------------------------------------------
_SL_DENOMINATORS = ("offered", "answered", "offered_minus_short")


OPTION_NAMES = ("sl_threshold_s", "short_abandon_s", "sl_denominator", "fcr_window_h")


def load_options(con: Any) -> KpiOptions:
    """The formula options in force: the newest saved version (``option_versions``), else
    the first version's setting ``kpi_options``, else the defaults."""
    row = con.execute(
        "SELECT options FROM option_versions ORDER BY version DESC LIMIT 1"
    ).fetchone()
    if not row:
        row = con.execute("SELECT value FROM settings WHERE key = ?", [OPTIONS_KEY]).fetchone()
    if not row:
        return KpiOptions()
    data = json.loads(row[0]) if isinstance(row[0], str) else dict(row[0])
    return _options_from(data)


def _options_from(data: dict) -> KpiOptions:
    defaults = KpiOptions()
    sl_den = data.get("sl_denominator", defaults.sl_denominator)
    if sl_den not in _SL_DENOMINATORS:
        sl_den = defaults.sl_denominator
    return KpiOptions(
        sl_threshold_s=int(data.get("sl_threshold_s", defaults.sl_threshold_s)),
        short_abandon_s=int(data.get("short_abandon_s", defaults.short_abandon_s)),
        sl_denominator=sl_den,
        fcr_window_h=int(data.get("fcr_window_h", defaults.fcr_window_h)),
    )


def save_options(con: Any, options: KpiOptions, *, user: str | None = None) -> int:
    """Save the formula options as a new version (kept with who and when, like targets);
    returns the version number. One statement: a half-saved version cannot exist."""
    from workbench.store import current_user

    check_options(options)
    version = con.execute(
        "INSERT INTO option_versions SELECT coalesce(max(version), 0) + 1, ?, ?, ? "
        "FROM option_versions RETURNING version",
        [datetime.now(), user or current_user(), json.dumps(asdict(options))],
    ).fetchone()[0]
    _audit(con, "option_change", {"version": int(version), **asdict(options)})
    rollup.rebuild(con, options)  # its terms are summed under the options in force
    return int(version)


def set_option(options: KpiOptions, name: str, value: str) -> KpiOptions:
    """``options`` with ``name`` set from its text (``UsageError`` naming what is allowed)."""
    if name not in OPTION_NAMES:
        raise UsageError(
            _("unknown option '{name}'").format(name=name),
            hint=_("one of: {names}").format(names=", ".join(OPTION_NAMES)),
        )
    if name == "sl_denominator":
        new = replace(options, sl_denominator=value)  # type: ignore[arg-type]
    else:
        try:
            number = int(value)
        except ValueError as exc:
            raise UsageError(
                _("{name}: '{value}' is not a whole number").format(name=name, value=value),
                hint=_("e.g. 20"),
            ) from exc
        new = replace(options, **{name: number})
    check_options(new)
    return new


def option_history(con: Any) -> list[dict]:
    """Every saved version of the options, newest first."""
    rows = con.execute(
        "SELECT version, changed_at, changed_by, options FROM option_versions "
        "ORDER BY version DESC"
    ).fetchall()
    return [
        {"version": v, "changed_at": at, "changed_by": by, "options": json.loads(o)}
        for v, at, by, o in rows
    ]


def check_options(options: KpiOptions) -> None:
    """``UsageError`` for options no formula accepts."""
    if options.sl_threshold_s <= 0:
        raise UsageError(
            _("the service-level threshold must be positive"), hint=_("e.g. 20 (seconds)")
        )
    if options.short_abandon_s < 0:
        raise UsageError(
            _("the short-abandon threshold cannot be negative"), hint=_("0 switches it off")
        )
    if options.fcr_window_h <= 0:
        raise UsageError(
            _("the repeat-contact window must be positive"), hint=_("e.g. 24 (hours)")
        )
    if options.sl_denominator not in _SL_DENOMINATORS:
        raise UsageError(
            _("unknown service-level denominator '{value}'").format(value=options.sl_denominator),
            hint=_("choose one of {choices}").format(choices=", ".join(_SL_DENOMINATORS)),
        )


# ---- files ------------------------------------------------------------------------------------
def profile_to_data(targets: dict[str, Target]) -> dict:
    """``{"targets": {id: expression}}`` in catalogue order, as written to TOML / JSON."""
    order = {kpi_id: i for i, kpi_id in enumerate(catalogue.ids())}
    ordered = sorted(targets.values(), key=lambda t: order.get(t.kpi_id, len(order)))
    return {"targets": {t.kpi_id: format_target(t) for t in ordered}}


def defaults_toml() -> str:
    """The text of ``resources/targets/defaults.toml``, generated from the catalogue."""
    header = (
        "# Workbench default target profile (version 0), generated from\n"
        "# workbench/kpi/catalogue.py (`workbench targets save FILE` on a fresh store writes\n"
        "# the same). Edit a copy and load it with\n"
        "# `workbench targets load FILE`. Syntax: >=0.94, <=15, 0.75-0.90, optional ~margin.\n"
        "# These defaults are drawn from industry figures, not from the standard's text:\n"
        "# set the bank's own.\n"
    )
    return header + tomli_w.dumps(profile_to_data(catalogue.default_targets()))


def write_profile_file(path: str | Path, targets: dict[str, Target]) -> Path:
    """Write a profile as TOML (``.toml``) or JSON (``.json``)."""
    path = Path(path)
    data = profile_to_data(targets)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif path.suffix.lower() == ".toml":
        text = tomli_w.dumps(data)
    else:
        raise UsageError(
            _("{path}: unknown profile format").format(path=path),
            hint=_("use a .toml or .json file"),
        )
    try:
        # All or nothing: a full disk must not leave last year's file half overwritten.
        atomic_write_text(path, text)
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot write ({reason})").format(path=path, reason=exc.strerror),
            hint=_("choose another path"),
        ) from exc
    return path


def read_profile_file(path: str | Path) -> dict[str, Target]:
    """Read a TOML or JSON profile file; ``InputRejected`` naming the entry that is wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputRejected(
            _("cannot read ({reason})").format(reason=exc.strerror),
            file=path,
            hint=_("check the path"),
        ) from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8-sig"))
        else:
            data = tomllib.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputRejected(
            _("not a valid {format} file ({reason})").format(
                format="JSON" if path.suffix.lower() == ".json" else "TOML", reason=exc
            ),
            file=path,
            hint=_("see `workbench targets --help` for the format"),
        ) from exc
    if not isinstance(data, dict):
        raise InputRejected(
            _("expected a table of targets"), file=path, hint='{"targets": {...}}'
        )
    entries = data.get("targets", data)
    if not isinstance(entries, dict):
        raise InputRejected(
            _("'targets' must be a table"), file=path, hint='[targets] id = ">=0.9"'
        )
    targets: dict[str, Target] = {}
    known = set(catalogue.ids())
    for kpi_id, entry in entries.items():
        if kpi_id not in known:
            raise InputRejected(
                _("unknown indicator '{kpi_id}'").format(kpi_id=kpi_id),
                file=path,
                hint=_("known ids: {ids}").format(ids=", ".join(catalogue.ids())),
            )
        try:
            target = _entry_target(kpi_id, entry)
        except (UsageError, ValueError, TypeError) as exc:
            message = exc.message if isinstance(exc, UsageError) else str(exc)
            raise InputRejected(
                f"{kpi_id}: {message}", file=path, hint=_("write >=0.94, <=15 or 0.75-0.90")
            ) from exc
        if target is not None:
            targets[kpi_id] = target
    return targets


def _entry_target(kpi_id: str, entry: Any) -> Target | None:
    if isinstance(entry, str):
        return parse_target(kpi_id, entry)
    if isinstance(entry, dict):
        op = entry.get("op")
        if op not in (">=", "<=", "band"):
            raise ValueError(_("op must be '>=', '<=' or 'band', not {op}").format(op=repr(op)))
        low = _opt_float(entry.get("low"))
        high = _opt_float(entry.get("high"))
        if (op in (">=", "band") and low is None) or (op in ("<=", "band") and high is None):
            raise ValueError(_("missing low/high"))
        return Target(
            kpi_id, op, low=low, high=high, at_risk_margin=_opt_float(entry.get("at_risk_margin"))
        )
    raise ValueError(_("expected an expression string, not {entry}").format(entry=repr(entry)))


def _opt_float(x: Any) -> float | None:
    return None if x is None else float(x)


def copy_profile(source: Any, target: Any) -> None:
    """Give the store ``target`` the current target profile and options of ``source`` (both
    ``Store``s): a monthly file opened beside the store is judged by the same targets."""
    con = source.cursor()
    try:
        with source.in_use(con):
            tables = ("targets", "target_versions")
            rows = {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
            options = con.execute(
                "SELECT key, value FROM settings WHERE key LIKE 'kpi%' OR key = 'centre_name'"
            ).fetchall()
    finally:
        con.close()
    with target.transaction() as tcon:
        for table, values in rows.items():
            tcon.execute(f"DELETE FROM {table}")
            if values:
                marks = ", ".join("?" * len(values[0]))
                tcon.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
        for key, value in options:
            tcon.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])
        rollup.ensure(tcon)  # the options may have changed
