"""Each unit's service history on the job, readable offline: "service follows the unit".

Per unit: its last readings, then its earlier visits (newest first) with the
hour meter and the parts replaced, serials included. The core gathers it all
(``tech_app.asset_history``); this view only lays it out.
"""

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from tech_app.asset_history import PastVisit, ReplacedPart, last_readings, previous_visits
from tech_app.checklist import checklists_of
from tech_app.coverage import job_assets
from tech_app.records import ChecklistItem
from tech_app.vocab import ItemKind
from ui import labels
from ui.context import AppContext
from ui.lazy_panel import FilledWhenShown
from ui.retranslate import Retranslating
from ui.style import MUTED_STYLE


class AssetHistoryView(FilledWhenShown, Retranslating, QTextBrowser):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("asset_history")
        self.setOpenLinks(False)
        self.zone: tzinfo | None = None  # the job's: visits are dated in it

    def on_language_changed(self) -> None:
        self.reload()

    def fill(self, job_id: str) -> None:
        zone = self.zone
        store = self._ctx.store
        items = {
            part.asset_id: {item.key: item for item in part.template.items}
            for part in checklists_of(store, job_id)
        }
        sections = []
        for asset in job_assets(store, job_id):
            visits = previous_visits(store, asset.id, current_job_id=job_id)
            readings = last_readings(store, asset.id, current_job_id=job_id)
            known = items.get(asset.id, {})
            heading = escape(f"{asset.serial} · {asset.make} {asset.model}")
            body = [f"<h3>{heading}</h3>"]
            if not visits:
                none = self.tr("No earlier visits of this unit on this device.")
                body.append(f"<p style='{MUTED_STYLE}'>{escape(none)}</p>")
                sections.append("".join(body))
                continue
            shown = [  # in the checklist's order
                f"{escape(self._item_label(item))} "
                f"<b>{escape(_with_unit(readings[key].value, item))}</b>"
                for key, item in known.items()
                if key in readings and _is_reading(item)
            ]
            if shown:
                title = escape(self.tr("Last readings"))
                body.append(f"<p>{title}: {' · '.join(shown)}</p>")
            body.append(self._visits_table(visits, zone))
            sections.append("".join(body))
        self.setHtml("".join(sections) or escape(self.tr("No units on this job")))

    def _visits_table(self, visits: list[PastVisit], zone: tzinfo | None) -> str:
        head = "".join(
            f"<th align='left'>{escape(t)}</th>"
            for t in (
                self.tr("Date"),
                self.tr("Job"),
                self.tr("Technician"),
                self.tr("Hour meter"),
                self.tr("Parts replaced"),
            )
        )
        rows = []
        for visit in visits:
            meter = f"{visit.hour_meter} h" if visit.hour_meter is not None else "—"
            parts = "<br>".join(escape(self._part_text(p)) for p in visit.parts) or "—"
            cells = (
                escape(labels.date_time(visit.visited_at, zone)),
                escape(visit.job_number),
                escape(visit.technician),
                escape(meter),
                parts,
            )
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        return (
            "<table cellspacing='0' cellpadding='3' border='1' width='100%'>"
            f"<tr>{head}</tr>{''.join(rows)}</table>"
        )

    def _part_text(self, part: ReplacedPart) -> str:
        name = part.part_name_zh if self._ctx.chinese and part.part_name_zh else part.part_name
        quantity = format(Decimal(part.quantity).normalize(), "f")
        text = f"{part.part_number} {name} × {quantity}"
        if part.serial_out or part.serial_in:
            serials = self.tr("serial {removed} → {fitted}").format(
                removed=part.serial_out or "—", fitted=part.serial_in or "—"
            )
            text += f" ({serials})"
        return text

    def _item_label(self, item: ChecklistItem) -> str:
        return item.label_zh if self._ctx.chinese and item.label_zh else item.label


def _is_reading(item: ChecklistItem) -> bool:
    """Numbers are readings; photos and free text do not summarise in a line."""
    return item.kind in (ItemKind.NUMBER, ItemKind.YES_NO, ItemKind.CHOICE)


def _with_unit(value: str, item: ChecklistItem) -> str:
    if item.kind is ItemKind.YES_NO:
        return labels.word(value)
    return f"{value} {item.unit}" if item.unit else value
