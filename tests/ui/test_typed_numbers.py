"""A checklist reading typed on a Chinese keyboard is saved; what is no number is flagged."""

from __future__ import annotations

from tech_app.checklist import answers_of
from tests.ui.conftest import HEATER_IN
from tests.ui.helpers import commit_text
from ui.checklist_editors import NumberEditor
from ui.job_view import JobView


def _pressure(qtbot, ctx) -> NumberEditor:  # type: ignore[no-untyped-def]
    view = JobView(ctx)
    qtbot.addWidget(view)
    view.show_job(HEATER_IN)
    editor = view.checklist.editor("water_pressure")
    assert isinstance(editor, NumberEditor)
    return editor


def _stored(ctx) -> str | None:  # type: ignore[no-untyped-def]
    found = [
        a.value for (_a, k), a in answers_of(ctx.store, HEATER_IN).items() if k == "water_pressure"
    ]
    return found[0] if found else None


def test_full_width_digits_and_the_unit_are_saved_as_the_number(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _pressure(qtbot, ctx)
    commit_text(editor.field, "０．４２ ＭＰａ")  # as a Chinese input method commits it
    assert _stored(ctx) == "0.42"
    assert not editor.flagged


def test_a_reading_that_is_no_number_is_flagged_beside_the_field_and_not_saved(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    editor = _pressure(qtbot, ctx)
    commit_text(editor.field, "abc")
    assert editor.flagged and "“abc” is not a number" in editor.feedback.text()
    editor.field.setText("")
    commit_text(editor.field, "1.5 bar")
    assert "give the number in MPa" in editor.feedback.text()
    assert _stored(ctx) is None
