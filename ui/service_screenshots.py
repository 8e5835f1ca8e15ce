"""Screenshots of the service systems' screens, in English and in Chinese.

    python -m ui.service_screenshots [--out docs/screenshots]

The job's Service tab on a complaint visit (agreed), on the printer-support repair (the
loaner and the spare pool), on the fleet's training (attendance), and the customer file.
Headless like ``ui.screenshots``, on the demo day with the same fixed clock.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Sequence
from pathlib import Path

from tech_app.demo import demo_id, load_demo
from tech_app.profile import database_path
from tech_app.service_visits import add_attendee, complaint_of, record_complaint
from tech_app.store.local import open_store
from ui.app import close_context, create_context
from ui.i18n import remove_translators
from ui.job_view import JobView
from ui.screenshots import DEMO_DAY, NOW, run, save, use_language
from ui.settings import AppSettings, settings_at

SIZE = (960, 720)


def _prepare(profile: Path) -> None:
    store = open_store(database_path(profile))
    try:
        load_demo(store, DEMO_DAY)
        taken = complaint_of(store, demo_id("job:complaint"))
        assert taken is not None
        record_complaint(
            store,
            taken.job_id,
            complaint_type=taken.complaint_type,
            key_points=taken.key_points,
            plan=taken.plan,
            deadline=taken.deadline,
            agreed=True,
            agreed_by="赵敏",
            now=NOW,
        )
        for name, role in (("周强", "仓库主管"), ("钱师傅", "叉车司机"), ("吴师傅", "叉车司机")):
            add_attendee(store, demo_id("job:training"), name, role=role, now=NOW)
    finally:
        store.close()


def shoot(language: str, out: Path, workdir: Path) -> list[Path]:
    app, translators = use_language(language)
    profile = workdir / language
    _prepare(profile)
    ctx = create_context(
        profile,
        AppSettings(settings_at(workdir / f"{language}.ini")),
        language=language,
        clock=lambda: NOW,
    )
    view = JobView(ctx)
    view.resize(*SIZE)
    view.show()
    shots = []
    for key, name in (
        ("complaint", "service_complaint"),
        ("xinda-repair", "service_loan"),
        ("training", "service_training"),
    ):
        view.show_job(demo_id(f"job:{key}"))
        view.tabs.setCurrentWidget(view.service)
        if key == "xinda-repair":
            view.service.scan_edit.setText("LNV-LJ2405-X0002")
            view.service.on_scanned()
        shots.append(save(view, out / f"{name}_{language}.png"))
    view.show_job(demo_id("job:xinda-repair"))
    view.service.open_customer_file()
    dialog = view.service.file_dialog
    assert dialog is not None
    shots.append(save(dialog, out / f"customer_file_{language}.png"))
    dialog.close()
    view.close()
    close_context(ctx)
    remove_translators(app, translators)
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    return run(shoot, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
