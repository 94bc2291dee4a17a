"""Running work off the GUI thread (Qt): ``runner`` holds the generic helpers.

``LatestRunner`` for read queries (latest request wins), ``JobRunner`` for cancellable
generator jobs such as the import.
"""

from workbench.workers.runner import JobRunner, LatestRunner, any_busy, wait_for_idle

__all__ = ["JobRunner", "LatestRunner", "any_busy", "wait_for_idle"]
