"""Bulk coercion of a sheet's text cells into typed field values, in DuckDB.

The common forms are converted by SQL over the whole column (the fast paths of each field's
``plans.Plan``: ``TRY_CAST`` to numbers and timestamps, Excel serials); every other
*distinct* text goes once through the Python parsers of ``workbench.readers.values`` and is
joined back. Both paths follow the same rules, so the result does not depend on which one a
cell took; the SQL path is there for speed (hundreds of thousands of rows per second).

The result is a temporary table ``wb_typed`` on the given connection: ``rn`` (the row number
the user sees), one ``v_<field>`` column per mapped field (plus ``csat``/``personal`` parts),
and ``err_field`` / ``err_reason`` / ``err_value`` for the first problem of a row.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Generator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from workbench.i18n import _
from workbench.importing.options import ImportOptions
from workbench.importing.plans import Plan, field_plan
from workbench.importing.stage import (
    NUMERIC_TYPES,
    STAMP_TYPES,
    Coerced,
    sql_text,
    typed_cell,
)
from workbench.readers import values as V
from workbench.readers.headers import KIND_FIELDS, FieldSpec, Header, Mapping
from workbench.store.sql import quote

_COUNT_WORDS = ("量", "数", "calls", "count", "number", "num")
_PCT_WORDS = ("水平", "率", "level", "sl", "%", "pct", "percent")


# What a field asks of the staged rows: the distinct texts of ``x`` (SQL over ``wb_stage s``)
# where ``present`` (default ``x``) is not NULL and the SQL fast path ``fast`` gives NULL
_Wanted = tuple[str, "str | None", "str | None"]


def _all_leftovers(
    con: duckdb.DuckDBPyConnection, wanted: list[_Wanted | None]
) -> list[list[str]]:
    """The distinct texts each field asks for (``_Wanted``), in one scan of the staged rows
    (a scan per field was a tenth of a small file's import); ``None`` asks for nothing
    (gives ``[]``)."""
    lists = []
    for item in wanted:
        if item is None:
            continue
        x, fast, present = item
        cond = f"({fast}) IS NULL" if fast else "TRUE"
        lists.append(f"list(DISTINCT {x}) FILTER (WHERE {present or x} IS NOT NULL AND {cond})")
    row = con.execute(f"SELECT {', '.join(lists)} FROM wb_stage s").fetchall()[0] if lists else ()
    found = iter(row)
    return [[] if item is None else list(next(found) or ()) for item in wanted]


def _register_map(
    con: duckdb.DuckDBPyConnection,
    name: str,
    rows: dict[str, Any],
    schema: list[tuple[str, pa.DataType]],
) -> None:
    keys = list(rows)
    arrays = [pa.array(keys, type=pa.string())]
    for i, (_name, typ) in enumerate(schema):
        arrays.append(pa.array([rows[k][i] for k in keys], type=typ))
    table = pa.Table.from_arrays(arrays, names=["k"] + [n for n, _typ in schema])
    # A temporary table, not a registered Arrow table: DuckDB then knows the map is small and
    # builds the join's hash table on it (on a registered table it built it on the sheet's
    # rows, which do not spill: "failed to pin block" under the staging memory limit)
    # the Arrow stream, not the table: it is read once here, and DuckDB scans a table by
    # way of pyarrow.dataset, whose import (with pyarrow.compute) costs ~0.1 s per process
    con.register(f"{name}_py", table.__arrow_c_stream__())
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_py")
    finally:
        con.unregister(f"{name}_py")


@dataclass
class _Select:
    """The pieces of the ``wb_typed`` query, gathered field by field."""

    selects: list[str] = field(default_factory=lambda: ["s.rn"])
    joins: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, SQL error expression)
    present: dict[str, str] = field(default_factory=dict)  # field → its non-NULL test column
    shown: dict[str, str] = field(default_factory=dict)  # field → its text (messages, rejects)
    maps: list[str] = field(default_factory=list)  # fields joined to a map table

    def join_map(self, name: str, x: str) -> None:
        """Join the field's map table ``wb_map_<name>`` on the cell's text ``x``."""
        self.joins.append(f"LEFT JOIN wb_map_{name} m_{name} ON {x} = m_{name}.k")
        self.maps.append(name)

    def map_error(self, name: str) -> None:
        """The field's problem is the map's error of a non-empty cell."""
        self.selects.append(f"m_{name}.e AS e_{name}")
        self.errors.append((name, f"CASE WHEN x_{name} IS NOT NULL THEN e_{name} END"))


def coerce(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    mapping: Mapping,
    headers: list[Header],
    personal_key: bytes,
    info: Coerced,
    options: ImportOptions | None = None,
) -> None:
    """Create ``wb_typed`` from ``wb_stage`` (see the module docstring)."""
    options = options or ImportOptions()
    q = _Select()
    # each field's handler is a generator: it yields the distinct texts it needs
    # (``_Wanted``), gets them from one scan for all fields, then adds its SQL, in field order
    handlers: list[Generator[_Wanted | None, list[str], None]] = []
    for spec in KIND_FIELDS[kind]:
        name = spec.name
        if name not in mapping.columns:
            continue
        header = headers[mapping.columns[name]]
        x = f"s.x_{name}"
        lazy = info.lazy.get(name)
        if lazy is None:
            q.selects.append(f"{x} AS x_{name}")
            q.present[name] = q.shown[name] = f"x_{name}"
        else:  # typed, staged without text: rendered only where needed
            q.selects.append(f"s.y_{name} AS y_{name}")
            q.present[name] = f"y_{name}"
            q.shown[name] = typed_cell(f"y_{name}", lazy)[0]
        if spec.type == "csat":
            handlers.append(_add_csat(con, q, name, x, header, options, info))
        elif spec.type == "personal":
            handlers.append(_add_personal(con, q, name, x, personal_key))
        elif spec.type == "sl":
            handlers.append(_add_sl(con, q, name, x, header, info))
        else:
            handlers.append(_add_parsed(con, q, spec, header, x, lazy, info))
    wanted = [next(handler) for handler in handlers]
    for handler, texts in zip(handlers, _all_leftovers(con, wanted), strict=True):
        with suppress(StopIteration):
            handler.send(texts)
            raise RuntimeError("a field's handler asked twice")  # pragma: no cover
    first_error = _first_error(kind, mapping, q)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE wb_typed AS SELECT COLUMNS('^(rn|v_.*)$'), "
        "_err.f AS err_field, _err.r AS err_reason, _err.v AS err_value FROM ("
        f"SELECT *, {first_error} AS _err FROM (SELECT {', '.join(q.selects)} "
        f"FROM wb_stage s {' '.join(q.joins)}))"
    )
    for name in q.maps:  # the maps made above (a statement each; drop_stage drops any left)
        con.execute(f"DROP TABLE IF EXISTS temp.wb_map_{name}")


def _add_csat(
    con: duckdb.DuckDBPyConnection,
    q: _Select,
    name: str,
    x: str,
    header: Header,
    options: ImportOptions,
    info: Coerced,
) -> Generator[_Wanted | None, list[str], None]:
    """Satisfaction: score, scale and satisfied (top two of the scale, or of the labels)."""
    texts = yield (x, None, None)
    top = _csat_map(con, name, x, f"wb_map_{name}", texts)
    scale = _csat_scale(header, top, options, info)
    info.csat_scale = scale
    q.selects += [
        f"m_{name}.score AS v_{name}_score",
        f"CASE WHEN m_{name}.score IS NOT NULL THEN {scale or 'NULL'} END AS v_{name}_scale",
        f"CASE WHEN m_{name}.score IS NOT NULL THEN m_{name}.score >= "
        f"{(scale or 5) - 1} WHEN m_{name}.rank IS NOT NULL THEN m_{name}.rank >= 4 END "
        f"AS v_{name}_satisfied",
    ]
    q.join_map(name, x)
    q.map_error(name)


def _add_personal(
    con: duckdb.DuckDBPyConnection, q: _Select, name: str, x: str, key: bytes
) -> Generator[_Wanted | None, list[str], None]:
    """A personal value: its keyed hash and masked form (``_personal_map``)."""
    texts = yield _personal_wanted(x)
    hashed, masked = _personal_map(con, x, f"wb_map_{name}", f"m_{name}", key, texts)
    q.selects += [f"{hashed} AS v_{name}_hash", f"{masked} AS v_{name}_masked"]
    q.join_map(name, x)


def _add_sl(
    con: duckdb.DuckDBPyConnection, q: _Select, name: str, x: str, header: Header, info: Coerced
) -> Generator[_Wanted | None, list[str], None]:
    """Answered within the service-level threshold: a count or a percentage of offered."""
    info.sl_threshold_s = header.threshold_s or 20
    texts = yield (x, None, None)
    as_percent = _sl_map(con, x, f"wb_map_{name}", header, texts)
    note = (
        _("'{header}' read as a percentage of offered, threshold {seconds} s")
        if as_percent
        else _("'{header}' read as a count, threshold {seconds} s")
    )
    info.notes.append(note.format(header=header.text, seconds=info.sl_threshold_s))
    q.selects += [f"m_{name}.n AS v_{name}_count", f"m_{name}.p AS v_{name}_pct"]
    q.join_map(name, x)
    q.map_error(name)


def _add_parsed(
    con: duckdb.DuckDBPyConnection,
    q: _Select,
    spec: FieldSpec,
    header: Header,
    x: str,
    lazy: pa.DataType | None,
    info: Coerced,
) -> Generator[_Wanted | None, list[str], None]:
    """Any other field: its SQL fast path, the Python parser for the distinct texts left
    over, and the plan's checks; the first problem becomes the field's error."""
    name = spec.name
    text_s = None if lazy is None else typed_cell(f"s.y_{name}", lazy)[0]
    plan, note = field_plan(con, spec, header, x, text_s)
    wanted: _Wanted | None = None
    if plan.parse is not None and text_s is not None:
        # a typed number or date always takes the fast path (a NaN cell, which Excel never
        # writes, is still rejected, as "cannot be read")
        assert lazy is not None
        number = pa.types.is_floating(lazy) or pa.types.is_integer(lazy)
        always = (number and spec.type in NUMERIC_TYPES) or (
            pa.types.is_timestamp(lazy) and spec.type in STAMP_TYPES
        )
        wanted = None if always else (text_s, plan.fast, f"s.y_{name}")
    elif plan.parse is not None:
        wanted = (x, plan.fast, None)
    leftovers = yield wanted
    if note:
        info.notes.append(note)
    if plan.parse is None:
        q.selects.append(f"{plan.fast} AS v_{name}")
        return
    if text_s is not None:
        x = text_s  # the map is keyed by the text
    if leftovers:
        _register_parsed(con, f"wb_map_{name}", leftovers, plan)
        q.join_map(name, x)
        value = f"coalesce({plan.fast or 'NULL'}, m_{name}.v)"
        map_error = f"m_{name}.e"
    else:
        value = plan.fast or "NULL"
        map_error = "NULL"
    vtype = {"timestamp[us]": "TIMESTAMP", "double": "DOUBLE", "bool": "BOOLEAN"}.get(
        str(plan.arrow_type), "VARCHAR"
    )
    q.selects.append(f"CAST({value} AS {vtype}) AS v_{name}")
    check_sql = " ".join(
        f"WHEN {_subst(cond, name)} THEN {_subst_x(reason, q.shown[name])}"
        for cond, reason in plan.checks
    )
    # the reason of a cell no parser understands; {value} is the cell's text in SQL
    unreadable = sql_text(_("'{value}' cannot be read"), "{value}")
    q.errors.append(
        (
            name,
            f"CASE WHEN {q.present[name]} IS NULL THEN NULL WHEN v_{name} IS NULL THEN "
            f"coalesce(e_{name}, {unreadable.format(value=q.shown[name])}) "
            f"{check_sql} END",
        )
    )
    q.selects.append(f"{map_error} AS e_{name}")


def _register_parsed(
    con: duckdb.DuckDBPyConnection, mname: str, texts: list[str], plan: Plan
) -> None:
    """Parse each distinct text with the plan's parser; register text → (value, reason)."""
    parsed: dict[str, tuple[Any, str | None]] = {}
    for text in texts:
        try:
            parsed[text] = (plan.parse(text), None)
        except V.BadValue as exc:
            parsed[text] = (None, exc.message)
    _register_map(con, mname, parsed, [("v", plan.arrow_type), ("e", pa.string())])


def _first_error(kind: str, mapping: Mapping, q: _Select) -> str:
    """SQL for the first problem of a row (field, reason, text): required cells, then each
    field's own problem; NULL when the row has none."""
    required: list[tuple[str, str]] = []
    for spec in KIND_FIELDS[kind]:
        if spec.required and spec.name in mapping.columns:
            required.append(
                (
                    spec.name,
                    f"CASE WHEN {q.present[spec.name]} IS NULL THEN "
                    f"{quote(_('missing {field}').format(field=spec.name))} END",
                )
            )
        elif spec.required and spec.alternative in mapping.columns:
            alt = spec.alternative
            missing = quote(_("missing {field}").format(field=alt))
            required.append((alt, f"CASE WHEN {q.present[alt]} IS NULL THEN {missing} END"))
    err_exprs = required + q.errors
    if not err_exprs:
        return "NULL"
    return (
        "CASE "
        + " ".join(
            f"WHEN ({e}) IS NOT NULL THEN {{'f': {quote(n)}, 'r': ({e}), 'v': {q.shown[n]}}}"
            for n, e in err_exprs
        )
        + " END"
    )


def _subst(cond: str, name: str) -> str:
    return re.sub(r"\bv\b", f"v_{name}", cond)


def _subst_x(reason: str, text: str) -> str:
    return re.sub(r"\bx\b", lambda _: text, reason)


def _csat_scale(
    header: Header, top: float | None, options: ImportOptions, info: Coerced
) -> int | None:
    """The satisfaction scale: declared (``--csat-scale``), else from the header ("(1-10)",
    "10分制"), else guessed from the largest value — which the summary warns about."""
    declared = options.csat_scale
    if declared == "labels":
        return None
    if declared in ("5", "10"):
        info.notes.append(
            _("'{header}' read on a 1–{scale} scale (as declared)").format(
                header=header.text, scale=declared
            )
        )
        return int(declared)
    if header.scale:
        info.notes.append(
            _("'{header}' read on a 1–{scale} scale (from its header)").format(
                header=header.text, scale=header.scale
            )
        )
        return header.scale
    scale = V.csat_scale(top)
    if scale:
        info.warnings.append(
            _(
                "'{header}': the satisfaction scale was guessed from the values (largest "
                "{top:g}: 1–{scale}) — declare it in the mapping dialog or with "
                "--csat-scale 5|10|labels"
            ).format(header=header.text, top=top, scale=scale)
        )
    return scale


def _csat_map(
    con: duckdb.DuckDBPyConnection, name: str, x: str, mname: str, texts: list[str]
) -> float | None:
    """Register the map text → (score, label rank, error) of the distinct ``texts`` of ``x``;
    returns the largest score."""
    parsed: dict[str, tuple[Any, ...]] = {}
    top = None
    for text in texts:
        try:
            value = V.parse_csat(text)
        except V.BadValue as exc:
            parsed[text] = (None, None, exc.message)
            continue
        parsed[text] = (value.score, value.label_rank, None)
        if value.score is not None:
            top = value.score if top is None else max(top, value.score)
    _register_map(
        con, mname, parsed, [("score", pa.float64()), ("rank", pa.int64()), ("e", pa.string())]
    )
    return top


def _personal_wanted(x: str) -> _Wanted:
    """The personal texts that are not ASCII digits only (``_personal_map``)."""
    return (x, f"CASE WHEN {_digits(x)} THEN TRUE END", None)


def _digits(x: str) -> str:
    return f"regexp_full_match({x}, '[0-9]+')"


def _personal_map(
    con: duckdb.DuckDBPyConnection,
    x: str,
    mname: str,
    alias: str,
    key: bytes,
    texts: list[str] | None = None,
) -> tuple[str, str]:
    """The SQL of the keyed hash and of the masked form of the personal value ``x``.

    Values of ASCII digits only (phone and id numbers: nearly all of them) are hashed by
    DuckDB row by row, with the same HMAC-SHA256 (RFC 2104: the key's inner and outer pads)
    and the same normalisation and mask as ``values.hash_personal`` / ``mask_personal``; every
    other distinct text goes through those Python functions into the table ``mname``, joined
    as ``alias`` on the text. Hashing in the row costs no more than hashing the distinct
    values (phone numbers are nearly all distinct) and spares a join on a table as large as
    the file, which held hundreds of megabytes at a million rows.
    """
    digits = _digits(x)
    if texts is None:  # ``_personal_wanted``'s texts, read here when not given
        texts = _all_leftovers(con, [_personal_wanted(x)])[0]
    hashes, masks = V.hash_and_mask(texts, key)
    rows = dict(zip(texts, zip(hashes, masks, strict=True), strict=True))
    _register_map(con, mname, rows, [("h", pa.string()), ("m", pa.string())])
    block = 64  # SHA-256's block size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    # the pads as BLOB literals: ``unhex('…')`` of a constant was evaluated again for every
    # row (about a sixth of the hash's time)
    inner = _blob_literal(bytes(b ^ 0x36 for b in key))
    outer = _blob_literal(bytes(b ^ 0x5C for b in key))
    # personal_key of digits: '86' + 11 digits loses the country code
    p = f"(CASE WHEN length({x}) = 13 AND starts_with({x}, '86') THEN {x}[3:] ELSE {x} END)"
    hashed = (
        f"left(sha256({outer} || unhex(sha256({inner} || encode({p})))), "
        f"{V.HASH_HEX_DIGITS})"
    )
    mask = (
        f"CASE WHEN length({p}) = 11 AND starts_with({p}, '1') THEN {p}[:3] || '****' || "
        f"{p}[-4:] WHEN length({p}) <= 4 THEN {p}[1] || repeat('*', length({p}) - 1) "
        f"ELSE {p}[:2] || repeat('*', length({p}) - 4) || {p}[-2:] END"
    )
    return (
        f"CASE WHEN {digits} THEN {hashed} ELSE {alias}.h END",
        f"CASE WHEN {digits} THEN {mask} ELSE {alias}.m END",
    )


def _blob_literal(data: bytes) -> str:
    """SQL: ``data`` as a BLOB constant."""
    return "'" + "".join(f"\\x{b:02X}" for b in data) + "'::BLOB"


def _sl_map(
    con: duckdb.DuckDBPyConnection,
    x: str,
    mname: str,
    header: Header,
    texts: list[str],
) -> bool:
    """Map answered-in-SL texts (the distinct ``texts`` of ``x``) to a count or a fraction;
    True when read as percentages."""
    numbers: dict[str, float] = {}
    errors: dict[str, str] = {}
    any_percent_sign = False
    for text in texts:
        s = V.clean(text)
        if s.endswith("%"):
            any_percent_sign = True
            continue
        try:
            numbers[text] = V.parse_number(s)
        except V.BadValue as exc:
            errors[text] = exc.message
    top = max(numbers.values(), default=0.0)
    fractional = any(abs(v - round(v)) > 1e-9 for v in numbers.values())
    key = header.key
    count_words = any(w in key for w in _COUNT_WORDS)
    pct_words = any(w in key for w in _PCT_WORDS)
    percent = (
        header.unit == "%"
        or any_percent_sign
        or (top <= 1 and fractional)
        or (pct_words and not count_words and top <= 100)
    )
    parsed: dict[str, tuple[Any, ...]] = {}
    for text in texts:
        if text in errors:
            parsed[text] = (None, None, errors[text])
            continue
        try:
            if percent:
                points = top > 1
                parsed[text] = (None, V.parse_percent(text, points=points), None)
            else:
                parsed[text] = (V.parse_count(text), None, None)
        except V.BadValue as exc:
            parsed[text] = (None, None, exc.message)
    _register_map(con, mname, parsed, [("n", pa.int64()), ("p", pa.float64()), ("e", pa.string())])
    return percent
