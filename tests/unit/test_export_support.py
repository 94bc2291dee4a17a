"""Stores for the export / verify tests: a month of every data kind, built with DuckDB SQL.

``fill_store`` writes rows straight into the store tables (fast, for many tests);
the acceptance tests build a store from real xlsx files through the importer instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import openpyxl

# the columns of the first schema, in order (later versions add columns after import_id)
CONTACT_COLUMNS_V1 = (
    "contact_id, started_at, channel, queue, agent_id, agent_name, wait_s, answered, talk_s, "
    "hold_s, acw_s, transferred, resolved, csat_score, csat_scale, csat_satisfied, complaint, "
    "customer_hash, customer_masked, import_id"
)
BOT_COLUMNS_V1 = (
    "session_id, started_at, channel, questions, recognized, resolved, transferred, "
    "rating_score, rating_scale, rating_satisfied, import_id"
)


PHONE = re.compile(r"(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])", re.IGNORECASE)
EVIL_AGENT = '=HYPERLINK("http://x","y")'
START = date(2026, 10, 1)
END = date(2026, 10, 31)


def fill_store(store, *, start: date = START, days: int = 31, per_day: int = 60) -> None:
    """A month of contacts (3 queues, 5 agents), bot sessions, campaigns, states and quality."""
    con = store.con
    ts = datetime(start.year, start.month, start.day)
    con.execute(
        "INSERT INTO imports (id, file_name, path, sha256, kind, sheet, rows, rejected, "
        "imported_at, imported_by) VALUES "
        "(1, 'calls-2026-10.xlsx', '/x/calls.xlsx', repeat('a', 64), 'contacts', 'Sheet1', 1, 0, "
        " TIMESTAMP '2026-11-01 09:00:00', 'tester'),"
        "(2, 'bots-2026-10.xlsx', '/x/bots.xlsx', repeat('b', 64), 'bot_sessions', 'Sheet1', 1, 2,"
        " TIMESTAMP '2026-11-01 09:01:00', 'tester'),"
        "(3, 'campaigns.xlsx', '/x/c.xlsx', repeat('c', 64), 'campaigns', NULL, 1, 0,"
        " TIMESTAMP '2026-11-01 09:02:00', 'tester'),"
        "(4, 'states.xlsx', '/x/s.xlsx', repeat('d', 64), 'agent_states', NULL, 1, 0,"
        " TIMESTAMP '2026-11-01 09:03:00', 'tester'),"
        "(5, 'old.xlsx', '/x/o.xlsx', repeat('e', 64), 'contacts', NULL, 1, 0,"
        " TIMESTAMP '2026-09-01 09:03:00', 'tester')"
    )
    con.execute(
        f"""
        INSERT INTO contacts ({CONTACT_COLUMNS_V1})
        SELECT 'C' || i, ?::TIMESTAMP + INTERVAL (i // {per_day}) DAY
                 + INTERVAL (8 * 3600 + (i % {per_day}) * 300) SECOND,
               'voice',
               ['信用卡', '借记卡', '-理财'][1 + i % 3],
               '80' || (i % 5),
               ['张三', '李四', '王五', '赵六', '{EVIL_AGENT.replace("'", "''")}'][1 + i % 5],
               (i * 7) % 45,
               (i % 11) <> 0 AND (i % 17) <> 0,
               120 + (i * 13) % 300, (i % 4) * 5, 10 + i % 20,
               i % 9 = 0, i % 7 <> 0,
               1 + i % 5, 5, (i % 5) >= 3,
               i % 97 = 0,
               md5('13812345' || lpad((i % 1000)::VARCHAR, 3, '0')),
               '138****5' || lpad((i % 1000)::VARCHAR, 3, '0'),
               1
        FROM range({days * per_day}) t(i)
        """,
        [ts],
    )
    # a few contacts of the previous month (previous period)
    con.execute(
        f"INSERT INTO contacts ({CONTACT_COLUMNS_V1}) "
        "SELECT 'P' || i, TIMESTAMP '2026-09-15 10:00:00', 'voice', '信用卡', "
        "'801', '李四', 10, i % 3 <> 0, 100, 0, 10, false, true, 5, 5, true, false, NULL, NULL, 5 "
        "FROM range(30) t(i)"
    )
    con.execute(
        f"""
        INSERT INTO bot_sessions ({BOT_COLUMNS_V1})
        SELECT 'B' || i, ?::TIMESTAMP + INTERVAL (i // 40) DAY + INTERVAL (i % 40) MINUTE,
               ['手机银行', '微信银行'][1 + i % 2], 3, 2 + (i % 2), i % 4 <> 0, i % 5 = 0,
               1 + i % 5, 5, (i % 5) >= 3, 2
        FROM range({days * 40}) t(i)
        """,
        [ts],
    )
    con.execute(
        f"""
        INSERT INTO campaigns
        SELECT 'K' || (i % 2), ['信用卡分期', '=cmd|calc'][1 + i % 2], md5(i::VARCHAR),
               '139****' || lpad((i % 10000)::VARCHAR, 4, '0'),
               ?::TIMESTAMP + INTERVAL (i // 20) DAY + INTERVAL (i % 20) MINUTE,
               'voice', '80' || (i % 5), i % 3 <> 0, i % 6 = 0, '分期', (i % 6 = 0)::INT * 1234.5,
               false, 3, NULL, NULL
        FROM range({days * 20}) t(i)
        """,
        [ts],
    )
    con.execute(
        f"""
        INSERT INTO agent_states
        SELECT '80' || (i % 5), 'agent', ?::TIMESTAMP + INTERVAL (i // 5) DAY,
               28800, 3000 + (i % 5) * 900, 15000, 800, 2000, 1000, 28800, 4
        FROM range({days * 5}) t(i)
        """,
        [ts],
    )
    con.execute(
        f"""
        INSERT INTO quality
        SELECT '80' || (i % 5), ?::TIMESTAMP + INTERVAL (i // 5) DAY, 'C' || i, 80 + (i % 5) * 4,
               false, 4
        FROM range({days * 5}) t(i)
        """,
        [ts],
    )


def all_cells(path):
    """Every (sheet, cell) of a saved workbook, loaded normally (styles, data types)."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield ws, cell


def test_fill_store_puts_rows_in_every_kind(store) -> None:
    fill_store(store)
    counts = store.row_counts()
    assert counts["contacts"] == 31 * 60 + 30
    assert all(counts[t] > 0 for t in ("bot_sessions", "campaigns", "agent_states", "quality"))
