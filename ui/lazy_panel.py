"""A job's tab page that reads its records when it is on screen, not when the job opens.

Opening a job shows its overview; the checklist's 30 editors, the priced bill, the
unit's earlier visits are work the technician waits for only on their own tabs. A page
mixing in ``FilledWhenShown`` is told the job (``load``) and reads it (``fill``) when it
is shown, at once if it is on screen already, or when a caller needs it filled
(``ensure_filled``). A change made elsewhere (a part added, a timer moved) marks it
stale (``reload``): read again now if on screen, else when next shown.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class _Pending(IntEnum):
    NOTHING = 0
    REFILL = 1  # the same job's records changed
    FILL = 2  # another job


class FilledWhenShown:
    """Mixin for a ``QWidget`` page (put it before the Qt class in the bases)."""

    _lazy_job_id = ""
    _lazy_pending = _Pending.NOTHING

    def fill(self, job_id: str) -> None:
        """Read the job's records and show them (the page's own ``load`` of before)."""
        raise NotImplementedError

    def refill(self) -> None:
        """Show the same job's records again; a page with inputs worth keeping (a name
        typed, a box ticked) overrides this to refresh without resetting them."""
        self.fill(self._lazy_job_id)

    def load(self, job_id: str) -> None:
        """Show this job: now if the page is on screen, else when it is shown."""
        self._lazy_job_id = job_id
        self._lazy_pending = _Pending.FILL
        self._fill_if_shown()

    def reload(self) -> None:
        """The job's records changed: read again now if on screen, else when shown."""
        if self._lazy_job_id:
            self._lazy_pending = max(self._lazy_pending, _Pending.REFILL)
            self._fill_if_shown()

    @property
    def is_stale(self) -> bool:
        return self._lazy_pending is not _Pending.NOTHING

    def ensure_filled(self) -> None:
        pending, self._lazy_pending = self._lazy_pending, _Pending.NOTHING
        if pending is _Pending.FILL:
            self.fill(self._lazy_job_id)
        elif pending is _Pending.REFILL:
            self.refill()

    def _fill_if_shown(self) -> None:
        assert isinstance(self, QWidget)
        if self.isVisible():
            self.ensure_filled()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        self.ensure_filled()
