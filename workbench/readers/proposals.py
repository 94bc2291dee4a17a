"""Columns proposed for a missing field by their values, not their header spelling.

A file whose ``Date`` column is called ``dt`` and holds ``990201`` is found here as "a column
of 6-digit dates (YYMMDD)"; a wait column called ``q`` as "a column of h:mm:ss durations".
Used by ``Located.missing_message`` so that the one line telling the user what to map points
at the columns that can be it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.i18n import _
from workbench.readers.headers import Header, field_spec
from workbench.readers.values import (
    BadValue,
    infer_date_form,
    outcome_answered,
    parse_bool,
    parse_number,
)

_CLOCK = re.compile(r"^\d{1,3}:\d{2}(:\d{2})?$")
LIMIT = 3


def _values(rows: Sequence[Sequence[object]], i: int) -> list[str]:
    return [str(r[i]).strip() for r in rows if i < len(r) and r[i] not in (None, "")]


def describe_column(kind_type: str, values: list[str]) -> str | None:
    """What a column's values are, when they fit a field of type ``kind_type``; else None."""
    if len(values) < 3:
        return None
    if kind_type in ("timestamp", "date"):
        form = infer_date_form(values)
        if form is None:
            return None
        if form.form == "native":
            return _("dates") if not all(v.replace(".", "").isdigit() for v in values) else None
        return _("dates in {form}").format(form=form.form)
    if kind_type == "seconds":
        if all(_CLOCK.match(v) for v in values):
            return _("h:mm:ss durations")
        return None
    if kind_type == "bool":
        if all(outcome_answered(v) is not None for v in values):
            return _("call outcomes such as '{value}'").format(value=values[0])
        try:
            [parse_bool(v) for v in values]
        except BadValue:
            return None
        return _("yes/no values")
    if kind_type in ("count",):
        try:
            ok = all(parse_number(v).is_integer() for v in values)
        except BadValue:
            return None
        return _("whole numbers") if ok else None
    if kind_type == "id":
        if len(set(values)) == len(values) and not all(_CLOCK.match(v) for v in values):
            return _("a different value on every row")
        return None
    return None


def by_values(
    kind: str,
    name: str,
    headers: Sequence[Header],
    rows: Sequence[Sequence[object]],
    taken: set[int],
) -> list[tuple[str, str]]:
    """(header text, what its values are) of the columns that could hold field ``name``."""
    spec = field_spec(kind, name)
    types = [spec.type]
    if spec.alternative:  # started_at may be replaced by a date column
        types.append(field_spec(kind, spec.alternative).type)
    found: list[tuple[str, str]] = []
    for i, header in enumerate(headers):
        if i in taken or not header.text:
            continue
        for kind_type in types:
            what = describe_column(kind_type, _values(rows, i))
            if what:
                found.append((header.text, what))
                break
        if len(found) >= LIMIT:
            break
    return found
