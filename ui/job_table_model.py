"""The job list's table model: a window onto ``tech_app.job_list`` fetched page by page.

It never loads every job: Qt asks ``canFetchMore``/``fetchMore`` as the user
scrolls, and each call reads one page through the ``list_page`` collaborator
(``list_jobs(store, flt, offset=, limit=, order_by=)`` in the app, a counting
wrapper in tests). Rows are kept as small tuples; nothing else is cached.

Without an explicit sort, today's jobs come first (in window order) and then
every other job in window order. Both segments are read in the order of the
``jobs_window`` index, so the first page costs a millisecond on 100,000 jobs
where a computed "today first" ORDER BY would sort the whole table each page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItemModel

from tech_app.clock import utc_now
from tech_app.flag_codes import JobFlag, note_flags
from tech_app.job_list import JobFilter
from tech_app.job_sla import SlaSummary, summary
from tech_app.vocab import SlaState
from ui import labels
from ui.job_flags_banner import flag_name, flag_text
from ui.style import WARNING, sla_colour

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

ListPage = Callable[[JobFilter, int, int, str], list[dict[str, Any]]]
Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
_SLA_KEPT = 4 * PAGE_SIZE  # rows whose SLA state is kept between paints


class Column(IntEnum):
    WINDOW = 0
    NUMBER = 1
    CUSTOMER = 2
    ADDRESS = 3
    TYPE = 4
    STATUS = 5
    SLA = 6


# ORDER BY per column; ties broken by the job number so paging is stable.
_SORT_SQL = {
    Column.WINDOW: "jobs.window_start {d}, jobs.number {d}",
    Column.NUMBER: "jobs.number {d}",
    Column.CUSTOMER: "customers.name {d}, jobs.number {d}",
    Column.ADDRESS: "sites.address {d}, jobs.number {d}",
    Column.TYPE: "jobs.job_type {d}, jobs.window_start {d}, jobs.number {d}",
    Column.STATUS: "jobs.status {d}, jobs.window_start {d}, jobs.number {d}",
    # Deadlines run from the report time: the oldest report is the most urgent.
    Column.SLA: "jobs.reported_at {d}, jobs.number {d}",
}
_DEFAULT_ORDER = _SORT_SQL[Column.WINDOW].format(d="ASC")
# The SLA column leads with a mark so the state reads without colour, too.
_MARKS = {SlaState.BREACHED: "✘", SlaState.AT_RISK: "⚠", SlaState.ON_TRACK: "●", SlaState.MET: "✔"}


class JobRow(NamedTuple):
    id: str
    number: str
    type: str
    status: str
    window_start: str | None
    window_end: str | None
    reported_at: str
    sla_policy: str
    customer: str
    address: str
    phone: str
    # Milestones are read when the list query provides them (see sla_view).
    responded_at: str | None
    on_site_at: str | None
    completed_at: str | None
    flagged: str | None  # head office's review notes: a "replace the unit" shows

    def flags(self) -> tuple[JobFlag, ...]:
        return note_flags(self.flagged or "", self.status)

    @classmethod
    def of(cls, row: dict[str, Any]) -> JobRow:
        values: dict[str, Any] = {name: row.get(name) for name in cls._fields}
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class _Segment:
    flt: JobFilter
    order_by: str
    skip_seen: bool  # skip ids already listed by an earlier segment


@lru_cache(maxsize=1024)  # a row's window is read by several columns and roles per paint
def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# The ``Qt.ItemDataRole`` values ``data`` answers, as the ints Qt passes (fixed by Qt's
# ABI; tests/ui/test_job_table_model.py compares them): naming ``Qt`` here would build
# its whole namespace before the first paint (see ui/__init__.py).
DISPLAY_ROLE, TOOLTIP_ROLE, FONT_ROLE, FOREGROUND_ROLE, USER_ROLE = 0, 3, 6, 9, 256
# Qt asks for about twice as many roles per cell as it paints (decoration, alignment,
# background, check state…), and those are answered first.
_ROLES = frozenset({DISPLAY_ROLE, USER_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, FONT_ROLE})


class JobTableModel(QAbstractTableModel):
    """Jobs matching a filter, in pages, with the SLA state against the injected clock."""

    filter_applied = Signal()  # after a new filter or sort has been applied and paged in
    load_failed = Signal(object)  # a page could not be read (e.g. the database is locked)

    def __init__(
        self,
        list_page: ListPage,
        *,
        clock: Callable[[], datetime] = utc_now,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._list_page = list_page
        self._clock = clock
        self._page_size = page_size
        self._filter = JobFilter()
        self._sort: tuple[int, bool] = (-1, False)  # column (-1: natural order), descending
        self._rows: list[JobRow] = []
        self._now = clock()
        self._day = self._now.astimezone().date()  # today, for the rows shown in bold
        self._bold = QFont()
        self._bold.setBold(True)
        # Each SLA cell asks for its state twice per paint (text, colour): kept until the
        # clock moves. Keyed by the row's values, so an edited row is computed afresh.
        self._sla: dict[JobRow, SlaSummary | None] = {}
        self._segments = self._plan()
        self._segment = 0
        self._offset = 0  # rows read from the current segment, skipped ones included
        self._seen: set[str] = set()
        self._exhausted = False
        self._announcing_reset = False
        # The list's header paints its titles from this plain Qt model, not from a Python
        # ``headerData``: Qt would call that with a ``Qt.Orientation`` (building that
        # namespace before the first paint, see ui/__init__.py), and ~56 times on each
        # keystroke's reset. A new language (``announce_new_words``) fills it again.
        self.header_titles = QStandardItemModel(0, len(Column), self)
        self._show_titles()
        self.headerDataChanged.connect(self._show_titles)

    # -- what is listed --------------------------------------------------------
    @property
    def job_filter(self) -> JobFilter:
        return self._filter

    @property
    def fetched_count(self) -> int:
        return len(self._rows)

    def set_filter(self, flt: JobFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self._restart()

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Qt's sort (ascending unless told); column -1 returns to the natural order
        (today first)."""
        from PySide6.QtCore import Qt  # not at the top: see ui/__init__.py

        wanted = (column, order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:
            return
        self._sort = wanted
        self._restart()

    def job_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, job_id: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == job_id), None)

    def refresh_clock(self) -> None:
        """Recompute SLA states against the clock; only the SLA column changes."""
        self._set_now()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.SLA), self.index(len(self._rows) - 1, Column.SLA)
            )

    def reload(self) -> None:
        """Re-read the rows already shown after an edit, announcing only what changed.

        The same jobs in the same order give ``dataChanged`` for the edited rows
        (selection and scroll position stay); anything else is a new listing.
        """
        wanted = len(self._rows)
        old = self._rows
        self._reset_cursor()
        fresh: list[JobRow] = []
        try:
            while len(fresh) < wanted and not self._exhausted:
                fresh.extend(self._read_page())
        except Exception as exc:  # reported to the window, never raised inside a paint
            self._rows = old
            self.load_failed.emit(exc)
            return
        if [r.id for r in fresh[: len(old)]] != [r.id for r in old]:
            self.beginResetModel()
            self._rows = fresh
            self._announcing_reset = True
            try:
                self.endResetModel()
            finally:
                self._announcing_reset = False
            return
        # Pages may bring a few rows more than were shown; they are simply new rows.
        self._rows = fresh[: len(old)]
        for n, (before, after) in enumerate(zip(old, self._rows, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(Column) - 1))
        extra = fresh[len(old) :]
        if extra:
            self.beginInsertRows(QModelIndex(), len(old), len(fresh) - 1)
            self._rows.extend(extra)
            self.endInsertRows()

    # -- paging ------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._exhausted or self._announcing_reset:
            return
        try:
            rows = self._read_page()
        except Exception as exc:  # a locked database must not crash a scroll
            self._exhausted = True
            self.load_failed.emit(exc)
            return
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _plan(self) -> list[_Segment]:
        column, descending = self._sort
        if column >= 0:
            direction = "DESC" if descending else "ASC"
            return [_Segment(self._filter, _SORT_SQL[Column(column)].format(d=direction), False)]
        if self._filter.day:
            return [_Segment(self._filter, _DEFAULT_ORDER, False)]
        today = dataclasses.replace(self._filter, day=self._today().isoformat())
        return [
            _Segment(today, _DEFAULT_ORDER, False),
            _Segment(self._filter, _DEFAULT_ORDER, True),
        ]

    def _set_now(self) -> None:
        self._now = self._clock()
        self._day = self._now.astimezone().date()
        self._sla.clear()

    def _summary(self, row: JobRow) -> SlaSummary | None:
        if row not in self._sla:
            if len(self._sla) >= _SLA_KEPT:
                self._sla.clear()  # scrolled far: the rows on screen fill it again
            self._sla[row] = summary(row._asdict(), self._now)
        return self._sla[row]

    def _today(self) -> date:
        return self._clock().astimezone().date()

    def _reset_cursor(self) -> None:
        self._segments = self._plan()
        self._segment = 0
        self._offset = 0
        self._seen = set()
        self._exhausted = False

    def _restart(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._set_now()
        self._reset_cursor()
        # Listeners of modelReset (views, the model tester) may ask for more rows while
        # others have not yet seen the reset; rows inserted then would reach them out
        # of order. The first page is read just below, once every listener is done.
        self._announcing_reset = True
        try:
            self.endResetModel()
        finally:
            self._announcing_reset = False
        # Page in at once so a filter is applied when this returns, not at the next paint.
        self.fetchMore()
        self.filter_applied.emit()

    def _read_page(self) -> list[JobRow]:
        """Up to one page from the current segment, moving on when a segment runs out."""
        while self._segment < len(self._segments):
            segment = self._segments[self._segment]
            found = self._list_page(segment.flt, self._offset, self._page_size, segment.order_by)
            self._offset += len(found)
            if len(found) < self._page_size:
                self._segment += 1
                self._offset = 0
            rows = [JobRow.of(r) for r in found]
            if segment.skip_seen:
                rows = [r for r in rows if r.id not in self._seen]
            else:
                self._seen.update(r.id for r in rows)
            if rows:
                return rows
        self._exhausted = True
        return []

    # -- the table -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def titles(self) -> list[str]:
        """The column titles in the current language, in ``Column`` order."""
        return [
            self.tr("Time window"),
            self.tr("Job"),
            self.tr("Customer"),
            self.tr("Address"),
            self.tr("Type"),
            self.tr("Status"),
            self.tr("SLA"),
        ]

    def _show_titles(self, *_changed: object) -> None:
        self.header_titles.setHorizontalHeaderLabels(self.titles())

    # No ``flags``: QAbstractTableModel's (enabled, selectable, never has children) are
    # what the list wants, without a Python call per cell.

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == DISPLAY_ROLE:
            return self._display(row, column)
        if role == USER_ROLE:
            return row.id
        if role == TOOLTIP_ROLE:
            return self._tooltip(row, column)
        if role == FOREGROUND_ROLE and column == Column.SLA:
            found = self._summary(row)
            return sla_colour(found.state) if found else None
        if role == FOREGROUND_ROLE and column == Column.STATUS and row.flags():
            return WARNING
        if role == FONT_ROLE and self._is_today(row):
            return self._bold
        return None

    def _display(self, row: JobRow, column: Column) -> str:
        if column == Column.WINDOW:
            # Today's rows are bold and need no date; other days do.
            start, end = _parse(row.window_start), _parse(row.window_end)
            return labels.window(start, end, with_date=not self._is_today(row))
        if column == Column.NUMBER:
            return row.number
        if column == Column.CUSTOMER:
            return row.customer
        if column == Column.ADDRESS:
            return row.address
        if column == Column.TYPE:
            return labels.word(row.type)
        if column == Column.STATUS:
            # The mark leads, so a narrow column still shows it; the tooltip says why.
            flags = row.flags()
            if flags:
                return self.tr("⚑ {flags} · {status}").format(
                    status=labels.word(row.status), flags=", ".join(flag_name(f) for f in flags)
                )
            return labels.word(row.status)
        found = self._summary(row)
        if found is None:
            return ""
        return self.tr("{mark} {promise} {left}").format(
            mark=_MARKS[found.state],
            promise=labels.promise_name(found.timer.promise.name),
            left=labels.duration(found.timer.remaining),
        )

    def _tooltip(self, row: JobRow, column: Column) -> str | None:
        if column == Column.SLA:
            found = self._summary(row)
            if found is None:
                return None
            return self.tr("{state}: {promise} due {deadline}").format(
                state=labels.word(found.state),
                promise=labels.promise_name(found.timer.promise.name),
                deadline=labels.date_time(found.timer.deadline),
            )
        if column == Column.WINDOW:
            start = _parse(row.window_start)
            return labels.date_time(start) if start else None
        if column == Column.STATUS and row.flags():
            return "\n".join(flag_text(f) for f in row.flags())
        if column in (Column.CUSTOMER, Column.ADDRESS):
            return f"{row.customer}\n{row.address}\n{row.phone}"
        return None

    def _is_today(self, row: JobRow) -> bool:
        start = _parse(row.window_start)
        return start is not None and start.date() == self._day
