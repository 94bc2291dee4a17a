"""The export's progress reaches the status bar in the window's language (issue #16 item 6)."""

from __future__ import annotations

from desk_helpers import contacts_store, make_window, wait_idle

from workbench import i18n


def test_export_progress_is_chinese_in_a_chinese_window(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    before = i18n.language()
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "files", days=3)
    window = make_window(store, tmp_path / "s.ini", qtbot, lang="zh_CN")
    try:
        shown: list[str] = []
        window.statusBar().messageChanged.connect(shown.append)
        steps: list[str] = []
        window._job.progress.connect(lambda progress: steps.append(progress.message))
        out = tmp_path / "十月.xlsx"
        with qtbot.waitSignal(
            window._job.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy
        ):
            assert window.export_to(out)
        wait_idle()
        assert out.exists()
        assert "计算本期指标" in steps and "正在保存" in steps
        assert not any(step.isascii() for step in steps if step)  # no English step left
        assert "计算本期指标" in shown  # the step is what the status bar showed
    finally:
        window.close()
        wait_idle()
        i18n.set_language(before)
