"""Keys outside the store, the store encrypted at rest, signed workbooks (#15.1, #15.2, #19).

Everything goes through the real path: real DuckDB files, real imports, real workbooks written
and read back, the command line in subprocesses for exit codes. Keys live in a key file under
a temporary folder (``WORKBENCH_KEY_BACKEND=file``, ``WORKBENCH_KEY_HOME``; tests/conftest.py).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from workbench.errors import StoreUnavailable
from workbench.exporters import manifest as mf
from workbench.exporters.verify import verify_workbook
from workbench.exporters.workbook import export
from workbench.importing import import_files
from workbench.readers import values as V
from workbench.security import database as db
from workbench.security.keys import KeyHome
from workbench.security.signing import load_public
from workbench.security.storekeys import LEGACY_PERSONAL_KEY, FileConnection, KeyMissing
from workbench.store import Store, list_backups, restore_backup

AGENTS = ["ZHANGWEI-0001", "LINAJING-0002", "WANGFANG-0003"]
PHONES = [f"138{n:04d}{5678 + n:04d}"[:11] for n in range(20)]


def contacts_csv(path: Path, phones=PHONES, day: int = 1) -> Path:
    """A small contacts export with agent names and customer phone numbers."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "呼叫编号",
                "开始时间",
                "坐席工号",
                "坐席姓名",
                "技能组",
                "排队时长",
                "是否接通",
                "通话时长",
                "主叫号码",
            ]
        )
        for i, phone in enumerate(phones):
            out.writerow(
                [
                    f"C{day:02d}{i:05d}",
                    f"2026-10-{day:02d} 09:{i % 60:02d}:00",
                    f"A{i % 3}",
                    AGENTS[i % 3],
                    "信用卡",
                    10 + i,
                    "是",
                    100 + i,
                    phone,
                ]
            )
    return path


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--lang", "en", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    with Store.open(path) as store:
        result = import_files(store, [contacts_csv(tmp_path / "calls.csv")])
        assert result.files[0].status == "imported", result.files[0]
        assert store.con.execute("SELECT count(customer_hash) FROM contacts").fetchone()[0] == 20
    return path


# ---- encryption at rest (#19) ---------------------------------------------------------------
def test_store_file_and_backup_hold_no_plain_text_after_an_import(imported: Path) -> None:
    with Store.open(imported) as store:
        masked = [
            r[0] for r in store.con.execute("SELECT customer_masked FROM contacts").fetchall()
        ]
        backup = store.backup("manual")
        assert store.info()["encrypted"] is True
    assert masked and masked[0].count("*") == 4
    for file in (imported, backup):
        data = file.read_bytes()
        assert db.is_encrypted(file)
        for text in [*AGENTS, *masked, "contacts", "store_meta", "schema_version", "信用卡"]:
            assert text.encode("utf-8") not in data, (file.name, text)
    # and plain DuckDB cannot read it
    with pytest.raises(duckdb.Error, match="without a key"):
        duckdb.connect(str(imported), read_only=True)


def test_extension_loads_from_the_installed_package_with_signatures_checked() -> None:
    con = db.new_instance()
    settings = dict(
        con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('allow_unsigned_extensions',"
            " 'autoinstall_known_extensions', 'autoload_known_extensions')"
        ).fetchall()
    )
    assert settings == {
        "allow_unsigned_extensions": "false",
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
    }
    loaded = con.execute(
        "SELECT install_path FROM duckdb_extensions() WHERE extension_name = 'httpfs' AND loaded"
    ).fetchall()
    assert loaded and duckdb.__version__ == "1.5.5"
    assert db.extension_file("httpfs").is_file()
    con.close()


def test_a_tampered_extension_is_refused(tmp_path: Path) -> None:
    original = db.extension_file("httpfs").read_bytes()
    forged = tmp_path / "httpfs.duckdb_extension"
    middle = len(original) // 2
    forged.write_bytes(original[:middle] + bytes([original[middle] ^ 1]) + original[middle + 1 :])
    con = duckdb.connect(":memory:", config={"allow_unsigned_extensions": False})
    with pytest.raises(duckdb.Error, match=r"(?i)signature"):
        con.execute(f"LOAD '{db.sql_text(forged)}'")
    con.close()


def test_copied_store_without_its_key_exits_4_with_one_line(imported: Path, tmp_path) -> None:
    other = tmp_path / "elsewhere" / "store.duckdb"
    other.parent.mkdir()
    shutil.copy(imported, other)
    out = run_cli(
        "store",
        "--store",
        str(other),
        "info",
        env={"WORKBENCH_KEY_HOME": str(tmp_path / "second-home")},
    )
    assert out.returncode == 4, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "key is not on this machine" in lines[0] and "workbench keys import FILE" in lines[0]
    assert str(other) in lines[0]


def test_keys_move_to_a_second_home_and_the_store_opens_there(imported: Path, tmp_path) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text("a long passphrase\n", encoding="utf-8")
    keyfile = tmp_path / "store.wbkeys"
    out = run_cli(
        "keys", "--store", str(imported), "export", str(keyfile), "--passphrase-file", str(secret)
    )
    assert out.returncode == 0, out.stderr
    assert "database" not in keyfile.read_text() or "sealed" in keyfile.read_text()
    with Store.open(imported, read_only=True) as store:
        database_key = KeyHome.default().get(store.store_id, "database")
    assert database_key not in keyfile.read_text()  # wrapped, not in clear
    second = {"WORKBENCH_KEY_HOME": str(tmp_path / "laptop")}
    copy = tmp_path / "laptop-store.duckdb"
    shutil.copy(imported, copy)
    assert run_cli("store", "--store", str(copy), "info", env=second).returncode == 4
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    bad = run_cli("keys", "import", str(keyfile), "--passphrase-file", str(wrong), env=second)
    assert bad.returncode == 3 and "wrong passphrase" in bad.stderr
    good = run_cli("keys", "import", str(keyfile), "--passphrase-file", str(secret), env=second)
    assert good.returncode == 0, good.stderr
    info = run_cli("store", "--store", str(copy), "--json", "info", env=second)
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["rows"]["contacts"] == 20
    assert json.loads(info.stdout)["personal_data_key"] == "present"


def test_key_file_is_readable_by_the_user_only(imported: Path) -> None:
    home = KeyHome.default()
    assert home.kind.startswith("file")
    mode = stat.S_IMODE(home.secrets_file.stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(home.folder.stat().st_mode) == 0o700


def build_plain_store(path: Path, tmp_path: Path) -> dict[str, int]:
    """A store as the first version wrote it: plain DuckDB, the personal key inside."""
    db.ENCRYPTED = False
    try:
        with Store.open(path) as store:
            import_files(store, [contacts_csv(tmp_path / "plain.csv")])
            store.con.execute(
                "DELETE FROM store_meta WHERE key IN ('store_id', 'personal_key_check')"
            )
            key = KeyHome.default().get(store.store_id, "personal")
            store.con.execute("INSERT INTO store_meta VALUES (?, ?)", [LEGACY_PERSONAL_KEY, key])
            counts = store.row_counts()
        KeyHome.default().delete(store.store_id, "personal")
        KeyHome.default().delete(store.store_id, "database")
    finally:
        db.ENCRYPTED = True
    return counts


def test_plain_store_is_converted_keeping_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    counts = build_plain_store(path, tmp_path)
    assert not db.is_encrypted(path)
    legacy = duckdb.connect(str(path), read_only=True)
    (old_key,) = legacy.execute(
        "SELECT value FROM store_meta WHERE key = ?", [LEGACY_PERSONAL_KEY]
    ).fetchone()
    old_hashes = legacy.execute("SELECT customer_hash FROM contacts ORDER BY 1").fetchall()
    legacy.close()
    with Store.open(path) as store:
        assert store.row_counts() == counts
        assert store.meta(LEGACY_PERSONAL_KEY) is None  # the key left the store...
        assert KeyHome.default().get(store.store_id, "personal") == old_key  # ...for the home
        # the same customers link: a new import hashes with the same key
        import_files(store, [contacts_csv(tmp_path / "more.csv", PHONES[:3], day=2)])
        linked = store.con.execute("SELECT count(DISTINCT customer_hash) FROM contacts").fetchone()[
            0
        ]
        assert linked == 20
        assert (
            store.con.execute(
                "SELECT customer_hash FROM contacts WHERE started_at < '2026-10-02' ORDER BY 1"
            ).fetchall()
            == old_hashes
        )
    assert db.is_encrypted(path)
    backups = list_backups(path)
    assert backups and any(b.name.endswith("-before-encryption.duckdb") for b in backups)
    for file in [path, *backups]:  # no plain copy, and the old key nowhere
        assert db.is_encrypted(file), file
        assert old_key.encode() not in file.read_bytes()
        with FileConnection(file) as con:
            assert con.execute("SELECT count(*) FROM contacts").fetchone()[0] >= counts["contacts"]
            assert (
                con.execute(
                    "SELECT count(*) FROM store_meta WHERE key = ?", [LEGACY_PERSONAL_KEY]
                ).fetchone()[0]
                == 0
            )
    assert not list(tmp_path.glob("*.encrypting*"))


def test_a_backup_restores_only_with_its_key(imported: Path, tmp_path: Path) -> None:
    with Store.open(imported) as store:
        made = store.backup("manual")
        store_id = store.store_id
    home = KeyHome.default()
    key = home.get(store_id, "database")
    home.delete(store_id, "database")
    try:
        with pytest.raises(KeyMissing):
            restore_backup(imported, made)
        with pytest.raises(KeyMissing):
            restore_backup(imported)
    finally:
        home.set(store_id, "database", key)
    assert restore_backup(imported, made) == made
    with Store.open(imported, read_only=True) as store:
        assert store.row_counts()["contacts"] == 20


def test_damaged_encrypted_store_is_reported_as_damage(imported: Path) -> None:
    from workbench.store import StoreDamaged

    data = bytearray(imported.read_bytes())
    for i in range(4096 * 3, len(data) - 1, 997):
        data[i] ^= 0x5A
    imported.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        Store.open(imported)


def test_two_stores_open_side_by_side_each_see_their_own_tables(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.duckdb") as a, Store.open(tmp_path / "b.duckdb") as b:
        import_files(a, [contacts_csv(tmp_path / "calls.csv")])
        assert a.row_counts()["contacts"] == 20 and b.row_counts()["contacts"] == 0
        assert a.schema_version() == b.schema_version()
        cursor = b.cursor()
        assert cursor.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
        cursor.close()
    with (
        pytest.raises(StoreUnavailable),
        Store.open(tmp_path / "a.duckdb"),
        Store.open(tmp_path / "a.duckdb"),
    ):
        pass


# ---- the personal-data key outside the store (#15.1) -----------------------------------------
def test_personal_key_is_never_in_the_store_a_backup_or_an_export(imported: Path, tmp_path):
    with Store.open(imported) as store:
        key = KeyHome.default().get(store.store_id, "personal")
        assert key and store.meta(LEGACY_PERSONAL_KEY) is None
        metas = dict(store.con.execute("SELECT key, value FROM store_meta").fetchall())
        backup = store.backup("manual")
        result = export(store, tmp_path / "m.xlsx", start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert key not in json.dumps(metas)
    with FileConnection(backup) as con:
        assert key not in json.dumps(con.execute("SELECT * FROM store_meta").fetchall())
    wb = load_workbook(result.path, read_only=True)
    text = json.dumps([list(ws.values) for ws in wb.worksheets], default=str)
    wb.close()
    assert key not in text


def test_attacker_with_the_store_file_recovers_no_phone_number(imported: Path) -> None:
    """The attacker holds the store file (and even its database key): every candidate behind
    each mask (10,000 per 138****5678), hashed with every value the file holds, matches
    nothing; the same search with the real key finds all 20 (so the attack itself works)."""
    with Store.open(imported, read_only=True) as store:
        rows = store.con.execute(
            "SELECT DISTINCT customer_hash, customer_masked FROM contacts"
        ).fetchall()
        material = {v for (v,) in store.con.execute("SELECT value FROM store_meta").fetchall()}
        material |= {v for (v,) in store.con.execute("SELECT value FROM settings").fetchall()}
        real_key = bytes.fromhex(KeyHome.default().get(store.store_id, "personal"))
    guesses = [b""] + [m.encode() for m in material if m]
    guesses += [bytes.fromhex(m) for m in material if m and len(m) % 2 == 0 and _is_hex(m)]

    def attack(keys: list[bytes]) -> set[str]:
        found = set()
        for stored_hash, masked in rows:
            prefix, suffix = masked[:3], masked[-4:]
            candidates = [f"{prefix}{n:04d}{suffix}" for n in range(10_000)]
            for key in keys:
                hashes, _masks = V.hash_and_mask(candidates, key)
                if stored_hash in hashes:
                    found.add(candidates[hashes.index(stored_hash)])
        return found

    assert len(rows) == 20
    assert attack(guesses) == set()
    assert attack([real_key]) == set(PHONES)
    assert (
        V.hash_personal(PHONES[0], real_key)
        == hmac.new(real_key, V.personal_key(PHONES[0]).encode(), hashlib.sha256).hexdigest()[
            : len(V.hash_personal(PHONES[0], real_key))
        ]
    )


def _is_hex(text: str) -> bool:
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return True


def test_without_the_personal_key_the_store_shows_all_but_refuses_personal_imports(
    imported: Path, tmp_path: Path
) -> None:
    with Store.open(imported) as store:
        store_id = store.store_id
    home = KeyHome.default()
    personal = home.get(store_id, "personal")
    home.delete(store_id, "personal")
    try:
        info = run_cli("store", "--store", str(imported), "info")
        assert info.returncode == 0 and "contacts:" in info.stdout
        assert "personal-data key missing" in info.stdout
        kpis = run_cli(
            "kpis", "--store", str(imported), "--from", "2026-10-01", "--to", "2026-10-31", "--json"
        )
        assert kpis.returncode == 0, kpis.stderr
        with Store.open(imported) as store:
            new = contacts_csv(tmp_path / "new.csv", PHONES[:2], day=3)
            refused = import_files(store, [new]).files[0]
            assert refused.status == "rejected"
            assert "workbench keys import FILE" in str(refused)
            assert store.row_counts()["contacts"] == 20  # nothing of it stored
        out = run_cli(
            "import",
            "--store",
            str(imported),
            str(contacts_csv(tmp_path / "new2.csv", PHONES[:2], day=4)),
        )
        assert out.returncode == 3
        assert len(out.stderr.strip().splitlines()) >= 1
        assert "workbench keys import FILE" in out.stderr
    finally:
        home.set(store_id, "personal", personal)


# ---- signed workbooks (#15.2) ----------------------------------------------------------------
@pytest.fixture
def signed(imported: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    out = run_cli(
        "export", "--store", str(imported), "--period", "2026-10", "--out", str(tmp_path / "m.xlsx")
    )
    assert out.returncode == 0, out.stderr
    printed = out.stdout.strip().splitlines()[-1]
    assert printed.startswith("signed by key SHA256:")
    pub = tmp_path / "centre.pub"
    got = run_cli("keys", "--store", str(imported), "export-public", str(pub))
    assert got.returncode == 0, got.stderr
    return tmp_path / "m.xlsx", pub, printed.split()[-1]


def test_export_signs_and_verify_proves_origin(signed) -> None:
    workbook, pub, fingerprint = signed
    wb = load_workbook(workbook, read_only=True)
    cover_values = [v for row in wb.worksheets[0].values for v in row]
    wb.close()
    assert fingerprint in cover_values  # printed on the cover sheet
    out = run_cli("verify", str(workbook), "--public-key", str(pub))
    assert out.returncode == 0, out.stderr
    assert f"verified, signed by {fingerprint}" in out.stdout
    result = verify_workbook(workbook, public_key=load_public(pub))
    assert result.ok and result.signature == "verified" and result.signed_by == fingerprint


def test_verify_fails_with_a_foreign_key(signed, tmp_path: Path) -> None:
    workbook, _pub, _fp = signed
    with Store.open(tmp_path / "other-centre.duckdb") as other:
        other_id = other.store_id
    foreign = tmp_path / "other.pub"
    assert (
        run_cli(
            "keys", "--store", str(tmp_path / "other-centre.duckdb"), "export-public", str(foreign)
        ).returncode
        == 0
    )
    assert other_id
    out = run_cli("verify", str(workbook), "--public-key", str(foreign))
    assert out.returncode == 5
    assert "signed by another key" in out.stderr


def test_edited_cell_with_recomputed_digests_fails_verification(signed, tmp_path) -> None:
    """The attacker edits a figure and recomputes every digest of the manifest (the first
    version's check then passes); the signature does not cover the new digest: exit 5."""
    workbook, pub, _fp = signed
    forged = tmp_path / "forged.xlsx"
    recompute_after_edit(workbook, forged)
    unsigned_check = verify_workbook(forged)  # digests all agree: only the signature is left
    assert [p for p in unsigned_check.problems if "signature" not in p] == []
    out = run_cli("verify", str(forged), "--public-key", str(pub))
    assert out.returncode == 5
    assert "signature does not match" in out.stderr
    # the same forgery with the signature row removed: unsigned, so origin not proven
    stripped = tmp_path / "stripped.xlsx"
    recompute_after_edit(workbook, stripped, drop_signature=True)
    out = run_cli("verify", str(stripped), "--public-key", str(pub))
    assert out.returncode == 5 and "unsigned" in out.stderr


def recompute_after_edit(source: Path, target: Path, *, drop_signature: bool = False) -> None:
    from workbench.exporters.labels import MANIFEST_SHEET_NAMES
    from workbench.exporters.verify import read_manifest
    from workbench.exporters.workbook import DIGEST_COL, FIRST_DATA_ROW

    wb = load_workbook(source)
    summary = wb.worksheets[1]
    cell = next(
        c
        for row in summary.iter_rows(min_row=FIRST_DATA_ROW)
        for c in row
        if isinstance(c.value, float) and type(c).__name__ == "Cell"
    )
    cell.value += 0.05
    ms = next(ws for ws in wb.worksheets if ws.title in MANIFEST_SHEET_NAMES)
    rows = list(ms.iter_rows(values_only=True))
    m = read_manifest(rows)
    for r in range(1, ms.max_row + 1):
        key, what = ms.cell(r, 1).value, ms.cell(r, 2).value
        entry = next((e for e in m.sheets if e["key"] == key), None)
        if entry is None:
            continue
        sd = mf.sheet_digest(entry["name"], list(mf.values_as_read(wb[entry["name"]])))
        if what == entry["name"]:
            ms.cell(r, DIGEST_COL).value = sd.digest
        elif what == "columns":
            ms.cell(r, DIGEST_COL).value = " ".join(sd.cols)
        elif what == "rows":
            part = int(ms.cell(r, 3).value)
            chunk = len(str(ms.cell(r, DIGEST_COL).value or "").split()) or 1
            ms.cell(r, DIGEST_COL).value = " ".join(sd.rows[part * chunk : (part + 1) * chunk])
    end = next(r for r in range(1, ms.max_row + 1) if ms.cell(r, 1).value == "[end]")
    ms.cell(end, 2).value = mf.sheet_digest(ms.title, list(mf.values_as_read(ms))[: end - 1]).digest
    if drop_signature:
        for c in range(1, 5):
            ms.cell(end + 1, c).value = None
    wb.save(target)


def test_unsigned_first_version_workbook_verifies_as_unsigned(signed, tmp_path) -> None:
    """A first-version workbook is today's layout without the [signature] row below [end]."""
    from workbench.exporters.labels import MANIFEST_SHEET_NAMES

    workbook, pub, _fp = signed
    wb = load_workbook(workbook)
    ms = next(ws for ws in wb.worksheets if ws.title in MANIFEST_SHEET_NAMES)
    end = next(r for r in range(1, ms.max_row + 1) if ms.cell(r, 1).value == "[end]")
    assert ms.cell(end + 1, 1).value == "[signature]"
    ms.delete_rows(end + 1)
    old = tmp_path / "old.xlsx"
    wb.save(old)
    out = run_cli("verify", str(old))
    assert out.returncode == 0, out.stderr
    assert "unsigned" in out.stdout
    assert verify_workbook(old).signature == "unsigned"
    assert run_cli("verify", str(old), "--public-key", str(pub)).returncode == 5


def test_rotate_makes_a_new_key_and_old_workbooks_still_verify_with_the_old_one(signed) -> None:
    workbook, pub, fingerprint = signed
    store = workbook.parent / "store.duckdb"
    out = run_cli("keys", "--store", str(store), "rotate")
    assert out.returncode == 0 and fingerprint not in out.stdout
    assert run_cli("verify", str(workbook), "--public-key", str(pub)).returncode == 0
    show = run_cli("keys", "--store", str(store), "show", "--json")
    assert json.loads(show.stdout)["signing_key"] not in (None, fingerprint)
    assert KeyHome.default().get(json.loads(show.stdout)["store_id"], "database") not in show.stdout


# ---- personal data in clear: password-protected workbooks (#19.4) -----------------------------
def test_show_personal_data_writes_a_password_protected_workbook(imported: Path, tmp_path):
    from workbench.security.wrapping import is_encrypted_workbook

    password = tmp_path / "pw.txt"
    password.write_text("s3cret-pass\n", encoding="utf-8")
    out_file = tmp_path / "clear.xlsx"
    out = run_cli(
        "export",
        "--store",
        str(imported),
        "--period",
        "2026-10",
        "--out",
        str(out_file),
        "--show-personal-data",
        "--password-file",
        str(password),
    )
    assert out.returncode == 0, out.stderr
    assert is_encrypted_workbook(out_file)
    with pytest.raises(Exception):  # noqa: B017 - not a zip: openpyxl cannot read it
        load_workbook(out_file)
    ok = run_cli("verify", str(out_file), "--password-file", str(password))
    assert ok.returncode == 0, ok.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("guess\n", encoding="utf-8")
    bad = run_cli("verify", str(out_file), "--password-file", str(wrong))
    assert bad.returncode == 3 and "wrong password" in bad.stderr
    no_password = run_cli(
        "export",
        "--store",
        str(imported),
        "--period",
        "2026-10",
        "--out",
        str(tmp_path / "x.xlsx"),
        "--show-personal-data",
    )
    assert no_password.returncode == 2 and not (tmp_path / "x.xlsx").exists()


def test_keys_live_in_the_os_credential_store_when_there_is_one(tmp_path: Path) -> None:
    """Through keyring's own API (here its file backend in a temporary folder, standing for
    Windows Credential Manager / Keychain / Secret Service): the key file then holds nothing."""
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "os-credentials.cfg")
    home = KeyHome(tmp_path / "index-only", backend=backend)
    assert home.kind.startswith("keyring")
    store = tmp_path / "kr.duckdb"
    from workbench.security import storekeys

    opened = storekeys.connect(store, False, home)
    opened.con.execute("CREATE TABLE t AS SELECT 1 AS x")
    opened.con.close()
    db.detach(opened.alias)
    assert backend.get_password("Workbench", f"{opened.store_id}/database") == opened.key
    assert not home.secrets_file.exists()  # no key file beside the index
    assert opened.key not in (tmp_path / "index-only" / "index.json").read_text()
    again = storekeys.connect(store, True, home)  # found again through the index
    assert again.store_id == opened.store_id
    assert again.con.execute("SELECT x FROM t").fetchone()[0] == 1
    again.con.close()
    db.detach(again.alias)
    home.delete(opened.store_id, "database")
    with pytest.raises(KeyMissing):
        storekeys.connect(store, True, home)


def test_the_in_memory_host_can_spill_to_a_folder_only_the_user_reads() -> None:
    """Large imports are staged under a memory limit: the host must have somewhere to spill."""
    from workbench.security import database

    con = database.new_instance()
    try:
        folder = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])
    finally:
        con.close()
    assert folder.is_dir() and folder.parent.parent.name == "duckdb-spill"
    assert folder.parent.parent.stat().st_mode & 0o077 == 0
    other = database.new_instance()
    try:
        second = Path(other.execute("SELECT current_setting('temp_directory')").fetchone()[0])
    finally:
        other.close()
    assert second != folder and second.parent == folder.parent  # one folder per instance


def test_what_the_host_spills_to_disk_is_encrypted(tmp_path: Path) -> None:
    """Rows staged under a memory limit spill to DuckDB's temporary files: a lost laptop
    (or a crash that leaves them behind) must not hand over the customer numbers in them."""
    from workbench.security import database

    con = database.new_instance()
    try:
        folder = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0])
        con.execute("SET memory_limit = '40MB'")
        con.execute(
            "CREATE TEMP TABLE spilled AS SELECT 'CUSTOMER13800138' || i::VARCHAR || "
            "repeat('x', 20) AS phone FROM range(2000000) r(i)"
        )
        assert con.execute("SELECT count(DISTINCT phone) FROM spilled").fetchone()[0] == 2_000_000
        files = [f for f in folder.iterdir() if f.is_file() and f.stat().st_size]
        assert files, "nothing spilled: the test would prove nothing"
        assert not any(b"CUSTOMER13800138" in f.read_bytes() for f in files)
    finally:
        con.close()


def test_each_process_spills_to_a_folder_of_its_own() -> None:
    """DuckDB names its temporary files the same in every process: two processes sharing a
    folder overwrote each other's ("Could not read enough bytes from file …")."""
    import os
    import subprocess
    import sys

    from workbench.security import database

    mine = database.spill_dir()
    code = (
        "from workbench.security import database; import os\n"
        "folder = database.spill_dir(); print(folder); assert folder.is_dir()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    other = Path(done.stdout.strip())
    assert other != mine and other.parent == mine.parent
    assert mine.name == f"p{os.getpid()}"
    assert not other.exists()  # removed when that process ended
