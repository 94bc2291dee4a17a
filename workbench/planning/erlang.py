"""Erlang C (M/M/n) and Erlang A (M/M/n+M) queueing formulas, vectorised over intervals.

Every function takes numpy arrays (or scalars) that broadcast together, one element per
interval, and never loops in Python per interval: a month of 15-minute intervals for twenty
queues is one call.

Inputs per interval: ``calls`` offered in the interval, ``aht_s`` mean handling time,
``interval_s`` the interval's length, ``agents`` the number of agents on the phones,
``threshold_s`` the service-level threshold T, and for Erlang A ``patience_s``, the mean time
a caller waits before hanging up (exponential patience). Traffic ``A = calls × AHT / interval``
is in Erlangs.

Measures (the KPI catalogue's definitions, ``kpi/catalogue.py``):
    sl        answered within T / offered (the catalogue's default denominator)
    asa_s     mean wait of the answered callers
    abandon   abandoned / offered (0 under Erlang C, where nobody hangs up)
    occupancy answered traffic / agents (A × (1 − abandon) / n)

Erlang C: P(wait) = n·B / (n − A(1 − B)) with B the Erlang B loss (from the Poisson
distribution: B = pmf(n; A) / cdf(n; A)); SL = 1 − P(wait)·exp(−(n − A)·T / AHT);
ASA = P(wait)·AHT / (n − A). With n ≤ A the queue grows without bound: SL 0, ASA infinite.

Erlang A (Palm; Garnett, Mandelbaum & Reiman 2002): with arrival rate λ, service rate μ and
abandonment rate θ = 1/patience, the virtual wait V of an arriving caller is 0 with probability
Σ_{j<n} π_j and has density v(x) = λ·π_{n−1}·exp(λ(1 − e^{−θx})/θ − nμx) for x > 0 (π_j the
stationary probability of j busy agents, π_j ∝ A^j / j!). A caller with virtual wait x is
answered when their patience exceeds x (probability e^{−θx}). Substituting u = (λ/θ)e^{−θx}
turns the integrals into incomplete gamma functions, so SL, abandonment and P(wait) are closed
forms; ASA needs ∫ x·v(x)·e^{−θx} dx, the derivative of such a closed form in its shape
parameter (taken by a forward difference).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _special():
    """``scipy.special``, imported on first use (half a second: not at the window's start-up,
    nor on the GUI thread when the staffing view's module is imported; its worker pays it)."""
    from scipy import special

    return special

__all__ = [
    "ErlangResult",
    "erlang_a",
    "erlang_c",
    "evaluate",
    "required_agents",
    "traffic",
]


@dataclass(frozen=True)
class ErlangResult:
    """Predicted measures per interval (arrays of one shape)."""

    agents: np.ndarray
    sl: np.ndarray
    asa_s: np.ndarray
    abandon: np.ndarray
    occupancy: np.ndarray
    wait_probability: np.ndarray


def traffic(calls, aht_s, interval_s) -> np.ndarray:
    """Offered load in Erlangs: calls × AHT / interval length."""
    return np.asarray(calls, float) * np.asarray(aht_s, float) / np.asarray(interval_s, float)


def _log_erlang_b(n: np.ndarray, load: np.ndarray) -> np.ndarray:
    """log of Erlang B's loss probability B(n, A) = pmf(n; A) / cdf(n; A) (Poisson)."""
    log_pmf = n * np.log(np.maximum(load, 1e-300)) - load - _special().gammaln(n + 1)
    cdf = _special().gammaincc(n + 1, load)  # P(Poisson(A) <= n)
    return log_pmf - np.log(np.maximum(cdf, 1e-300))


def erlang_c(calls, aht_s, interval_s, agents, threshold_s) -> ErlangResult:
    """Erlang C (no abandonment) measures for ``agents`` on the phones."""
    calls, aht, interval, n, t = np.broadcast_arrays(
        *(np.asarray(x, float) for x in (calls, aht_s, interval_s, agents, threshold_s))
    )
    load = traffic(calls, aht, interval)
    n = np.maximum(n, 0.0)
    stable = n > load
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        b = np.exp(_log_erlang_b(n, load))
        p_wait = np.where(stable, n * b / (n - load * (1 - b)), 1.0)
        p_wait = np.clip(p_wait, 0.0, 1.0)
        sl = np.where(stable, 1.0 - p_wait * np.exp(-(n - load) * t / aht), 0.0)
        asa = np.where(stable, p_wait * aht / (n - load), np.inf)
        occupancy = np.where(n > 0, np.minimum(load / n, 1.0), np.nan)
    idle = load <= 0
    sl = np.where(idle, 1.0, sl)
    asa = np.where(idle, 0.0, asa)
    p_wait = np.where(idle, 0.0, p_wait)
    return ErlangResult(n, sl, asa, np.zeros_like(sl), occupancy, p_wait)


def erlang_a(
    calls, aht_s, interval_s, agents, threshold_s, patience_s, *, with_asa: bool = True
) -> ErlangResult:
    """Erlang A (M/M/n+M) measures for ``agents`` on the phones, mean patience ``patience_s``.

    ``with_asa=False`` skips ASA (then NaN): the agent search needs SL only.
    """
    calls, aht, interval, n, t, patience = np.broadcast_arrays(
        *(np.asarray(x, float) for x in (calls, aht_s, interval_s, agents, threshold_s, patience_s))
    )
    lam = calls / interval
    mu = 1.0 / aht
    theta = 1.0 / patience
    load = lam / mu
    n = np.maximum(n, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        safe_n = np.maximum(n, 1e-6)  # fractional agents: the formulas' continuous extension
        x = safe_n * mu / theta  # shape of the gamma integrals
        y = np.maximum(lam / theta, 1e-300)
        log_y = np.log(y)
        # G1 = e^y y^{−x−1} γ(x+1, y); then e^y y^{−x} γ(x, y) = (y·G1 + 1) / x (recurrence)
        log_g1 = _log_scaled_gamma(x + 1, y)
        # ∫ v(x) dx / π_{n−1} = (λ/θ) e^y y^{−x} γ(x, y)
        log_i0 = log_y + np.logaddexp(log_y + log_g1, 0.0) - np.log(x)
        # Σ_{j<n} π_j / π_{n−1} = 1 / B(n−1, A)
        log_inv_b = -_log_erlang_b(safe_n - 1, load)
        # log π_{n−1} = −log(1/B + I0), computed relative to the larger term
        big = np.maximum(log_inv_b, log_i0)
        log_pi = -big - np.log(np.exp(log_inv_b - big) + np.exp(log_i0 - big))
        p_wait = np.exp(log_pi + log_i0)
        # answered after waiting (the caller's own patience e^{−θx}): (λ/θ) e^y y^{−x−1} γ(x+1, ·)
        answered_after_wait = np.exp(log_pi + log_y + log_g1)
        u_t = y * np.exp(-theta * t)
        answered_after_t = np.exp(
            log_pi + log_y + (y - u_t) - (x + 1) * theta * t + _log_scaled_gamma(x + 1, u_t)
        )
        answered_within_t = np.maximum(answered_after_wait - answered_after_t, 0.0)
        abandon = np.clip(p_wait - answered_after_wait, 0.0, 1.0)
        sl = np.clip(1.0 - p_wait + answered_within_t, 0.0, 1.0)
        if with_asa:
            wait_answered = _answered_wait(lam, theta, x, y, log_pi, log_g1)
        else:
            wait_answered = np.full_like(sl, np.nan)
        answered = 1.0 - abandon
        asa = np.where(answered > 0, wait_answered / answered, np.inf)
        occupancy = np.where(n > 0, np.minimum(load * answered / safe_n, 1.0), np.nan)
    # no agents: everybody waits and hangs up
    none = n <= 1e-6
    sl = np.where(none, 0.0, sl)
    abandon = np.where(none, 1.0, abandon)
    p_wait = np.where(none, 1.0, p_wait)
    asa = np.where(none, np.inf, asa)
    idle = calls <= 0
    return ErlangResult(
        n,
        np.where(idle, 1.0, sl),
        np.where(idle, 0.0, asa),
        np.where(idle, 0.0, abandon),
        np.where(idle, 0.0, occupancy),
        np.where(idle, 0.0, p_wait),
    )


def _log_scaled_gamma(a: np.ndarray, z: np.ndarray) -> np.ndarray:
    """log(e^z · z^{−a} · γ(a, z)), γ the lower incomplete gamma function.

    From the regularised γ; where that underflows (far below the mode: long patience, light
    load) from the Kummer series 1F1(1; a+1; z) / a instead (slower, so only there).
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        regular = _special().gammainc(a, z)
        out = z - a * np.log(z) + _special().gammaln(a) + np.log(regular)
        tiny = regular < 1e-250
        if np.any(tiny):
            a_t, z_t = np.broadcast_to(a, out.shape)[tiny], np.broadcast_to(z, out.shape)[tiny]
            out = np.array(out, copy=True)
            out[tiny] = np.log(_special().hyp1f1(1.0, a_t + 1.0, z_t)) - np.log(a_t)
    return out


def _answered_wait(lam, theta, x, y, log_pi, log_g1) -> np.ndarray:
    """∫_0^∞ s·v(s)·e^{−θs} ds: the answered callers' mean wait × P(answered).

    With F(r) = ∫ v(s)·e^{−rs} ds = (λπ_{n−1}/θ)·exp(L(x + r/θ, y)), L = ``_log_scaled_gamma``,
    the integral is −F′(θ) = −(λπ_{n−1}/θ²)·exp(L(x+1, y))·∂L/∂a; ∂L/∂a by a forward difference.
    """
    step = 1e-5 * np.maximum(1.0, x)
    slope = (_log_scaled_gamma(x + 1 + step, y) - log_g1) / step
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return -np.exp(log_pi + np.log(lam / theta**2) + log_g1) * slope


def evaluate(
    calls,
    aht_s,
    interval_s,
    agents,
    threshold_s,
    patience_s=None,
    *,
    with_asa: bool = True,
) -> ErlangResult:
    """Erlang A when ``patience_s`` is given (finite and positive), else Erlang C."""
    if patience_s is None:
        return erlang_c(calls, aht_s, interval_s, agents, threshold_s)
    patience = np.asarray(patience_s, float)
    if np.all(~np.isfinite(patience) | (patience <= 0)):
        return erlang_c(calls, aht_s, interval_s, agents, threshold_s)
    return erlang_a(calls, aht_s, interval_s, agents, threshold_s, patience, with_asa=with_asa)


def required_agents(
    calls,
    aht_s,
    interval_s,
    target_sl,
    threshold_s,
    patience_s=None,
    *,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
    max_agents: int = 5000,
) -> tuple[np.ndarray, ErlangResult]:
    """The fewest agents meeting ``target_sl`` at T per interval, and the measures with them.

    Searched by bisection on every interval at once (SL grows with agents). Then the occupancy
    cap: at least ceil(A / max_occupancy) agents. The returned measures are those of these
    agents on the phones; the first array (the head-count to roster) divides them by
    (1 − shrinkage) and rounds up, as pyworkforce does. Intervals without calls need 0.
    """
    calls, aht, interval, target, t = np.broadcast_arrays(
        *(np.asarray(x, float) for x in (calls, aht_s, interval_s, target_sl, threshold_s))
    )
    patience = (
        None if patience_s is None else np.broadcast_to(np.asarray(patience_s, float), calls.shape)
    )
    load = traffic(calls, aht, interval)
    target = np.minimum(target, 1.0 - 1e-12)
    low = np.zeros(calls.shape)  # SL(low) < target (or low = 0)
    high = np.minimum(np.ceil(load + 10.0 * np.sqrt(load) + 10.0), max_agents)
    while True:  # widen until the upper end meets the target (rarely more than once)
        met = evaluate(calls, aht, interval, high, t, patience, with_asa=False).sl >= target
        grow = ~met & (high < max_agents)
        if not grow.any():
            break
        high = np.where(grow, np.minimum(high * 2, max_agents), high)
    while True:
        active = high - low > 1
        if not active.any():
            break
        mid = np.floor((low + high) / 2)
        ok = evaluate(calls, aht, interval, mid, t, patience, with_asa=False).sl >= target
        high = np.where(active & ok, mid, high)
        low = np.where(active & ~ok, mid, low)
    on_phones = high
    if max_occupancy < 1.0:
        on_phones = np.maximum(on_phones, np.ceil(load / max_occupancy - 1e-9))
    on_phones = np.where(calls > 0, on_phones, 0.0)
    result = evaluate(calls, aht, interval, on_phones, t, patience)
    rostered = np.ceil(on_phones / (1.0 - shrinkage) - 1e-9) if shrinkage else on_phones
    return rostered.astype(np.int64), result
