"""Value parsers: one cell's text → a stored value, or a ``BadValue`` saying why not.

These are the exact rules of data-kinds.md for every value form (timestamps, durations,
yes/no, counts, percentages, satisfaction, money, personal data). The import job applies the
common forms in bulk SQL (``workbench.importing.coerce``) and sends every other *distinct* value
through these functions, so both paths agree by construction and the parsers stay testable.

This module is the one place to import them from; each form lives in a module of its own:
``cells`` (cleaning, ``BadValue``), ``numbers``, ``words`` (yes/no, satisfaction, outcomes),
``timestamps`` (dates, times, durations and the time convention), ``personal`` (hash, mask)
and ``date_forms`` (a column's date form).
"""

from __future__ import annotations

from workbench.readers.cells import ERROR_TOKENS, BadValue, check_error_token, clean, short
from workbench.readers.date_forms import (
    DATE_FORMS,
    DateForm,
    infer_date_form,
    parse_in_form,
    strptime_pattern,
)
from workbench.readers.numbers import parse_count, parse_money, parse_number, parse_percent
from workbench.readers.personal import (
    HASH_HEX_DIGITS,
    hash_and_mask,
    hash_personal,
    mask_personal,
    personal_key,
)
from workbench.readers.timestamps import (
    EARLIEST,
    EXCEL_EPOCH,
    LATEST,
    TIME_BASE,
    UNIT_FACTORS,
    excel_serial_to_datetime,
    parse_date,
    parse_duration,
    parse_time_of_day,
    parse_timestamp,
)
from workbench.readers.words import (
    Csat,
    csat_satisfied,
    csat_scale,
    outcome_answered,
    parse_bool,
    parse_csat,
)

__all__ = [
    "DATE_FORMS",
    "EARLIEST",
    "ERROR_TOKENS",
    "EXCEL_EPOCH",
    "HASH_HEX_DIGITS",
    "LATEST",
    "TIME_BASE",
    "UNIT_FACTORS",
    "BadValue",
    "Csat",
    "DateForm",
    "check_error_token",
    "clean",
    "csat_satisfied",
    "csat_scale",
    "excel_serial_to_datetime",
    "hash_and_mask",
    "hash_personal",
    "infer_date_form",
    "mask_personal",
    "outcome_answered",
    "parse_bool",
    "parse_count",
    "parse_csat",
    "parse_date",
    "parse_duration",
    "parse_in_form",
    "parse_money",
    "parse_number",
    "parse_percent",
    "parse_time_of_day",
    "parse_timestamp",
    "personal_key",
    "short",
    "strptime_pattern",
]
