"""What an indicator is (``KpiDef``, ``Fallback``) and the SQL pieces several indicators share.

The indicators themselves are listed by area in ``defs_service``, ``defs_intelligent`` and
``defs_operation``; ``catalogue`` joins them and answers look-ups (see its docstring for how a
formula is written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from workbench.domain import KpiOptions, Target

Group = Literal["service", "intelligent", "operation"]
Unit = Literal["count", "ratio", "s", "score", "points", "yuan"]
Direction = Literal["higher", "lower", "band", "none"]
Kind = Literal["ratio", "mean", "sum"]
Term = tuple[str, str]  # (store table, SQL aggregate over its rows)

#: How every indicator's coverage is read: ``n`` records behind the figure of ``of`` records
#: it could cover (a partly filled column is never mistaken for the whole month).
Coverage = tuple[tuple[Term, ...], tuple[Term, ...]]


@dataclass(frozen=True)
class Fallback:
    """A second formula, used where the first has nothing to divide by in a slice, with its
    own name (AHT without after-call work anywhere in the slice is mean talk time)."""

    variant: str
    name_zh: str
    name_en: str
    formula_zh: str
    formula_en: str
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    coverage: Coverage | None = None

    def terms(self) -> tuple[Term, ...]:
        """Every term the fallback reads."""
        cover = (*self.coverage[0], *self.coverage[1]) if self.coverage else ()
        return (*self.numerator, *self.denominator, *cover)


@dataclass(frozen=True)
class KpiDef:
    """One indicator: what it is called, how it is computed and judged, and where it comes from."""

    id: str
    name_zh: str
    name_en: str
    group: Group
    unit: Unit
    direction: Direction
    default_target: Target | None
    source: str
    formula_zh: str
    formula_en: str
    headline: bool
    kind: Kind = "ratio"
    numerator: tuple[Term, ...] = ()
    denominator: tuple[Term, ...] = ()
    #: alternative denominators chosen by ``KpiOptions.sl_denominator`` (service level only)
    denominator_variants: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    #: (records behind the figure, records it could cover); None: the denominator's own
    #: records (or, for a count, its rows) both times, full coverage
    coverage: Coverage | None = None
    fallback: Fallback | None = None

    def name(self, lang: str, options: KpiOptions | None = None, variant: str | None = None) -> str:
        """The name in ``lang`` ("zh_CN" or "en"; anything starting with "zh" is Chinese).

        A name holding ``{T}`` follows the service-level threshold of ``options`` (20 s by
        default); ``variant`` names the fallback formula when the value came from it.
        """
        zh = lang.lower().startswith("zh")
        if variant and self.fallback and variant == self.fallback.variant:
            return self.fallback.name_zh if zh else self.fallback.name_en
        text = self.name_zh if zh else self.name_en
        threshold = options.sl_threshold_s if options is not None else 20
        return text.replace("{T}", str(threshold))

    def formula(self, lang: str) -> str:
        """The formula in words, for the methodology sheet."""
        return self.formula_zh if lang.lower().startswith("zh") else self.formula_en

    def terms(self) -> tuple[Term, ...]:
        """Every term any formula of this indicator reads."""
        terms = [*self.numerator, *self.denominator]
        for variant in self.denominator_variants.values():
            terms += list(variant)
        if self.coverage:
            terms += [*self.coverage[0], *self.coverage[1]]
        if self.fallback:
            terms += list(self.fallback.terms())
        return tuple(terms)

    def tables(self) -> tuple[str, ...]:
        """Store tables any of this indicator's terms read."""
        return tuple(dict.fromkeys(table for table, _ in self.terms()))

    def denominator_for(self, sl_denominator: str) -> tuple[Term, ...]:
        """The denominator terms under the chosen service-level denominator option."""
        return self.denominator_variants.get(sl_denominator, self.denominator)


def substitute(sql: str, options: KpiOptions) -> str:
    """``sql`` with the formula options ``{T}``, ``{S}`` and ``{W}`` as integer literals."""
    return (
        sql.replace("{T}", str(int(options.sl_threshold_s)))
        .replace("{S}", str(int(options.short_abandon_s)))
        .replace("{W}", str(int(options.fcr_window_h)))
    )


def ge(kpi_id: str, low: float) -> Target:
    return Target(kpi_id, ">=", low=low)


def le(kpi_id: str, high: float) -> Target:
    return Target(kpi_id, "<=", high=high)


def band(kpi_id: str, low: float, high: float) -> Target:
    return Target(kpi_id, "band", low=low, high=high)


# Shared pieces of SQL (named so each is written once). Interval summaries count every
# call they summarise as offered; their own threshold must equal T for the service level.
OFFERED_ALL_C = ("contacts", "count(*)")
OFFERED_C = ("contacts", "count_if(NOT short_abandon)")
OFFERED_KNOWN_C = ("contacts", "count_if(NOT short_abandon AND answered IS NOT NULL)")
OFFERED_I = ("intervals", "sum(offered)")
ANSWERED_C = ("contacts", "count_if(answered)")
ANSWERED_I = ("intervals", "sum(answered)")
ANSWER_KNOWN = (("contacts", "count(answered)"), OFFERED_I)
BOT_SESSIONS = ("bot_sessions", "count(*)")
REACHED = ("campaigns", "count_if(reached)")
# rows a service level can be told for: a known outcome, and a wait time when answered (an
# abandoned contact was not answered within T whatever its wait); summaries at threshold T
SL_ROWS_C = (
    "NOT short_abandon AND answered IS NOT NULL AND (answered = FALSE OR wait_s IS NOT NULL)"
)
SL_ROWS_I = "answered_in_sl IS NOT NULL AND sl_threshold_s = {T}"
HANDLED_WORK = "coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(acw_s, 0)"
ANSWERED_COVER = (ANSWERED_C,)  # "of": every answered contact

CBA_SERVICE = "CBA 服务规范 / CBA service norm"
