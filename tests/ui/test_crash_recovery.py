"""Nothing typed is lost when the app dies: answers are saved as they are entered."""

from __future__ import annotations

import shiboken6

from tech_app.checklist import answers_of
from tech_app.profile import database_path
from tech_app.store.local import open_store
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import commit_text
from ui.app import close_context
from ui.checklist_editors import NumberEditor, TextEditor
from ui.job_view import JobView


def test_typed_values_survive_the_widget_being_destroyed(qtbot, make_ctx, demo_profile) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx(demo_profile)
    view = JobView(ctx)
    view.show_job(HEATER_IN)
    pressure = view.checklist.editor("water_pressure")
    assert isinstance(pressure, NumberEditor)
    qtbot.keyClicks(pressure.field, "0.42")
    # The crash: the C++ widget is gone at once — no focus-out, no close event, no save call.
    shiboken6.delete(view)
    close_context(ctx)

    fresh = open_store(database_path(demo_profile))  # a new process would open it like this
    (answer,) = [
        a for (_asset, key), a in answers_of(fresh, HEATER_IN).items() if key == "water_pressure"
    ]
    assert answer.value == "0.42"
    fresh.close()

    reopened = JobView(make_ctx(demo_profile))
    qtbot.addWidget(reopened)
    reopened.show_job(HEATER_IN)
    field = reopened.checklist.editor("water_pressure")
    assert isinstance(field, NumberEditor)
    assert field.field.text() == "0.42"


def test_text_answers_are_saved_keystroke_by_keystroke(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import FLEET

    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show_job(FLEET)
    first_truck = view.checklist.editor("recommendation")
    assert isinstance(first_truck, TextEditor)
    commit_text(first_truck.field, "更换")
    commit_text(first_truck.field, "货叉")
    values = [
        a.value for (_a, key), a in answers_of(ctx.store, FLEET).items() if key == "recommendation"
    ]
    assert values == ["更换货叉"]
    # Two saves of one answer would be noise in the history: one line per run of edits.
    view.tabs.setCurrentWidget(view.history_table)
    texts = [view.history_model.index(r, 1).data() for r in range(view.history_model.rowCount())]
    assert sum("Recommended actions" in t for t in texts) == 1
