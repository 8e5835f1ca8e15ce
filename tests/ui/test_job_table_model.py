"""The job list model: lazy pages, today first, filters and search, precise change signals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from tech_app.demo import demo_id
from tech_app.job_list import JobFilter, list_jobs
from tech_app.lifecycle import change_status
from tech_app.store.local import LocalStore
from tests.ui.conftest import DEMO_NOW, HEATER_IN
from ui import job_table_model
from ui.job_table_model import Column, JobTableModel


class CountingPages:
    """list_jobs with a tally of the rows it handed out."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store
        self.rows = 0
        self.calls: list[tuple[JobFilter, int, int, str]] = []

    def __call__(
        self, flt: JobFilter, offset: int, limit: int, order_by: str
    ) -> list[dict[str, Any]]:
        self.calls.append((flt, offset, limit, order_by))
        found = list_jobs(self.store, flt, offset=offset, limit=limit, order_by=order_by)
        self.rows += len(found)
        return found


def model_on(store: LocalStore, page_size: int = 100) -> tuple[JobTableModel, CountingPages]:
    pages = CountingPages(store)
    return JobTableModel(pages, clock=lambda: DEMO_NOW, page_size=page_size), pages


def fetch_all(model: JobTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def numbers(model: JobTableModel) -> list[str]:
    return [model.index(r, Column.NUMBER).data() for r in range(model.rowCount())]


def test_passes_the_model_tester(qtmodeltester, demo_store: LocalStore) -> None:
    model, _pages = model_on(demo_store, page_size=3)
    fetch_all(model)
    qtmodeltester.check(model)
    model.set_filter(JobFilter(text="王"))
    qtmodeltester.check(model)


def test_nothing_is_read_until_the_view_asks(demo_store: LocalStore) -> None:
    model, pages = model_on(demo_store)
    assert model.rowCount() == 0 and pages.calls == []
    assert model.canFetchMore(QModelIndex())


def test_todays_jobs_come_first_then_the_rest_by_window(demo_store: LocalStore) -> None:
    model, _pages = model_on(demo_store, page_size=2)
    fetch_all(model)
    tip = Qt.ItemDataRole.ToolTipRole  # the full date and time; the cell shows today's time only
    starts = [model.index(r, Column.WINDOW).data(tip) for r in range(model.rowCount())]
    assert [w[:10] for w in starts] == ["2026-11-28"] * 8 + ["2026-11-29"] * 5
    assert starts == sorted(starts)
    assert model.index(0, Column.WINDOW).data() == "08:00–09:00"
    assert model.index(8, Column.WINDOW).data() == "11-29 08:30–14:30"
    assert len(set(numbers(model))) == 13  # no job listed twice across the two segments
    today = model.index(0, Column.NUMBER).data(Qt.ItemDataRole.FontRole)
    tomorrow = model.index(9, Column.NUMBER).data(Qt.ItemDataRole.FontRole)
    assert today.bold() and tomorrow is None


def test_the_bold_rows_follow_the_clock_into_the_next_day(demo_store: LocalStore) -> None:
    now = [DEMO_NOW]
    model = JobTableModel(CountingPages(demo_store), clock=lambda: now[0])
    fetch_all(model)
    font = Qt.ItemDataRole.FontRole
    tomorrow = model.index(8, Column.NUMBER)
    assert model.index(0, Column.NUMBER).data(font).bold() and tomorrow.data(font) is None
    now[0] = DEMO_NOW + timedelta(days=1)
    model.refresh_clock()
    assert tomorrow.data(font).bold() and model.index(0, Column.NUMBER).data(font) is None


def test_cells_are_enabled_selectable_leaves_and_unasked_roles_are_empty(
    demo_store: LocalStore,
) -> None:
    model, _pages = model_on(demo_store)
    fetch_all(model)
    cell = model.index(0, Column.CUSTOMER)
    assert model.flags(cell) == (
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    )
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole):
        assert cell.data(role) is None
    assert cell.data() and cell.data(Qt.ItemDataRole.UserRole) == model.job_id(0)


def test_pages_are_read_one_at_a_time(demo_store: LocalStore) -> None:
    model, pages = model_on(demo_store, page_size=2)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 and pages.rows == 2
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4


@pytest.mark.parametrize(("typed", "customer"), [("王建", "王建国"), ("carter", "Emily Carter")])
def test_search_filters_by_chinese_and_english(
    demo_store: LocalStore, typed: str, customer: str
) -> None:
    model, _pages = model_on(demo_store)
    model.set_filter(JobFilter(text=typed))
    assert model.rowCount() == 1
    assert model.index(0, Column.CUSTOMER).data() == customer


def test_a_header_sort_orders_every_row(qtbot, demo_store: LocalStore) -> None:
    model, _pages = model_on(demo_store)
    with qtbot.waitSignal(model.modelReset):
        model.sort(Column.NUMBER, Qt.SortOrder.DescendingOrder)
    fetch_all(model)
    assert numbers(model) == sorted(numbers(model), reverse=True)
    model.sort(-1)
    fetch_all(model)
    assert model.index(0, Column.WINDOW).data() == "08:00–09:00"


def test_an_edit_is_announced_as_changed_rows_not_a_reset(qtbot, demo_store: LocalStore) -> None:
    model, _pages = model_on(demo_store)
    fetch_all(model)
    row = model.row_of(HEATER_IN)
    assert row is not None
    change_status(demo_store, HEATER_IN, "en_route")
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.reload()
    assert changed.args[0].row() == row == changed.args[1].row()
    assert model.index(row, Column.STATUS).data() == "En route"
    assert resets == []


def test_sla_state_is_coloured_against_the_injected_clock(demo_store: LocalStore) -> None:
    model, _pages = model_on(demo_store)
    fetch_all(model)
    row = model.row_of(HEATER_IN)
    text = model.index(row, Column.SLA).data()
    assert text.startswith("✘ Reply")  # due 2 h after the 16:20 call yesterday: breached
    tooltip = model.index(row, Column.SLA).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Breached: Reply due")
    colour = model.index(row, Column.SLA).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.name() == "#c62828"
    unpoliced = model.row_of(demo_id("job:heater-out"))
    assert model.index(unpoliced, Column.SLA).data() == ""


def test_a_read_error_is_reported_not_raised(qtbot) -> None:
    def broken(*_args: object) -> list[dict[str, Any]]:
        from tech_app.errors import StoreError

        raise StoreError("the job database is in use by another tech-app window")

    model = JobTableModel(broken, clock=lambda: datetime(2026, 11, 28, tzinfo=UTC))
    with qtbot.waitSignal(model.load_failed) as failed:
        model.fetchMore(QModelIndex())
    assert "in use" in str(failed.args[0])
    assert not model.canFetchMore(QModelIndex())


def test_the_roles_it_answers_are_qts_own() -> None:
    """The model names the roles as ints (so its module needs no ``Qt`` before the first
    paint); they are Qt's values."""
    roles = Qt.ItemDataRole
    assert roles.DisplayRole.value == job_table_model.DISPLAY_ROLE
    assert roles.ToolTipRole.value == job_table_model.TOOLTIP_ROLE
    assert roles.FontRole.value == job_table_model.FONT_ROLE
    assert roles.ForegroundRole.value == job_table_model.FOREGROUND_ROLE
    assert roles.UserRole.value == job_table_model.USER_ROLE
