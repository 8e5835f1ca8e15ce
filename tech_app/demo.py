"""The demo set: one realistic day of a service company, from the service documents.

Deterministic for a given day: ids come from uuid5 over stable names, so the
local demo and the head-office seed describe the same records.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from tech_app.blobs import BlobStore
from tech_app.demo_services import SPARE_PRINTER_NUMBER, add_service_jobs, spare_printer
from tech_app.demo_templates import (
    ALL_TEMPLATES,
    DISPENSER_CLEANING,
    FORKLIFT_QUARTERLY,
    JEWELLERY_REGISTRATION,
    PRINTER_INSTALL,
    SOLAR_HEATER_REPAIR,
    STOVE_REPAIR,
)
from tech_app.records import (
    Asset,
    ChecklistTemplate,
    CompanySettings,
    Complaint,
    Contract,
    Customer,
    Entitlement,
    JewelleryIntake,
    Job,
    JobAsset,
    LabourRate,
    Loan,
    Part,
    ServiceCard,
    Site,
    VanStock,
)
from tech_app.records.codec import TABLES
from tech_app.store.local import LocalStore
from tech_app.stroke_png import strokes_png
from tech_app.vocab import CardPlan, IntakeService, JobStatus, JobType, Material, VisitMode

CHINA = timezone(timedelta(hours=8), "CST")

# The demo company's settings: the values a real company enters with
# ``tech-app office settings --set``. Rates from the seeds where they give them.
DEMO_SETTINGS = CompanySettings(
    company_name="安心家电售后服务中心 AnXin Home Service",
    address="上海市徐汇区漕宝路 1200 号 AnXin Service Centre, 1200 Caobao Road, Shanghai",
    phone="400-820-5566",
    tax_id="91310104MA1FR0XX3K",
    currency="CNY",
    tax_rate=Decimal("0.13"),
    time_zone="Asia/Shanghai",
    call_out_fee=5000,  # ¥50.00
    labour_per_hour=12000,  # ¥120.00/h, billed by the minute
    labour_rates=(LabourRate(job_type=JobType.INSTALLATION, per_hour=10000),),
    waiting_per_hour=10000,
    travel_per_hour=0,
    free_entitlements=(
        # Solar heater: two free maintenance visits a year (seed 003).
        Entitlement(
            warranty_terms="solar_water_heater", job_type=JobType.MAINTENANCE, visits_per_year=2
        ),
        # Forklift warranty: four free maintenance visits inside it (DOMAIN.md, fleet).
        Entitlement(
            warranty_terms="forklift",
            job_type=JobType.MAINTENANCE,
            visits_per_year=4,
            within_warranty=True,
        ),
    ),
    free_servicing_categories=("jewellery",),
    receipt_prefix="AX",
    consent_margin=Decimal(0),
)
DEMO_TECHNICIANS = ("liu", "tom")
# The demo's head-office user, who signs in to the web console at the server's /.
DEMO_OFFICE_USER = "dispatcher"
_NS = uuid.UUID("9b0c6a52-3f7e-4f1e-8d0e-7a7e2f5d0c11")


def demo_id(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


@dataclass(frozen=True)
class DemoSet:
    records: tuple[object, ...]  # in the order they can be saved (parents first)

    def of(self, cls: type) -> list[object]:
        return [r for r in self.records if isinstance(r, cls)]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA)


PARTS = (
    Part(
        id=demo_id("part:FL-HF-01"),
        number="FL-HF-01",
        name="Hydraulic oil filter",
        name_zh="液压油滤芯",
        unit_price=16800,
        warranty_months=6,
        component="consumable",
    ),
    Part(
        id=demo_id("part:FL-GR-1KG"),
        number="FL-GR-1KG",
        name="Chassis grease",
        name_zh="底盘润滑脂",
        unit="kg",
        unit_price=4500,
        component="consumable",
    ),
    Part(
        id=demo_id("part:FL-BRK-PAD"),
        number="FL-BRK-PAD",
        name="Brake shoe set",
        name_zh="制动蹄片",
        unit_price=32000,
        warranty_months=12,
        component="truck",
    ),
    Part(
        id=demo_id("part:SH-TUBE-58"),
        number="SH-TUBE-58",
        name="Collector tube 58×1800",
        name_zh="集热管 58×1800",
        unit_price=9500,
        warranty_months=36,
        component="collector_tubes",
    ),
    Part(
        id=demo_id("part:SH-FIT-20"),
        number="SH-FIT-20",
        name="Pipe fitting DN20",
        name_zh="管件 DN20",
        unit_price=1800,
        warranty_months=12,
        component="pipes",
    ),
    Part(
        id=demo_id("part:SH-VALVE"),
        number="SH-VALVE",
        name="Electric valve",
        name_zh="电磁阀",
        unit_price=12000,
        warranty_months=12,
        component="electrical",
    ),
    Part(
        id=demo_id("part:ST-IGN-01"),
        number="ST-IGN-01",
        name="Ignition needle",
        name_zh="点火针",
        unit_price=2500,
        warranty_months=12,
    ),
    Part(
        id=demo_id("part:ST-TC-01"),
        number="ST-TC-01",
        name="Thermocouple",
        name_zh="热电偶",
        unit_price=3800,
        warranty_months=12,
    ),
    Part(
        id=demo_id("part:BAT-D"),
        number="BAT-D",
        name="D cell battery 1.5 V",
        name_zh="1号电池",
        unit_price=600,
    ),
    Part(
        id=demo_id("part:PR-TONER"),
        number="PR-TONER",
        name="Toner cartridge LT2405",
        name_zh="硒鼓 LT2405",
        unit_price=26900,
    ),
    Part(
        id=demo_id("part:WD-FILTER"),
        number="WD-FILTER",
        name="Dispenser filter cartridge",
        name_zh="饮水机滤芯",
        unit_price=8800,
        warranty_months=6,
        component="consumable",
    ),
    Part(
        id=demo_id("part:JW-SIZE-AU"),
        number="JW-SIZE-AU",
        name="Gold sizing stock 18K",
        name_zh="18K金补料",
        unit="g",
        unit_price=52000,
    ),
    spare_printer(demo_id),
)

VAN_QUANTITIES = {
    "FL-HF-01": 4,
    "FL-GR-1KG": 5,
    "FL-BRK-PAD": 1,
    "SH-TUBE-58": 6,
    "SH-FIT-20": 10,
    "SH-VALVE": 1,
    "ST-IGN-01": 3,
    "ST-TC-01": 2,
    "BAT-D": 12,
    "PR-TONER": 2,
    "WD-FILTER": 6,
    "JW-SIZE-AU": 2,
    # The equipment-support contract's spare pool is held here: 2 of the 3 it should hold.
    SPARE_PRINTER_NUMBER: 2,
}


def _customer(
    key: str, name: str, phone: str, address: str, contact: str = "", cls: str = "B"
) -> tuple[Customer, Site]:
    customer = Customer(id=demo_id(f"customer:{key}"), name=name, phone=phone, customer_class=cls)
    site = Site(
        id=demo_id(f"site:{key}"),
        customer_id=customer.id,
        address=address,
        contact_name=contact,
        contact_phone=phone,
    )
    return customer, site


def _two_months_back(today: date) -> date:
    """The fleet agreement's start: the 1st of the month two months ago. Whatever day the
    demo is built on, the 12-month term then runs ten more months and its next quarterly
    visit is due within about a month (issue 13: an agreement from 1 January had nothing
    left to plan in December)."""
    index = today.year * 12 + today.month - 1 - 2
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def build_demo(today: date, technician: str = DEMO_TECHNICIANS[0]) -> DemoSet:
    """The demo day around ``today``: visits today and tomorrow, assigned to ``technician``."""
    records: list[object] = [DEMO_SETTINGS, *ALL_TEMPLATES, *PARTS]
    records += [
        VanStock(
            id=demo_id(f"van:{technician}:{p.number}"),
            technician=technician,
            part_id=p.id,
            quantity=Decimal(VAN_QUANTITIES[p.number]),
        )
        for p in PARTS
    ]
    tomorrow = today + timedelta(days=1)
    jobs: list[tuple[Job, list[tuple[Asset, ChecklistTemplate]]]] = []
    number = iter(range(1, 100))

    def job(
        key: str,
        customer: Customer,
        site: Site,
        job_type: JobType,
        problem: str,
        reported: datetime,
        start: datetime,
        hours: int,
        assets: list[tuple[Asset, ChecklistTemplate]],
        **extra: Any,
    ) -> None:
        j = Job(
            id=demo_id(f"job:{key}"),
            number=f"SV-{today:%y%m%d}-{next(number):02d}",
            job_type=job_type,
            customer_id=customer.id,
            site_id=site.id,
            problem=problem,
            reported_at=reported,
            window_start=start,
            window_end=start + timedelta(hours=hours),
            assignee=technician,
            status=JobStatus.ASSIGNED,
            **extra,
        )
        records.extend([customer, site] if customer not in records else [])
        jobs.append((j, assets))

    # Forklift fleet under a quarterly agreement: 6 trucks, one visit covers them all.
    fleet, fleet_site = _customer(
        "fleet",
        "华东物流有限公司 East China Logistics",
        "021-5888 1234",
        "上海市浦东新区张江路 88 号 3 号仓库",
        "仓库主管 周强",
        cls="A",
    )
    contract = Contract(
        id=demo_id("contract:fleet"),
        customer_id=fleet.id,
        name="叉车季度保养协议 Forklift quarterly maintenance",
        visits_per_year=4,
        interval_hours=500,
        visit_fee=80000,
        out_of_scope_per_hour=15000,
        waiting_per_hour=10000,
        starts_on=_two_months_back(today),
        term_months=12,
        notice_days=30,
        trainings_per_year=1,  # seed 004: 每年一次免费的日常检查培训
    )
    trucks = [
        Asset(
            id=demo_id(f"asset:truck{n}"),
            customer_id=fleet.id,
            site_id=fleet_site.id,
            category="forklift",
            make="合力 Heli",
            model="CPCD30",
            serial=f"HL-CPCD30-23{n:02d}",
            purchased_on=date(2023, 3, 15),
            purchased_at="合力叉车上海经销中心",
            warranty_terms="forklift",
            hour_meter=1800 + 150 * n,
        )
        for n in range(1, 7)
    ]
    records.extend([fleet, fleet_site, contract, *trucks])
    job(
        "fleet",
        fleet,
        fleet_site,
        JobType.MAINTENANCE,
        "季度保养（第4次）：6台叉车，按协议执行 Quarterly maintenance of 6 trucks",
        _at(today - timedelta(days=14), 10),
        _at(tomorrow, 8, 30),
        6,
        [(t, FORKLIFT_QUARTERLY) for t in trucks],
        contract_id=contract.id,
        priority=2,
    )

    # Solar water heater, in warranty: bought 18 months ago, tank leaking.
    wang, wang_site = _customer(
        "wang", "王建国", "138 0013 5521", "北京市朝阳区望京西园三区 12 号楼 501"
    )
    heater_new = Asset(
        id=demo_id("asset:heater-in"),
        customer_id=wang.id,
        site_id=wang_site.id,
        category="solar water heater",
        make="太阳雨 Sunrain",
        model="SR-200",
        serial="TY2024-0815-077",
        purchased_on=today - timedelta(days=548),
        purchased_at="国美电器望京店",
        warranty_terms="solar_water_heater",
    )
    records.append(heater_new)
    job(
        "heater-in",
        wang,
        wang_site,
        JobType.REPAIR,
        "水箱底部漏水，客户致电售后服务热线报修。Tank leaking at the bottom.",
        _at(today - timedelta(days=1), 16, 20),
        _at(today, 9),
        2,
        [(heater_new, SOLAR_HEATER_REPAIR)],
        sla_policy="stove",
    )

    # Solar water heater, out of warranty: bought four years ago, pipe fitting cracked.
    carter, carter_site = _customer(
        "carter",
        "Emily Carter",
        "+86 139 1122 3344",
        "Apt 1202, 18 Xinyuan South Road, Chaoyang, Beijing",
    )
    heater_old = Asset(
        id=demo_id("asset:heater-out"),
        customer_id=carter.id,
        site_id=carter_site.id,
        category="solar water heater",
        make="Himin",
        model="HM-Q180",
        serial="HM18-2022-33190",
        purchased_on=today - timedelta(days=4 * 365 + 30),
        purchased_at="Suning, Sanlitun",
        warranty_terms="solar_water_heater",
    )
    records.append(heater_old)
    job(
        "heater-out",
        carter,
        carter_site,
        JobType.REPAIR,
        "No hot water in the mornings; pipe fitting on the roof drips. Show fee schedule first.",
        _at(today - timedelta(days=2), 11),
        _at(today, 11),
        2,
        [(heater_old, SOLAR_HEATER_REPAIR)],
    )

    # Gas stove with the brand's 2 h / 8 h / 30 h / 72 h promises.
    li, li_site = _customer("li", "李梅", "186 2100 4477", "上海市徐汇区漕溪北路 201 弄 5 号 302")
    stove = Asset(
        id=demo_id("asset:stove"),
        customer_id=li.id,
        site_id=li_site.id,
        category="gas stove",
        make="方太 Fotile",
        model="FD21BE",
        serial="FT-FD21BE-55821",
        purchased_on=today - timedelta(days=200),
        purchased_at="方太官方旗舰店",
        warranty_terms="",
    )
    records.append(stove)
    job(
        "stove",
        li,
        li_site,
        JobType.REPAIR,
        "燃气灶打不着火，点火针有火花但不着火。Stove will not light.",
        _at(today, 8, 10),
        _at(today, 13, 30),
        1,
        [(stove, STOVE_REPAIR)],
        sla_policy="stove",
        priority=1,
    )

    # Printer installation for an office, under an equipment support contract.
    northwind, nw_site = _customer(
        "northwind",
        "Northwind Trading Ltd",
        "+86 21 6234 7788",
        "Room 1605, 500 Nanjing West Road, Jing'an, Shanghai",
        "Ms. Grace Lin",
        cls="A",
    )
    printer = Asset(
        id=demo_id("asset:printer"),
        customer_id=northwind.id,
        site_id=nw_site.id,
        category="printer",
        make="Lenovo",
        model="LJ2405",
        serial="LNV-LJ2405-K8812",
        purchased_on=today - timedelta(days=3),
        purchased_at="Lenovo business channel",
    )
    records.append(printer)
    job(
        "printer",
        northwind,
        nw_site,
        JobType.INSTALLATION,
        "Install and commission a new laser printer for the sales office; train two users.",
        _at(today - timedelta(days=3), 9),
        _at(today, 15),
        2,
        [(printer, PRINTER_INSTALL)],
        sla_policy="equipment_support",
    )

    # Water dispenser on a yearly cleaning card.
    zhang, zhang_site = _customer(
        "zhang", "张伟", "135 5566 7788", "深圳市南山区科技园南区 W1 栋 8 楼前台"
    )
    dispenser = Asset(
        id=demo_id("asset:dispenser"),
        customer_id=zhang.id,
        site_id=zhang_site.id,
        category="water dispenser",
        make="安吉尔 Angel",
        model="Y1351",
        serial="AJ-Y1351-90457",
        purchased_on=today - timedelta(days=700),
        purchased_at="安吉尔深圳服务中心",
    )
    card = ServiceCard(
        id=demo_id("card:dispenser"),
        customer_id=zhang.id,
        asset_id=dispenser.id,
        number="WD-2026-0388",
        plan=CardPlan.YEARLY,
        visits=12,
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=60) + timedelta(days=364),
    )
    records.extend([dispenser, card])
    job(
        "dispenser",
        zhang,
        zhang_site,
        JobType.CLEANING,
        "年卡清洗（第3次），饮水机消毒并更换滤芯。Yearly cleaning card, visit 3.",
        _at(today - timedelta(days=10), 14),
        _at(tomorrow, 14),
        1,
        [(dispenser, DISPENSER_CLEANING)],
        card_id=card.id,
    )

    # Jewellery after-sales: ring resize, from the service registration form.
    chen, chen_site = _customer(
        "chen", "陈静", "137 0101 2323", "广州市天河区天河路 208 号 周大生珠宝 天河城店"
    )
    ring = Asset(
        id=demo_id("asset:ring"),
        customer_id=chen.id,
        site_id=chen_site.id,
        category="jewellery",
        make="周大生 Chow Tai Seng",
        model="18K金钻石戒指",
        serial="CTS-R18K-660213",
        purchased_on=today - timedelta(days=90),
        purchased_at="周大生天河城店",
    )
    records.append(ring)
    job(
        "ring",
        chen,
        chen_site,
        JobType.REPAIR,
        "戒指改圈口 14→16 号，并清洗抛光；检查主石是否松动。Resize ring 14 to 16, clean and polish.",
        _at(today - timedelta(days=5), 15),
        _at(tomorrow, 10),
        1,
        [(ring, JEWELLERY_REGISTRATION)],
        visit_mode=VisitMode.COUNTER,
    )

    # Guidance by phone: most "won't light" calls are a flat or reversed battery.
    job(
        "guidance",
        li,
        li_site,
        JobType.GUIDANCE,
        "客户询问灶具电池如何更换（电池装反）。Battery fitted upside down; guide by phone.",
        _at(today, 7, 45),
        _at(today, 8),
        1,
        [],
        sla_policy="stove",
        visit_mode=VisitMode.PHONE,
    )

    add_service_jobs(
        records, job, _customer, demo_id, today, technician, (fleet, fleet_site, contract)
    )

    for j, assets in jobs:
        records.append(j)
        records.extend(
            JobAsset(
                id=demo_id(f"job-asset:{j.id}:{a.id}"),
                job_id=j.id,
                asset_id=a.id,
                template_id=t.id,
                position=n,
            )
            for n, (a, t) in enumerate(assets)
        )
    return DemoSet(tuple(_parents_first(records)))


_SAVE_ORDER = [
    CompanySettings,
    ChecklistTemplate,
    Part,
    VanStock,
    Customer,
    Site,
    Contract,
    Asset,
    ServiceCard,
    Job,
    JobAsset,
    Complaint,
    Loan,
]


def _parents_first(records: Iterable[object]) -> list[object]:
    return sorted(records, key=lambda r: _SAVE_ORDER.index(type(r)))


@dataclass(frozen=True)
class DemoIntake:
    """The ring's registration form as 陈静 signed it, and the PNG of her signature."""

    intake: JewelleryIntake
    signature_png: bytes


def _demo_signature() -> bytes:
    """A hand-drawn-looking signature: two loops and a flourish, 360 × 120 pixels."""
    loop = [(60 + 28 * math.cos(t / 6) + t * 1.5, 60 + 30 * math.sin(t / 6)) for t in range(40)]
    second = [(170 + 22 * math.cos(t / 5) + t, 62 + 26 * math.sin(t / 5)) for t in range(34)]
    flourish = [(90 + 6 * t, 96 - 12 * math.sin(t / 4)) for t in range(38)]
    return strokes_png([loop, second, flourish], 360, 120, pen=3)


def build_demo_intake(today: date, technician: str = DEMO_TECHNICIANS[0]) -> DemoIntake:
    """The demo ring handed in at the counter five days ago (seed 001's form): resize,
    clean and polish, check the main stone; the counterfoil is the first of a counter
    laptop named after the technician, so two demo technicians never share a number."""
    device = hashlib.sha256(f"demo-counter:{technician}".encode()).hexdigest()[:6].upper()
    png = _demo_signature()
    intake = JewelleryIntake(
        id=demo_id("intake:ring"),
        job_id=demo_id("job:ring"),
        counterfoil_number=f"{DEMO_SETTINGS.receipt_prefix}-{device}-C000001",
        product="周大生 18K金钻石戒指",
        material=Material.GOLD_18K,
        stone_size=Decimal("0.30"),
        stone_grade="H / VS1",
        services=(
            IntakeService.CLEANING,
            IntakeService.POLISHING,
            IntakeService.RESIZING,
            IntakeService.STONE_CHECK,
        ),
        service_note="改圈口 14→16 号；抛光有轻微金损，已事先向顾客说明",
        other_problems="主石一爪轻微松动；戒圈内侧有细微划痕",
        received_by=technician,
        signer_name="陈静",
        signature_sha256=hashlib.sha256(png).hexdigest(),
        handed_in_at=_at(today - timedelta(days=5), 15, 10),
    )
    return DemoIntake(intake, png)


def load_demo(
    store: LocalStore,
    today: date,
    technician: str = DEMO_TECHNICIANS[0],
    blobs: BlobStore | None = None,
) -> int:
    """Save the demo set in one transaction; loading it twice changes nothing.

    With ``blobs`` (where the profile keeps signatures) the ring's signed registration
    form comes too: a form is never stored without the signature it was signed with.
    """
    demo = build_demo(today, technician)
    records: list[object] = list(demo.records)
    if blobs is not None:
        signed = build_demo_intake(today, technician)
        blobs.put(signed.signature_png)
        records.append(signed.intake)
    with store.transaction():
        for record in records:
            # A recorded form is never saved again, not even unchanged.
            if isinstance(record, JewelleryIntake) and store.row(
                TABLES[JewelleryIntake], record.id
            ):
                continue
            store.save(record)
        store.set_setting("technician", technician)
    return len(records)
