"""Regenerate the screenshots in docs/screenshots, in English and in Chinese.

    python -m ui.screenshots [--out docs/screenshots]

Runs headless (Qt's offscreen platform; ``xvfb-run -a`` works too) on a temp
profile holding the demo day, with the clock fixed at 10:30 in Beijing on
2026-11-28 so SLA countdowns read the same every time. Chinese needs a CJK font
(Debian: fonts-wqy-microhei), or every character is a box.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import dataclasses
import math
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QLocale, QModelIndex, QPointF, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from tech_app import review_notes
from tech_app.demo import demo_id, load_demo
from tech_app.profile import database_path
from tech_app.records import Job
from tech_app.rules.recurring import recurring_note
from tech_app.store.local import LocalStore, open_store
from tech_app.vocab import JobStatus
from ui.app import close_context, create_context
from ui.checklist_editors import NumberEditor, YesNoEditor
from ui.context import AppContext
from ui.i18n import install_translator, remove_translators
from ui.main_window import MainWindow
from ui.settings import AppSettings, settings_at
from ui.signoff_dialog import SignoffDialog

DEMO_DAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)  # 10:30 in Beijing
WINDOW_SIZE = (1366, 740)  # a 1366×768 laptop less the title bar (issue 13)
MAX_BYTES = 200_000
HEATER_IN = demo_id("job:heater-in")
# A signature: a looping first name and a flourish, as point lists in pad coordinates.
SIGNATURE = (
    [
        (int(40 + 2.2 * t + 14 * math.sin(t / 4)), int(100 - 38 * math.sin(t / 7) ** 2))
        for t in range(0, 110, 3)
    ],
    [(int(300 + 3 * t), int(95 - 25 * math.sin(t / 9) + t / 4)) for t in range(0, 60, 3)],
)


def save(widget: QWidget, path: Path) -> Path:
    """Grab a widget to PNG, falling back to an 8-bit palette if it is over 200 KB."""
    QApplication.processEvents()
    image = widget.grab().toImage()
    image.save(str(path), "PNG")  # type: ignore[call-overload]  # see signature_pad
    if path.stat().st_size > MAX_BYTES:
        image.convertToFormat(QImage.Format.Format_Indexed8).save(str(path), "PNG", 9)  # type: ignore[call-overload]
    return path


def wait_for(condition: Callable[[], bool], timeout_ms: int = 60_000) -> None:
    """Run the event loop until ``condition`` holds (the slip renders on the worker)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start(20)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()


def let_pdf_view_paint(ms: int = 2_000) -> None:
    """QPdfView renders its pages on a thread of its own, with no signal when done; on a
    busy machine a grab right after loading shows a blank page. A screenshot may wait."""
    wait_for(lambda: False, ms)


def visit_under_way(ctx: AppContext, window: MainWindow) -> None:
    """On site at the heater, part of the checklist answered (one reading out of range)."""
    window.job_list.select_job(HEATER_IN)
    view = window.job_view
    view.change_status(JobStatus.EN_ROUTE)
    view.change_status(JobStatus.ON_SITE)
    form = view.checklist
    leak = form.editor("tank_leak")
    assert isinstance(leak, YesNoEditor)
    leak.yes.click()
    pressure = form.editor("water_pressure")
    assert isinstance(pressure, NumberEditor)
    pressure.field.setText("0.72")
    pressure.on_text_edited("0.72")
    temperature = form.editor("water_temp")
    assert isinstance(temperature, NumberEditor)
    temperature.field.setText("58")
    temperature.on_text_edited("58")
    view.parts.pick_by_key("SH-TUBE-58")
    view.parts.add_part(confirm_negative=False)
    view.charges.refresh()


def flag_recurring_fault(store: LocalStore) -> None:
    """The heater as head office flags it on a repair inside the last repair's promise:
    the job view's "replace the unit" chip shows in the screenshots."""
    job = store.get(Job, HEATER_IN)
    note = recurring_note(
        "SH-2024-00871", "SV-260815-03", "liu", date(2026, 8, 15), date(2027, 8, 14)
    )
    store.save(dataclasses.replace(job, flagged=review_notes.add(job.flagged, note)))


def draw_signature(dialog: SignoffDialog) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QMouseEvent

    pad = dialog.pad
    for stroke in SIGNATURE:
        for n, (x, y) in enumerate(stroke):
            kind = (
                QEvent.Type.MouseButtonPress
                if n == 0
                else QEvent.Type.MouseButtonRelease
                if n == len(stroke) - 1
                else QEvent.Type.MouseMove
            )
            held = (
                Qt.MouseButton.NoButton
                if kind == QEvent.Type.MouseButtonRelease
                else (Qt.MouseButton.LeftButton)
            )
            button = (
                Qt.MouseButton.NoButton
                if kind == QEvent.Type.MouseMove
                else (Qt.MouseButton.LeftButton)
            )
            point = QPointF(x, y)
            QApplication.sendEvent(
                pad, QMouseEvent(kind, point, point, button, held, Qt.KeyboardModifier.NoModifier)
            )


def use_language(language: str) -> tuple[QApplication, list[Any]]:
    """The app speaking ``language`` (translator and locale); returns the translators."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translator(app, language)
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if language.startswith("zh")
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    return app, translators


def shoot(language: str, out: Path, workdir: Path) -> list[Path]:
    app, translators = use_language(language)
    profile = workdir / language
    store = open_store(database_path(profile))
    load_demo(store, DEMO_DAY)
    flag_recurring_fault(store)
    store.close()
    clock_now = [NOW]
    ctx = create_context(
        profile,
        AppSettings(settings_at(workdir / f"{language}.ini")),
        language=language,
        clock=lambda: clock_now[0],
    )
    shots: list[Path] = []
    window = MainWindow(ctx, search_delay_ms=0)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.job_list.select_row(0)
    # The second segment of the list (tomorrow on) is paged in by the view's own loop.
    wait_for(lambda: not window.model.canFetchMore(QModelIndex()), 5_000)
    shots.append(save(window, out / f"main_window_{language}.png"))

    visit_under_way(ctx, window)
    clock_now[0] = NOW + timedelta(minutes=35)
    window.on_clock_tick()
    view = window.job_view
    view.tabs.setCurrentWidget(view.overview)
    # The whole window on site: the flags above the tabs, the status bar offering to
    # undo the timers the steps moved.
    shots.append(save(window, out / f"on_site_{language}.png"))
    shots.append(save(window.status, out / f"status_bar_{language}.png"))
    shots.append(save(view, out / f"job_view_{language}.png"))
    view.tabs.setCurrentWidget(view.checklist)
    shots.append(save(view, out / f"checklist_{language}.png"))

    tubes = view.checklist.editor("tubes_intact")
    assert isinstance(tubes, YesNoEditor)
    tubes.yes.click()
    view.open_signoff()
    dialog = view.signoff_dialog
    assert dialog is not None
    dialog.resize(720, 640)
    # First the unsigned, itemised slip the customer reads; then the pad.
    wait_for(dialog.read_button.isEnabled, 30_000)
    wait_for(lambda: dialog.draft_preview.document.pageCount() > 0, 5_000)
    let_pdf_view_paint()
    shots.append(save(dialog, out / f"signoff_review_{language}.png"))
    dialog.paper_signed_button.click()  # the page for a slip signed on paper
    shots.append(save(dialog, out / f"signoff_paper_{language}.png"))
    dialog.paper_back_button.click()
    dialog.read_button.click()
    dialog.set_rating(5)
    dialog.comment_field.setPlainText(
        "师傅很专业，按时到达。" if ctx.chinese else "On time, tidy and friendly."
    )
    QApplication.processEvents()
    draw_signature(dialog)
    shots.append(save(dialog, out / f"signoff_{language}.png"))

    dialog.sign_button.click()
    wait_for(lambda: dialog.slip_path is not None or "could not" in dialog.status_label.text())
    wait_for(lambda: dialog.preview.document.pageCount() > 0, 5_000)
    let_pdf_view_paint()
    shots.append(save(dialog, out / f"slip_preview_{language}.png"))
    dialog.close()
    window.close()
    close_context(ctx)
    remove_translators(app, translators)
    return shots


Shoot = Callable[[str, Path, Path], list[Path]]


def run(shoot_one: Shoot, description: str, argv: Sequence[str] | None = None) -> int:
    """The command line of a screenshot tool: each language shot into ``--out``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", action="append", choices=("en", "zh_CN"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="tech-app-shots-") as work:
        for language in args.lang or ["en", "zh_CN"]:
            for path in shoot_one(language, args.out, Path(work)):
                print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(shoot, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
