"""The contacts rollup (``workbench.kpi.rollup``) gives exactly the raw query's figures, and
never figures of data that changed since it was built.

Every figure is compared with ``compute(..., use_rollup=False)`` (the contacts themselves):
values, numerators, denominators, coverage, variants, statuses, first/last days, group keys
and labels; integers must stay integers, floats agree to 1e-9 (the rollup adds daily sums).
Each comparison on a covered request also checks that the rollup did answer, so a test can
not pass by falling back to the raw query.
"""

from __future__ import annotations

import csv
import math
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from workbench.domain import Filters, KpiOptions, KpiReport
from workbench.importing import import_files
from workbench.importing.undo import undo_import
from workbench.kpi import rollup
from workbench.kpi.engine import compute
from workbench.kpi.targets import load_options, save_options
from workbench.store import Store

BYS = (None, "day", "week", "month", "agent", "queue", "channel", "campaign")
SEPT, OCT = date(2026, 9, 1), date(2026, 10, 1)
FILTERS = (
    Filters(),
    Filters(start=OCT, end=date(2026, 10, 31)),
    Filters(start=date(2026, 9, 20), end=date(2026, 10, 9)),  # no whole month
    Filters(start=date(2026, 9, 15), end=date(2026, 10, 31)),  # half a month and a whole one
    Filters(start=SEPT, end=date(2026, 10, 30)),  # a whole month and all but a day
    Filters(start=date(2026, 10, 5)),  # open end: the report's last day comes from the data
    Filters(end=date(2026, 9, 10)),
    Filters(start=date(2026, 12, 1), end=date(2026, 12, 31)),  # nothing in it
    Filters(agents=("8001", "王五")),  # 王五 has no agent id: keyed by name
    Filters(queues=("Q1", "")),
    Filters(start=OCT, end=date(2026, 10, 31), channels=("voice",)),
    Filters(campaigns=("K1",)),  # contacts have no campaign: not restricted
    Filters(agents=("8002",), queues=("Q2",)),  # two dimensions: the raw query answers
)

# Four thousand contacts over September and October from hashes of the row number: NULLs in
# every column that may hold one, agents known by id, by name only or not at all, queues and
# channels with NULL and empty text, bot rows (human FALSE) and rows whose human is unknown.
RANDOM_CONTACTS = """
INSERT INTO contacts (contact_id, started_at, channel, queue, agent_id, agent_name, wait_s,
    answered, talk_s, hold_s, acw_s, transferred, resolved, csat_score, csat_scale,
    csat_satisfied, complaint, customer_hash, customer_masked, import_id, human,
    next_contact_at)
SELECT '{prefix}' || i,
       TIMESTAMP '{first_day} 00:00:00' + to_seconds((hh(i) % ({days} * 86400))::BIGINT),
       [NULL, 'voice', 'voice', '在线', '微信'][1 + hh(i * 3) % 5],
       [NULL, 'Q1', 'Q2', 'Q3', ''][1 + hh(i * 5) % 5],
       CASE WHEN a = 0 THEN NULL WHEN a = 1 THEN NULL ELSE (8000 + a)::VARCHAR END,
       CASE WHEN a = 0 THEN NULL WHEN a = 1 THEN '王五' WHEN a % 3 = 0 THEN NULL
            ELSE '坐席' || a END,
       CASE WHEN hh(i * 11) % 9 = 0 THEN NULL ELSE (hh(i * 13) % 900) / 10.0 END,
       CASE WHEN hh(i * 17) % 11 = 0 THEN NULL ELSE hh(i * 19) % 5 > 0 END,
       CASE WHEN hh(i * 23) % 7 = 0 THEN NULL ELSE 30 + (hh(i * 29) % 4000) / 10.0 END,
       CASE WHEN hh(i * 31) % 3 = 0 THEN NULL ELSE (hh(i * 37) % 300) / 10.0 END,
       CASE WHEN hh(i * 41) % 4 = 0 THEN NULL ELSE (hh(i * 43) % 600) / 10.0 END,
       CASE WHEN hh(i * 47) % 5 = 0 THEN NULL ELSE hh(i * 53) % 10 = 0 END,
       CASE WHEN hh(i * 59) % 6 = 0 THEN NULL ELSE hh(i * 61) % 4 > 0 END,
       CASE WHEN s = 0 THEN NULL WHEN s = 1 THEN 1 + hh(i * 67) % 10
            ELSE 1 + hh(i * 67) % 5 END,
       CASE WHEN s = 0 THEN NULL WHEN s = 1 THEN 10 WHEN s = 2 THEN NULL ELSE 5 END,
       CASE WHEN s = 0 THEN NULL ELSE hh(i * 71) % 3 > 0 END,
       CASE WHEN hh(i * 73) % 8 = 0 THEN NULL ELSE hh(i * 79) % 50 = 0 END,
       CASE WHEN hh(i * 83) % 4 = 0 THEN NULL ELSE 'h' || hh(i * 89) % 700 END,
       NULL, {import_id},
       CASE WHEN hh(i * 97) % 25 = 0 THEN FALSE WHEN hh(i * 97) % 25 = 1 THEN NULL
            ELSE TRUE END,
       NULL
FROM (SELECT range AS i, hh(range * 7) % 10 AS a, hh(range * 101) % 4 AS s
      FROM range({n}))
"""
# the repeat-contact FCR reads each customer's next contact, as the import links it
LINK_NEXT = """
UPDATE contacts SET next_contact_at = n.next_at FROM (
    SELECT rowid AS r, lead(started_at) OVER (PARTITION BY customer_hash
        ORDER BY started_at, contact_id) AS next_at FROM contacts
    WHERE customer_hash IS NOT NULL) n WHERE contacts.rowid = n.r
"""


def add_random_contacts(con, n: int = 4000, *, prefix: str = "R", import_id: int = 1) -> None:
    con.execute("CREATE OR REPLACE TEMP MACRO hh(x) AS CAST(hash(x) % 1000000007 AS BIGINT)")
    con.execute(
        RANDOM_CONTACTS.format(
            prefix=prefix, first_day="2026-09-01", days=61, n=n, import_id=import_id
        )
    )
    con.execute(LINK_NEXT)


def add_intervals(con) -> None:
    """ACD summaries: days with detail (left out) and November (no detail: they count)."""
    con.execute(
        "INSERT INTO intervals (period_start, interval_s, queue, offered, answered, abandoned, "
        "answered_in_sl, sl_threshold_s, answer_wait_sum_s, handle_sum_s, import_id) "
        "SELECT TIMESTAMP '2026-10-01' + to_days(d::INTEGER), 86400, ['Q1', 'Q9', NULL][1 + q], "
        "100 + d, 90, 10, 70, 20, 900.5, 27000.25, 9 FROM range(45) a(d), range(3) b(q)"
    )


def same_number(raw, fast, what: str) -> None:
    if raw is None or fast is None:
        assert raw is None and fast is None, what
        return
    assert type(raw) is type(fast), f"{what}: {type(raw).__name__} vs {type(fast).__name__}"
    if isinstance(raw, float):
        assert math.isclose(raw, fast, rel_tol=1e-9, abs_tol=1e-12), f"{what}: {raw} vs {fast}"
    else:
        assert raw == fast, f"{what}: {raw} vs {fast}"


def same_values(raw_values, fast_values, where: str) -> None:
    assert [v.kpi_id for v in raw_values] == [v.kpi_id for v in fast_values], where
    for raw, fast in zip(raw_values, fast_values, strict=True):
        for f in fields(raw):
            a, b = getattr(raw, f.name), getattr(fast, f.name)
            what = f"{where} {raw.kpi_id}.{f.name}"
            if (isinstance(a, (int, float)) and not isinstance(a, bool)) or a is None:
                same_number(a, b, what)
            else:
                assert a == b, f"{what}: {a!r} vs {b!r}"


def assert_same(raw: KpiReport, fast: KpiReport, where: str) -> None:
    assert (raw.start, raw.end, raw.options, raw.targets_version) == (
        fast.start,
        fast.end,
        fast.options,
        fast.targets_version,
    ), where
    same_values(raw.values, fast.values, where)
    assert [(g.by, g.key, g.label) for g in raw.groups] == [
        (g.by, g.key, g.label) for g in fast.groups
    ], where
    for g_raw, g_fast in zip(raw.groups, fast.groups, strict=True):
        same_values(g_raw.values, g_fast.values, f"{where} [{g_raw.key}]")


def check_all(con, filters_list=FILTERS, bys=BYS, options: KpiOptions | None = None) -> int:
    """Compare every request of the matrix; the number the rollup answered."""
    answered = 0
    stored = load_options(con)
    for filters in filters_list:
        for by in bys:
            where = f"{filters} by={by}"
            fast = compute(con, filters, by=by, options=options)
            raw = compute(con, filters, by=by, options=options, use_rollup=False)
            assert_same(raw, fast, where)
            covered = rollup.covers(filters, by)
            used = (
                rollup.fetch(con, rollup.contacts_terms(), filters, by, options or stored)
                is not None
            )
            if options is None or options == stored:
                assert used == covered, where  # a covered request is answered by the rollup
            answered += used
    return answered


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("rollup") / "store.duckdb"
    store = Store.open(path)
    add_random_contacts(store.con)
    add_intervals(store.con)
    rollup.rebuild(store.con)
    yield store
    store.close()


def test_the_random_store_has_what_the_comparison_needs(filled: Store) -> None:
    con = filled.con
    facts = con.execute(
        "SELECT count(*), count(DISTINCT coalesce(agent_id, agent_name)), "
        "count(DISTINCT queue), count(DISTINCT channel), count_if(human = FALSE), "
        "count_if(human IS NULL), count_if(next_contact_at IS NOT NULL), "
        "count(DISTINCT date_trunc('month', started_at)) FROM contacts"
    ).fetchone()
    assert facts[0] == 4000 and facts[1] >= 8 and facts[2] == 4 and facts[3] == 3
    assert facts[4] > 50 and facts[5] > 50 and facts[6] > 500 and facts[7] == 2
    assert rollup.is_current(con, load_options(con))


def test_rollup_figures_are_the_raw_figures_for_every_grouping_and_filter(filled: Store) -> None:
    answered = check_all(filled.con)
    assert answered >= 60  # most of the matrix came from the rollup


@pytest.mark.parametrize(
    "options",
    [
        KpiOptions(sl_threshold_s=30, short_abandon_s=5, sl_denominator="answered"),
        KpiOptions(
            sl_threshold_s=10,
            short_abandon_s=3,
            sl_denominator="offered_minus_short",
            fcr_window_h=48,
        ),
    ],
)
def test_non_default_options_give_the_raw_figures(tmp_path: Path, options: KpiOptions) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        add_random_contacts(store.con, 2500)
        save_options(store.con, options)  # rebuilds the rollup under the new options
        assert rollup.is_current(store.con, options)
        filters = FILTERS[:3] + FILTERS[6:9]
        assert check_all(store.con, filters) > 20
        # asked for other options than the saved ones: the raw query answers, right
        other = KpiOptions(sl_threshold_s=45)
        assert rollup.fetch(store.con, rollup.contacts_terms(), Filters(), None, other) is None
        check_all(store.con, filters[:2], (None, "agent"), options=other)


def test_a_write_that_skips_the_rebuild_is_never_read_stale(filled: Store, tmp_path: Path):
    """The fingerprint check, not the writers' rebuild, is what keeps figures right."""
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        add_random_contacts(con, 1500)
        rollup.rebuild(con)
        before = compute(con, Filters(), by="agent")
        add_random_contacts(con, 300, prefix="X")  # no rebuild: stale
        assert not rollup.is_current(con, load_options(con))
        assert rollup.fetch(con, rollup.contacts_terms(), Filters(), None, KpiOptions()) is None
        after = compute(con, Filters(), by="agent")
        assert_same(compute(con, Filters(), by="agent", use_rollup=False), after, "stale")
        assert after.values != before.values


def _write_contacts_csv(path: Path, first: int, rows: int, day: str, phone_offset: int) -> Path:
    headers = ["流水号", "进线时间", "技能组", "坐席工号", "排队时长(秒)", "是否接通",
               "通话时长(秒)", "是否解决", "来电号码"]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(headers)
        for i in range(rows):
            answered = i % 7 != 0
            out.writerow([
                f"C{first + i:06d}", f"{day} {8 + i % 10:02d}:{i % 60:02d}:00",
                ["信用卡", "理财"][i % 2], f"A{i % 4:02d}" if answered else "",
                5 + i % 40, "是" if answered else "否", 60 + i % 300 if answered else "",
                "是" if i % 3 else "否", f"1380000{(i + phone_offset) % 50:04d}",
            ])  # fmt: skip
    return path


def test_import_undo_and_options_change_leave_the_rollup_current(tmp_path: Path) -> None:
    oct_file = _write_contacts_csv(tmp_path / "oct.csv", 1, 300, "2026-10-05", 0)
    # the same customers the next day: their October contacts get a next contact (FCR)
    next_file = _write_contacts_csv(tmp_path / "oct6.csv", 5000, 200, "2026-10-06", 0)
    whole = Filters(start=OCT, end=date(2026, 10, 31))
    with Store.open(tmp_path / "s.duckdb") as store:
        con = store.con
        first = import_files(store, [oct_file], kind="contacts").files[0]
        assert first.status == "imported"
        assert rollup.is_current(con, load_options(con))  # rebuilt by the import
        fcr_before = compute(con, whole).values
        check_all(con, (whole, Filters(queues=("理财",))), ("day", "agent", "queue", None))

        links = "SELECT contact_id, next_contact_at FROM contacts WHERE import_id = ?"
        linked_before = set(con.execute(links, [first.import_id]).fetchall())
        second = import_files(store, [next_file], kind="contacts").files[0]
        assert second.status == "imported"
        assert rollup.is_current(con, load_options(con))
        relinked = linked_before - set(con.execute(links, [first.import_id]).fetchall())
        assert len(relinked) >= 40  # the import changed older rows, not only added its own
        fcr_after = compute(con, Filters(start=date(2026, 10, 5), end=date(2026, 10, 5))).values
        assert fcr_after != fcr_before
        check_all(con, (whole, Filters(start=date(2026, 10, 5), end=date(2026, 10, 5))))

        undo_import(store, second.import_id)
        assert rollup.is_current(con, load_options(con))  # rebuilt by the undo
        check_all(con, (whole, Filters(agents=("A01",))), ("day", "agent", None))

        options = KpiOptions(sl_threshold_s=15, short_abandon_s=8, fcr_window_h=2)
        save_options(con, options)
        assert rollup.is_current(con, options)
        check_all(con, (whole,), ("day", "agent", None))


def test_opening_a_store_rebuilds_a_stale_rollup_and_snapshots_read_it(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        add_random_contacts(store.con, 1200)  # written outside an import: no rollup yet
        assert not rollup.is_current(store.con, KpiOptions())
    with Store.open(path) as store:
        assert rollup.is_current(store.con, KpiOptions())
        store.con.execute("CHECKPOINT")
        snapshot = Store.open_snapshot(path)
        try:
            assert rollup.fetch(snapshot.con, rollup.contacts_terms(), Filters(), "agent",
                                KpiOptions()) is not None  # fmt: skip
            check_all(snapshot.con, FILTERS[:2], ("agent", "day", None))
        finally:
            snapshot.close()


def test_a_worker_cursor_reads_the_rollup(filled: Store) -> None:
    cursor = filled.cursor()
    try:
        assert rollup.fetch(cursor, rollup.contacts_terms(), Filters(), "queue",
                            KpiOptions()) is not None  # fmt: skip
        check_all(cursor, FILTERS[:2], ("queue", None))
    finally:
        cursor.close()


def test_a_batch_rebuilds_the_rollup_once_even_when_its_last_file_is_not_stored(
    tmp_path: Path,
) -> None:
    oct_file = _write_contacts_csv(tmp_path / "oct.csv", 1, 200, "2026-10-05", 0)
    nov_file = _write_contacts_csv(tmp_path / "nov.csv", 900, 150, "2026-11-02", 7)
    with Store.open(tmp_path / "s.duckdb") as store:
        # the last file is a duplicate: the rollup is rebuilt after the batch
        files = import_files(store, [oct_file, nov_file, oct_file], kind="contacts").files
        assert [f.status for f in files] == ["imported", "imported", "duplicate"]
        assert rollup.is_current(store.con, load_options(store.con))
        check_all(store.con, (Filters(), Filters(start=OCT, end=date(2026, 11, 30))))
        # a new month and an old one, refreshed day by day (the rollup was current)
        dec_file = _write_contacts_csv(tmp_path / "dec.csv", 3000, 120, "2026-12-01", 3)
        late_oct = _write_contacts_csv(tmp_path / "late.csv", 4000, 90, "2026-10-31", 11)
        for path in (dec_file, late_oct):
            assert import_files(store, [path], kind="contacts").files[0].status == "imported"
            assert rollup.is_current(store.con, load_options(store.con))
            check_all(
                store.con,
                (
                    Filters(),
                    Filters(start=OCT, end=date(2026, 12, 31)),
                    Filters(start=date(2026, 10, 31), end=date(2026, 12, 1)),
                ),
            )


def test_links_an_earlier_undo_left_stale_are_repaired_when_the_store_is_opened(tmp_path):
    """Until schema 5 an undo removed a contacts import's rows but not the links to them.
    Opening such a store recomputes every link (migration 005) and rebuilds the rollup."""
    oct_file = _write_contacts_csv(tmp_path / "oct.csv", 1, 300, "2026-10-05", 0)
    next_file = _write_contacts_csv(tmp_path / "oct6.csv", 5000, 200, "2026-10-06", 0)
    bots = tmp_path / "bots.csv"
    with bots.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["会话ID", "会话开始时间", "渠道", "是否转人工", "来电号码"])
        for i in range(60):  # transferred the minute before the second file's calls
            out.writerow([f"B{i}", "2026-10-06 08:59:00", "手机银行", "是", f"1380000{i:04d}"])
    day = Filters(start=date(2026, 10, 5), end=date(2026, 10, 5))
    path = tmp_path / "s.duckdb"
    links = "SELECT count(next_contact_at) FROM contacts"
    reached = "SELECT count(agent_reached_at) FROM bot_sessions"
    with Store.open(path) as store:
        con = store.con
        import_files(store, [oct_file], kind="contacts")
        second = import_files(store, [next_file], kind="contacts").files[0]
        import_files(store, [bots], kind="bot_sessions")
        with store.transaction():  # the undo of schema 4: the rows go, the links stay
            con.execute("DELETE FROM contacts WHERE import_id = ?", [second.import_id])
            con.execute("DELETE FROM imports WHERE id = ?", [second.import_id])
            con.execute("DELETE FROM schema_version WHERE version = 5")
        stale = con.execute(links).fetchone()[0], con.execute(reached).fetchone()[0]
    with Store.open(path) as store:
        con = store.con
        assert store.schema_version() == 5
        repaired = con.execute(links).fetchone()[0], con.execute(reached).fetchone()[0]
        assert rollup.is_current(con, load_options(con))
        check_all(con, (day, Filters()), (None, "agent", "day"))
    with Store.open(tmp_path / "never.duckdb") as store:  # the store without the second file
        import_files(store, [oct_file], kind="contacts")
        import_files(store, [bots], kind="bot_sessions")
        never = store.con.execute(links).fetchone()[0], store.con.execute(reached).fetchone()[0]
    assert repaired == never and stale[0] > never[0] and stale[1] > never[1] == 0


def test_detail_pairs_from_the_rollup_are_those_of_the_contacts(filled: Store, tmp_path: Path):
    """Which (day, queue) pairs hold contact detail decides where interval summaries count."""
    from workbench.kpi.precedence import detail_pairs, source_mix

    con = filled.con
    for filters in FILTERS:
        fast = rollup.detail_pairs(con, filters)
        assert fast is not None
        raw = detail_pairs(con, filters, use_rollup=False)
        assert sorted(fast, key=str) == sorted(raw, key=str), filters
    assert any(q is None for _d, q in raw) or any(q == "" for _d, q in raw)
    mix = source_mix(con, Filters(start=OCT, end=date(2026, 11, 30)))
    assert mix["overlap"] > 0 and mix["summary"] > 0  # both sources in play
    with Store.open(tmp_path / "s.duckdb") as store:
        add_random_contacts(store.con, 500)
        rollup.rebuild(store.con)
        add_random_contacts(store.con, 50, prefix="X")  # stale: the contacts answer
        assert rollup.detail_pairs(store.con, Filters()) is None
