"""Checklist templates (versioned) and the answers a technician gives on site."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from tech_app.errors import Invalid, ValidationError
from tech_app.numbers import fold, read_number
from tech_app.records.validate import (
    check_aware,
    check_choice,
    check_count,
    check_id,
    check_text,
    new_id,
)
from tech_app.vocab import ItemKind

YES = "yes"
NO = "no"
_YES_WORDS = {"yes", "y", "true", "1", "是", "ok"}
_NO_WORDS = {"no", "n", "false", "0", "否"}


@dataclass(frozen=True, kw_only=True)
class ChoiceLabel:
    """What a choice is called, in each language the template author wrote it in.

    The stored answer is ``key`` (a code); screens and slips show the label.
    """

    key: str
    label: str
    label_zh: str = ""

    def __post_init__(self) -> None:
        check_text("choice_label.key", self.key, max_length=60)
        check_text("choice_label.label", self.label, max_length=200)
        check_text("choice_label.label_zh", self.label_zh, required=False, max_length=200)


@dataclass(frozen=True, kw_only=True)
class ChecklistItem:
    key: str
    label: str
    label_zh: str = ""
    kind: ItemKind
    required: bool = False
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[ChoiceLabel, ...] = ()  # words for the choices, by language
    tolerance: Decimal | None = None  # allowed change against the previous visit

    def __post_init__(self) -> None:
        field_name = f"checklist_item.{self.key or '?'}"
        check_text(f"{field_name}.key", self.key, max_length=60)
        check_text(f"{field_name}.label", self.label, max_length=200)
        object.__setattr__(
            self, "kind", ItemKind(check_choice(f"{field_name}.kind", self.kind, ItemKind))
        )
        if self.kind is ItemKind.CHOICE and not self.choices:
            raise ValidationError(f"{field_name}.choices", "a choice item needs choices")
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise ValidationError(f"{field_name}.maximum", "is below the minimum")
        stray = [c.key for c in self.choice_labels if c.key not in self.choices]
        if stray:
            raise ValidationError(
                f"{field_name}.choice_labels", f"labels for unknown choices: {', '.join(stray)}"
            )

    def choice_label(self, key: str, chinese: bool = False) -> str:
        """The words for a choice; the key itself where the author gave none."""
        for label in self.choice_labels:
            if label.key == key:
                return label.label_zh if chinese and label.label_zh else label.label
        return key


@dataclass(frozen=True, kw_only=True)
class ChecklistTemplate:
    id: str = field(default_factory=new_id)
    code: str  # stable name across revisions, e.g. "forklift-quarterly"
    revision: int = 1
    title: str
    title_zh: str = ""
    items: tuple[ChecklistItem, ...]

    def __post_init__(self) -> None:
        check_id("checklist_template.id", self.id)
        check_text("checklist_template.code", self.code, max_length=60)
        check_count("checklist_template.revision", self.revision, minimum=1)
        check_text("checklist_template.title", self.title, max_length=200)
        keys = [item.key for item in self.items]
        if not keys:
            raise ValidationError("checklist_template.items", "a template needs at least one item")
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValidationError(
                "checklist_template.items", f"duplicate keys: {', '.join(duplicates)}"
            )

    def item(self, key: str) -> ChecklistItem:
        for item in self.items:
            if item.key == key:
                return item
        raise ValidationError(
            "checklist_answer.item_key", f"{key!r} is not in {self.code} rev {self.revision}"
        )


@dataclass(frozen=True)
class CheckedValue:
    """An answer in its stored form, with the out-of-range flag the slip shows."""

    value: str
    out_of_range: bool = False


def check_answer(item: ChecklistItem, raw: object, *, decimal_comma: bool = False) -> CheckedValue:
    """Validate what was typed against the item kind.

    Out-of-range numbers are accepted and flagged: the reading is a fact the
    technician saw, and refusing it would lose information. A number is read as
    typed (``tech_app.numbers.read_number``: full-width, with the item's unit, a
    decimal comma where the locale writes one).
    """
    field_name = f"checklist.{item.key}"
    if item.kind is ItemKind.YES_NO:
        word = fold(str(raw)).lower() if not isinstance(raw, bool) else ("yes" if raw else "no")
        if word in _YES_WORDS:
            return CheckedValue(YES)
        if word in _NO_WORDS:
            return CheckedValue(NO)
        raise ValidationError(
            field_name, f"{raw!r} is not yes or no", code=Invalid.NOT_YES_NO, value=str(raw)
        )
    if item.kind is ItemKind.NUMBER:
        number = read_number(field_name, raw, unit=item.unit, decimal_comma=decimal_comma)
        low = item.minimum is not None and number < item.minimum
        high = item.maximum is not None and number > item.maximum
        return CheckedValue(str(number), out_of_range=low or high)
    if item.kind is ItemKind.CHOICE:
        text = str(raw).strip()
        if text not in item.choices:
            raise ValidationError(
                field_name,
                f"{text!r} is not one of: {', '.join(item.choices)}",
                code=Invalid.NOT_A_CHOICE,
                value=text,
                choices=", ".join(item.choices),
            )
        return CheckedValue(text)
    if item.kind is ItemKind.PHOTO:
        text = str(raw).strip().lower()
        if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
            raise ValidationError(field_name, "a photo answer is the SHA-256 of the stored image")
        return CheckedValue(text)
    return CheckedValue(check_text(field_name, str(raw), max_length=4000))


@dataclass(frozen=True, kw_only=True)
class ChecklistAnswer:
    id: str = field(default_factory=new_id)
    job_id: str
    asset_id: str | None = None  # fleet jobs: one checklist per asset
    template_id: str
    item_key: str
    value: str
    out_of_range: bool = False
    answered_at: datetime

    def __post_init__(self) -> None:
        check_id("checklist_answer.id", self.id)
        check_id("checklist_answer.job_id", self.job_id)
        if self.asset_id is not None:
            check_id("checklist_answer.asset_id", self.asset_id)
        check_id("checklist_answer.template_id", self.template_id)
        check_text("checklist_answer.item_key", self.item_key, max_length=60)
        check_aware("checklist_answer.answered_at", self.answered_at)
