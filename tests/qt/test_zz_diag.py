def test_diag(qapp):
    from workbench.workers.runner import _Tracked, any_busy
    from PySide6.QtCore import QThreadPool
    busy = [(r, r.parent(), r._running, r._pending if hasattr(r, "_pending") else None) for r in list(_Tracked.runners) if r.busy]
    print("BUSY", busy, QThreadPool.globalInstance().activeThreadCount())
    assert not busy
