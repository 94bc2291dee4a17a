"""Real xlsx exports and real stores for the GUI tests (agents, bots, campaigns, abandoned …).

``write_month(folder)`` writes one workbook per data kind with Chinese headers as a bank's
systems export them; ``build_store(store, folder)`` imports them through the real importer.
Everything is deterministic so tests can assert exact figures.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

AGENTS = [("A01", "张伟"), ("A02", "李娜"), ("A03", "王芳"), ("A04", "刘洋"), ("A05", "陈静")]
QUEUES = ["信用卡", "借记卡", "理财"]
CHANNELS = ["电话", "在线客服"]
FIRST_DAY = datetime(2026, 10, 1)
DAYS = 7

CONTACT_HEADERS = [
    "流水号",
    "进线时间",
    "渠道",
    "技能组",
    "坐席工号",
    "坐席姓名",
    "排队时长(秒)",
    "是否接通",
    "通话时长(秒)",
    "保持时长(秒)",
    "话后处理时长(秒)",
    "是否解决",
    "满意度",
    "是否投诉",
    "来电号码",
]


def _save(path: Path, headers: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def contact_rows(per_day: int = 60, seed: int = 7, days: int = DAYS) -> list[list]:
    """Contact rows in ``CONTACT_HEADERS`` order; agent A05 is slow, A01 fast."""
    rng = random.Random(seed)
    rows = []
    n = 0
    for day in range(days):
        for i in range(per_day):
            n += 1
            agent_id, agent_name = AGENTS[i % len(AGENTS)]
            start = FIRST_DAY + timedelta(days=day, hours=8 + (i * 11) % 12, minutes=i % 60)
            answered = rng.random() > 0.1
            wait = rng.randint(2, 90)
            speed = int(agent_id[1:])
            talk = 60 + 40 * speed + rng.randint(0, 30) if answered else None
            rows.append(
                [
                    f"C{n:06d}",
                    start,
                    CHANNELS[i % 2],
                    QUEUES[i % 3],
                    agent_id if answered else None,
                    agent_name if answered else None,
                    wait,
                    "是" if answered else "否",
                    talk,
                    rng.randint(0, 20) if answered else None,
                    10 + 5 * speed if answered else None,
                    ("是" if rng.random() > 0.1 * speed else "否") if answered else None,
                    rng.choice([5, 5, 4, 4, 3, 2]) if answered else None,
                    ("是" if rng.random() < 0.01 else "否") if answered else None,
                    f"1380013{n:04d}",
                ]
            )
    return rows


def write_contacts(path: Path, per_day: int = 60, seed: int = 7, days: int = DAYS) -> Path:
    return _save(path, CONTACT_HEADERS, contact_rows(per_day, seed, days))


def write_agent_states(path: Path) -> Path:
    rows = []
    for day in range(DAYS):
        for k, (agent_id, name) in enumerate(AGENTS):
            talk = 12000 + 1500 * k
            rows.append(
                [agent_id, name, FIRST_DAY + timedelta(days=day), 28800, 6000 - 600 * k, talk,
                 600, 1800, 2400]
            )  # fmt: skip
    headers = ["坐席工号", "坐席姓名", "日期", "登录时长", "示闲时长", "通话时长", "保持时长",
               "话后处理时长", "示忙时长"]  # fmt: skip
    return _save(path, headers, rows)


def write_quality(path: Path) -> Path:
    rows = []
    for day in range(DAYS):
        for k, (agent_id, _name) in enumerate(AGENTS):
            rows.append(
                [agent_id, FIRST_DAY + timedelta(days=day, hours=15), f"C{day * 60 + k + 1:06d}",
                 96 - 3 * k, "否"]
            )  # fmt: skip
    return _save(path, ["坐席工号", "质检时间", "通话流水号", "质检得分", "致命错误"], rows)


def write_bot_sessions(path: Path, per_day: int = 80) -> Path:
    rng = random.Random(11)
    rows = []
    n = 0
    for day in range(DAYS):
        for i in range(per_day):
            n += 1
            questions = rng.randint(1, 5)
            recognized = max(0, questions - (1 if rng.random() < 0.2 else 0))
            transferred = rng.random() < 0.18
            rows.append(
                [
                    f"S{n:06d}",
                    FIRST_DAY + timedelta(days=day, hours=8 + i % 12, minutes=i % 60),
                    ["手机银行", "微信银行", "网上银行"][i % 3],
                    questions,
                    recognized,
                    "否" if transferred else ("是" if rng.random() < 0.9 else "否"),
                    "是" if transferred else "否",
                    rng.choice(["满意", "非常满意", "一般", None]),
                ]
            )
    headers = ["会话ID", "会话开始时间", "接入渠道", "提问数", "识别数", "机器人解决", "转人工",
               "评价"]  # fmt: skip
    return _save(path, headers, rows)


def write_campaigns(path: Path, per_day: int = 40) -> Path:
    rng = random.Random(13)
    rows = []
    n = 0
    campaigns = [("CP01", "信用卡分期"), ("CP02", "理财推荐")]
    for day in range(DAYS):
        for i in range(per_day):
            n += 1
            cid, cname = campaigns[i % 2]
            reached = rng.random() < 0.65
            converted = reached and rng.random() < (0.25 if cid == "CP01" else 0.12)
            rows.append(
                [
                    cid,
                    cname,
                    f"K{n:07d}",
                    FIRST_DAY + timedelta(days=day, hours=9 + i % 9, minutes=i % 60),
                    AGENTS[i % len(AGENTS)][0],
                    "是" if reached else "否",
                    "是" if converted else "否",
                    "分期" if cid == "CP01" else "基金",
                    (5000 + 1000 * (i % 5)) if converted else None,
                    "否",
                ]
            )
    headers = ["活动编号", "活动名称", "客户号", "外呼时间", "坐席工号", "是否接通", "是否成功",
               "产品", "成交金额", "是否投诉"]  # fmt: skip
    return _save(path, headers, rows)


def write_month(folder: Path, per_day: int = 60) -> dict[str, Path]:
    """One workbook per kind in ``folder``; returns kind → path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "contacts": write_contacts(folder / "话单明细.xlsx", per_day),
        "agent_states": write_agent_states(folder / "坐席工时.xlsx"),
        "quality": write_quality(folder / "质检.xlsx"),
        "bot_sessions": write_bot_sessions(folder / "智能客服会话.xlsx"),
        "campaigns": write_campaigns(folder / "营销外呼.xlsx"),
    }


def build_store(store, folder: Path, per_day: int = 60) -> dict[str, Path]:
    """Write the month's workbooks and import each through the real importer (kind given)."""
    from workbench.importing import import_files

    files = write_month(folder, per_day)
    for kind, path in files.items():
        result = import_files(store, [path], kind=kind)
        statuses = [f.status for f in result.files]
        assert statuses == ["imported"], (kind, [f.error for f in result.files])
    return files


def insert_contacts_sql(store, per_day: int = 60, seed: int = 7, days: int = DAYS) -> int:
    """The same contacts as ``write_contacts``, inserted with SQL (models' unit tests only)."""
    yes = {"是": True, "否": False, None: None}
    rows = []
    for r in contact_rows(per_day, seed, days):
        phone = r[14]
        rows.append(
            [r[0], r[1], r[2], r[3], r[4], r[5], float(r[6]), yes[r[7]], r[8], r[9], r[10],
             None, yes[r[11]], r[12], 5 if r[12] is not None else None,
             (r[12] or 0) >= 4 if r[12] is not None else None, yes[r[13]], "h" + phone,
             phone[:3] + "****" + phone[-4:], 1]
        )  # fmt: skip
    store.con.executemany(
        "INSERT INTO contacts (contact_id, started_at, channel, queue, agent_id, agent_name, "
        "wait_s, answered, talk_s, hold_s, acw_s, transferred, resolved, csat_score, csat_scale, "
        "csat_satisfied, complaint, customer_hash, customer_masked, import_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    store.con.execute(
        "INSERT INTO imports (file_name, sha256, kind, rows, rejected, imported_at, imported_by) "
        "VALUES ('话单明细.xlsx', 'x', 'contacts', ?, 1, ?, 'tester')",
        [len(rows), datetime(2026, 10, 8, 9, 0)],
    )
    store.con.execute(
        "INSERT INTO rejects VALUES (1, 'Sheet1', 12, '排队时长(秒)', 'not a duration', 'abc')"
    )
    return len(rows)


@pytest.fixture(scope="session")
def month_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per test session from the month's real workbooks (closed)."""
    from workbench.store import Store

    folder = tmp_path_factory.mktemp("month")
    path = folder / "template.duckdb"
    with Store.open(path) as store:
        build_store(store, folder / "files")
        store.con.execute("CHECKPOINT")
    return path


@pytest.fixture
def month_store(month_template: Path, tmp_path: Path):
    """A fresh copy of the month's store for one test."""
    from workbench.store import Store

    path = tmp_path / "month.duckdb"
    shutil.copyfile(month_template, path)
    store = Store.open(path)
    yield store
    store.close()


@pytest.fixture
def month_ctx(month_store, qapp):
    """An ``AppContext`` on the month's store, filtered to the whole week."""
    from workbench.domain import Filters
    from workbench.views.context import AppContext

    ctx = AppContext(month_store)
    ctx.set_filters(
        Filters(start=FIRST_DAY.date(), end=(FIRST_DAY + timedelta(days=DAYS - 1)).date())
    )
    yield ctx
    settle()


#: views and dialogs a test opened; closed by ``settle`` once their work is done
_OPEN: list = []


def track(widget):
    """Keep ``widget`` open until ``settle``: closing a view while its runner still has a
    query in flight would leave that (deleted) runner counted as busy for every later test."""
    _OPEN.append(widget)
    return widget


def shown(view, qtbot, size=(1400, 900)):
    """Show ``view`` at ``size`` and wait for its first load; it is closed by ``settle``."""
    track(view)
    view.resize(*size)
    view.show()
    view.refresh()
    assert view.wait(30)
    return view


def settle() -> None:
    """Let every view's work finish, then close the views (before the store is closed)."""
    from PySide6.QtCore import QCoreApplication

    from workbench.workers.runner import wait_for_idle

    assert wait_for_idle(20), "a view's work did not finish"
    while _OPEN:
        widget = _OPEN.pop()
        widget.close()
        widget.deleteLater()
    QCoreApplication.processEvents()
