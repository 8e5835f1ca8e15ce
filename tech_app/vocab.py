"""The fixed vocabularies of the service domain, shared by records, rules and sync.

Values are stable strings: they are stored in the database and sent over the wire.
"""

from __future__ import annotations

from enum import StrEnum


class JobType(StrEnum):
    INSTALLATION = "installation"  # 安装、调试
    REPAIR = "repair"  # 维修
    MAINTENANCE = "maintenance"  # 定期维护、保养
    INSPECTION = "inspection"  # 巡检
    CLEANING = "cleaning"  # 清洗
    FOLLOW_UP = "follow_up"  # 回访
    GUIDANCE = "guidance"  # 技术指导


class JobStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    EN_ROUTE = "en_route"
    ON_SITE = "on_site"
    WAITING_PARTS = "waiting_parts"
    COMPLETED = "completed"
    SIGNED = "signed"
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    """What became of the 三包 promise on a repair."""

    REPAIRED = "repaired"  # 包修
    REPLACED = "replaced"  # 包换
    REFUNDED = "refunded"  # 包退
    ADVICE_ONLY = "advice_only"
    NO_FAULT_FOUND = "no_fault_found"


class Coverage(StrEnum):
    """Who pays for a part line or a stretch of time."""

    WARRANTY = "warranty"
    CONTRACT = "contract"
    CHARGED = "charged"


class StockMove(StrEnum):
    """Why what a van holds changed: the kinds of van-stock ledger rows."""

    USE = "use"  # taken from the van on a job (negative)
    RESTOCK = "restock"  # put in the van by the office or the stores (positive)
    TRANSFER = "transfer"  # moved between vans: one row on each (out negative, in positive)
    CORRECTION = "correction"  # a count that found more or less than the ledger says


class TimeKind(StrEnum):
    TRAVEL = "travel"
    LABOUR = "labour"
    WAITING = "waiting"


class ItemKind(StrEnum):
    """Kinds of checklist item."""

    YES_NO = "yes_no"
    NUMBER = "number"
    CHOICE = "choice"
    TEXT = "text"
    PHOTO = "photo"


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MET = "met"
    BREACHED = "breached"
