"""One benchmark figure against its in-run baseline, and the table that prints them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A measured value, the baseline measured in the same run, and whether the target holds.

    ``ratio`` is value / baseline unless the figure says otherwise (memory is a
    difference in MB); ``met`` is None where the issue asks only for a report.
    """

    name: str
    value: float
    baseline: float | None
    unit: str
    target: str
    met: bool | None
    note: str = ""
    ratio_text: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline


def _number(value: float, unit: str) -> str:
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}" if abs(value) >= 1 else f"{value:.3g}"
    return f"{text} {unit}".strip()


def as_row(figure: Figure) -> list[str]:
    ratio = figure.ratio
    ratio_text = figure.ratio_text or (f"{ratio:.2f}×" if ratio is not None else "—")
    met = {True: "yes", False: "NO", None: "—"}[figure.met]
    baseline = _number(figure.baseline, figure.unit) if figure.baseline is not None else "—"
    return [
        figure.name,
        _number(figure.value, figure.unit),
        baseline,
        ratio_text,
        figure.target,
        met,
    ]


HEADER = ["figure", "value", "baseline", "ratio", "target", "met?"]


def markdown_table(figures: Sequence[Figure]) -> str:
    rows = [HEADER, ["---"] * len(HEADER), *(as_row(f) for f in figures)]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def notes(figures: Sequence[Figure]) -> str:
    return "\n".join(f"- {f.name}: {f.note}" for f in figures if f.note)
