"""Every table model of the job view passes Qt's model tester with real rows in it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tech_app.charges import job_charges, job_estimate
from tech_app.records import TimeEntry
from tech_app.store.local import LocalStore
from tech_app.timesheet import start_timer, stop_timer
from tech_app.van import record_part_usage
from tests.ui.conftest import DEMO_NOW, HEATER_OUT
from ui.charges_model import ChargesModel
from ui.history import collapse, describe, job_changes
from ui.history_model import HistoryEntry, HistoryModel
from ui.part_usage_model import PartUsageModel, UsageLine
from ui.time_entry_model import TimeEntryModel


def test_part_usage_model(qtmodeltester) -> None:
    model = PartUsageModel()
    line = UsageLine(
        "a", "SH-FIT-20", "Pipe fitting DN20", Decimal("2"), "pc", 1800, "charged", "", False
    )
    model.set_lines([line])
    model.add_line(line._replace(id="b", stock_override=True))
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == "2 pc"
    assert model.index(1, 3).data() == "¥18.00"
    assert model.index(1, 0).data(3)  # tooltip on an over-stock line


def test_time_entry_model(qtmodeltester, demo_store: LocalStore) -> None:
    start_timer(demo_store, HEATER_OUT, "travel", "liu", now=DEMO_NOW)
    stop_timer(demo_store, HEATER_OUT, now=DEMO_NOW + timedelta(minutes=25))
    start_timer(demo_store, HEATER_OUT, "labour", "liu", now=DEMO_NOW + timedelta(minutes=30))
    model = TimeEntryModel()
    entries = demo_store.select(TimeEntry, "job_id = ?", [HEATER_OUT], order_by="started_at")
    model.set_entries(entries, entries[0].started_at.tzinfo)
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "25"
    assert model.index(1, 2).data() == "running"


def test_charges_model(qtmodeltester, demo_store: LocalStore) -> None:
    record_part_usage(demo_store, HEATER_OUT, "SH-FIT-20", "1", "charged", "liu", now=DEMO_NOW)
    model = ChargesModel()
    model.set_lines(job_estimate(demo_store, HEATER_OUT, 60).lines)
    qtmodeltester.check(model)
    model.set_lines(job_charges(demo_store, HEATER_OUT).lines)
    qtmodeltester.check(model)
    amounts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert "¥18.00" in amounts


def test_history_model(qtmodeltester, demo_store: LocalStore) -> None:
    start_timer(demo_store, HEATER_OUT, "labour", "liu", now=DEMO_NOW)
    changes = collapse(job_changes(demo_store, HEATER_OUT))
    model = HistoryModel()
    model.set_entries(
        [HistoryEntry(c.at, describe(c, demo_store, False), c.state) for c in changes], None
    )
    qtmodeltester.check(model)
    texts = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert texts[0] == "Labour timer started"  # newest first
    assert "Job created" in texts
    assert model.index(0, 2).data() == "waiting"
