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
    OIL_TESTING = "oil_testing"  # 油品检测 (lubricant on-site service, free)
    COMPLAINT = "complaint"  # 投诉、咨询
    TRAINING = "training"  # 操作培训 (a fleet agreement's yearly free operator training)


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
    CARD = "card"  # a prepaid cleaning card's visit (承包制度)
    FREE_ENTITLEMENT = "free_entitlement"  # a free visit or free servicing the company promises


class VisitMode(StrEnum):
    """Where the work happens: it decides whether there is a call-out at all."""

    ON_SITE = "on_site"  # at the customer's premises: call-out fee
    COUNTER = "counter"  # the customer brings it in (a jewellery counter): no call-out
    PHONE = "phone"  # guidance by phone: no call-out, nothing billed


class PaymentMethod(StrEnum):
    """How the customer paid (or will pay) what the slip charges."""

    CASH = "cash"
    WECHAT = "wechat"  # WeChat Pay
    ALIPAY = "alipay"
    BANK_CARD = "bank_card"
    TRANSFER = "transfer"  # bank transfer
    INVOICE = "invoice"  # invoiced, paid later (a fleet agreement: within a month)


class CardPlan(StrEnum):
    """How a prepaid service card is sold."""

    MONTHLY = "monthly"
    YEARLY = "yearly"


class StockMove(StrEnum):
    """Why what a van holds changed: the kinds of van-stock ledger rows."""

    USE = "use"  # taken from the van on a job (negative)
    RESTOCK = "restock"  # put in the van by the office or the stores (positive)
    TRANSFER = "transfer"  # moved between vans: one row on each (out negative, in positive)
    CORRECTION = "correction"  # a count that found more or less than the ledger says


class ChargeKind(StrEnum):
    """What a charge line is for (a code; the slip and the app put it in words)."""

    CALL_OUT = "call_out"
    VISIT_FEE = "visit_fee"  # a contract's fee per unit per visit
    LABOUR = "labour"
    OUT_OF_SCOPE = "out_of_scope"  # contract labour marked outside the agreement
    TRAVEL = "travel"
    WAITING = "waiting"
    PART = "part"


class ChargeReason(StrEnum):
    """Why a line is covered or charged as it is: printed beside it in words."""

    CHARGED = "charged"  # an ordinary charge
    IN_WARRANTY = "in_warranty"
    EXPIRED = "expired"  # the warranty period is over
    HOURS_EXCEEDED = "hours_exceeded"
    EXCLUDED = "excluded"  # a recorded cause the warranty does not cover (see ``detail``)
    NO_WARRANTY = "no_warranty"  # the unit has no warranty terms or purchase date
    # The technician recorded warranty on a unit whose terms are not on file: honoured,
    # and said so (the maker's card is the evidence, not this system).
    WARRANTY_RECORDED = "warranty_recorded"
    CONTRACT_SCOPE = "contract_scope"  # work and travel the visit fee pays for
    CONTRACT_VISIT = "contract_visit"  # the visit fee itself
    OUT_OF_SCOPE = "out_of_scope"  # work the technician marked outside the agreement
    SUPPLIED_CONSUMABLE = "supplied_consumable"  # grease and oil under a contract
    WEAR_PART = "wear_part"  # bought by the customer under a contract
    UNIT_NOT_AVAILABLE = "unit_not_available"  # waiting fee under a contract
    CARD_VISIT = "card_visit"  # one of the card's visits
    CARD_EXHAUSTED = "card_exhausted"  # the card has no visits left
    CARD_EXPIRED = "card_expired"  # the card's period is over (or not begun)
    FREE_VISIT = "free_visit"  # one of the free maintenance visits of the year
    FREE_VISITS_USED = "free_visits_used"  # the year's free visits are used up
    FREE_SERVICING = "free_servicing"  # jewellery cleaning, polishing, resizing labour
    PHONE_GUIDANCE = "phone_guidance"  # guidance by phone is free
    FREE_OIL_TEST = "free_oil_test"  # 免费为客户提供油品检测服务 (seeds 000, 002)
    FREE_TRAINING = "free_training"  # 每年一次免费的日常检查培训 (seed 004)
    COMPLAINT_HANDLING = "complaint_handling"  # handling a complaint is never billed


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


class Exclusion(StrEnum):
    """Causes a warranty does not repair for free, even inside the period.

    Recorded on a job as its ``fault_cause``; the pricing applies them, so a line that
    looks covered is charged and the slip says why.
    """

    USER_DISMANTLING = "user_dismantling"
    UNAUTHORISED_REPAIR = "unauthorised_repair"
    USER_TRANSPORT_STORAGE = "user_transport_storage"
    MISUSE = "misuse"
    PART_PAST_PERIOD = "part_past_period"
    FORCE_MAJEURE = "force_majeure"


class IntakeState(StrEnum):
    """Where a piece handed in at a jewellery counter is (售后服务登记表 → 回执联)."""

    HANDED_IN = "handed_in"  # the customer signed the registration form and left the piece
    READY = "ready"  # the work is done; the piece waits for the customer
    COLLECTED = "collected"  # handed back against the counterfoil


class IntakeService(StrEnum):
    """What a customer asks for on the registration form (seed 001: 清洗, 拋光, 改圈,
    加固鑽石; seed 000: 整形, 刻字, the 3-monthly loose-stone check). Listed in this order."""

    CLEANING = "cleaning"  # 清洗
    POLISHING = "polishing"  # 抛光 (free; some gold is lost, said beforehand)
    RESIZING = "resizing"  # 改圈口 (rings only)
    STONE_SETTING = "stone_setting"  # 加固 / 重新镶石
    RESHAPING = "reshaping"  # 整形
    ENGRAVING = "engraving"  # 刻字
    STONE_CHECK = "stone_check"  # 3-monthly check for loose stones (钻石松动检查)
    REPAIR = "repair"  # 维修
    OTHER = "other"  # said in words on the form


class Material(StrEnum):
    """What the piece is made of (seed 000: 黄金、K金、铂金, 18K)."""

    GOLD_18K = "gold_18k"  # 18K 金
    PURE_GOLD = "pure_gold"  # 足金
    K_GOLD = "k_gold"  # K 金 (other than 18K)
    PLATINUM = "platinum"  # 铂金
    SILVER = "silver"  # 银
    OTHER = "other"


class ComplaintType(StrEnum):
    """The six kinds of customer met in a complaint (seed 001: 售后服务中的客人类型), each
    handled by recording the key points, stating a plan with a time limit and confirming
    the customer's agreement. Listed in the seed's order."""

    TOTAL_DENIAL = "total_denial"  # 全面否定型
    LACK_OF_TRUST = "lack_of_trust"  # 缺乏信任型
    ENDLESS_TALKER = "endless_talker"  # 喋喋不休型
    WANTS_IT_NOW = "wants_it_now"  # 立竿见影型
    SHIFTS_BLAME = "shifts_blame"  # 推卸责任型
    VENTING = "venting"  # 发泄情绪型


class OilVerdict(StrEnum):
    """What an oil test concludes (油品什么时候到了换油期)."""

    OK = "ok"  # fit for further use: the next change is due in N hours
    CHANGE_SOON = "change_soon"  # change within N hours
    CHANGE_NOW = "change_now"  # change now (and look for the cause)
