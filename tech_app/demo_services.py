"""The demo day's service systems beyond repair (issue 15): a free oil test for a
lubricant customer, a complaint taken by phone, an equipment-support contract with its
spare pool, a loaner unit and a quarterly inspection, and the fleet's yearly training.

``build_demo`` calls ``add_service_jobs`` with its own ``job`` helper, so these visits
get numbers, windows and the technician like every other demo job.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone

from tech_app.demo_templates import IT_INSPECTION, OIL_TESTING
from tech_app.records import (
    Asset,
    Complaint,
    Contract,
    Customer,
    Loan,
    Part,
    Site,
)
from tech_app.vocab import ComplaintType, JobType

CHINA = timezone(timedelta(hours=8), "CST")
SPARE_PRINTER_NUMBER = "PR-LJ2405-SP"
IT_DELIVERED = 20  # printers delivered under the support contract: a pool of 3 (15 %)

JobMaker = Callable[..., None]
IdMaker = Callable[[str], str]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA)


def spare_printer(demo_id: IdMaker) -> Part:
    return Part(
        id=demo_id(f"part:{SPARE_PRINTER_NUMBER}"),
        number=SPARE_PRINTER_NUMBER,
        name="Spare laser printer LJ2405 (support pool)",
        name_zh="备用激光打印机 LJ2405（备件池）",
        unit_price=189900,
    )


@dataclasses.dataclass(frozen=True)
class _Day:
    """What each builder below adds to: the record list and ``build_demo``'s helpers."""

    records: list[object]
    job: JobMaker
    customer: Callable[..., tuple[Customer, Site]]
    demo_id: IdMaker
    today: date
    technician: str


def add_service_jobs(
    records: list[object],
    job: JobMaker,
    customer: Callable[..., tuple[Customer, Site]],
    demo_id: IdMaker,
    today: date,
    technician: str,
    fleet: tuple[Customer, Site, Contract],
) -> None:
    """Append the service-system records and jobs of the demo day to ``records``."""
    tomorrow = today + timedelta(days=1)
    day = _Day(records, job, customer, demo_id, today, technician)
    _oil_test(day)
    _complaint(day)
    _equipment_support(day)
    fleet_customer, fleet_site, contract = fleet
    job(
        "training",
        fleet_customer,
        fleet_site,
        JobType.TRAINING,
        "年度免费日常检查培训：叉车司机 Yearly free training of the operators on daily checks",
        _at(today - timedelta(days=7), 9),
        _at(tomorrow, 15),
        2,
        [],
        contract_id=contract.id,
    )


def _oil_test(day: _Day) -> None:
    works, works_site = day.customer(
        "shenda",
        "上海申达机械厂 Shenda Machinery",
        "021-6478 3321",
        "上海市宝山区长江西路 1560 号 2 号车间",
        "设备科 孙工",
    )
    press = Asset(
        id=day.demo_id("asset:press"),
        customer_id=works.id,
        site_id=works_site.id,
        category="hydraulic press",
        make="天锻 Tianduan",
        model="YH32-315",
        serial="TD-YH32-315-0917",
        purchased_on=date(2021, 6, 1),
        purchased_at="天锻华东销售公司",
        hour_meter=6420,
    )
    day.records.append(press)
    day.job(
        "oil-test",
        works,
        works_site,
        JobType.OIL_TESTING,
        "免费油品检测：液压油（46号抗磨）何时到换油期，抽样化验 Free oil test of the press's hydraulic oil",
        _at(day.today - timedelta(days=2), 10),
        _at(day.today, 9),
        1,
        [(press, OIL_TESTING)],
    )


def _complaint(day: _Day) -> None:
    zhao, zhao_site = day.customer(
        "zhao",
        "赵敏",
        "139 1788 0456",
        "上海市闵行区七莘路 3099 弄 12 号 401 室",
        cls="C",
    )
    reported = _at(day.today, 8, 20)
    day.job(
        "complaint",
        zhao,
        zhao_site,
        JobType.COMPLAINT,
        "投诉：上周更换的热水器电磁阀又漏水，要求今天必须解决 Valve replaced last week leaks again",
        reported,
        _at(day.today, 16),
        1,
        [],
        priority=1,
    )
    day.records.append(
        Complaint(
            id=day.demo_id("complaint:zhao"),
            job_id=day.demo_id("job:complaint"),
            complaint_type=ComplaintType.WANTS_IT_NOW,
            key_points="上周更换的电磁阀接口漏水；要求今天上门解决，不接受“研究一下”",
            plan="今天 16:00 上门检查接口并重新密封，必要时免费更换电磁阀",
            deadline=_at(day.today, 18),
            recorded_by="office",
            recorded_at=reported + timedelta(minutes=5),
        )
    )


def _equipment_support(day: _Day) -> None:
    xinda, xinda_site = day.customer(
        "xinda",
        "信达科技有限公司 Xinda Technology",
        "010-8265 7700",
        "北京市海淀区中关村大街 27 号 11 层",
        "IT 主管 马磊",
        cls="A",
    )
    xinda = dataclasses.replace(
        xinda,
        purchase_reason="办公室打印设备统一采购：20 台，要求原厂上门支持",
        promises="电话 30 分钟响应，2 小时到场，8 小时内修不好提供备机；备件按采购量 15%；每季度巡检",
    )
    spare = spare_printer(day.demo_id)
    contract = Contract(
        id=day.demo_id("contract:xinda"),
        customer_id=xinda.id,
        name="打印设备技术支持协议 Printer support agreement",
        visits_per_year=4,
        visit_fee=30000,
        out_of_scope_per_hour=15000,
        starts_on=day.today - timedelta(days=80),
        visit_type=JobType.INSPECTION,
        delivered_quantity=IT_DELIVERED,
        spare_share_percent=15,
        spare_part_id=spare.id,
        spare_holder=day.technician,
    )
    printers = [
        Asset(
            id=day.demo_id(f"asset:xinda-printer{n}"),
            customer_id=xinda.id,
            site_id=xinda_site.id,
            category="printer",
            make="Lenovo",
            model="LJ2405",
            serial=f"LNV-LJ2405-X{n:04d}",
            purchased_on=day.today - timedelta(days=90),
            purchased_at="Lenovo business channel",
        )
        for n in range(1, 4)
    ]
    day.records.extend([contract, *printers])
    reported = _at(day.today - timedelta(days=1), 9)
    day.job(
        "xinda-repair",
        xinda,
        xinda_site,
        JobType.REPAIR,
        "11 层打印机卡纸后无法开机，已放备机，今天二次上门修复 Printer dead after a jam; "
        "loaner in place, back to repair it",
        reported,
        _at(day.today, 10),
        2,
        [(printers[0], IT_INSPECTION)],
        contract_id=contract.id,
        sla_policy="equipment_support",
        # The first call: answered in 20 min, on site in 1 h 50; the unit could not be
        # repaired there, so a loaner went in (below) and this second visit repairs it.
        responded_at=reported + timedelta(minutes=20),
        on_site_at=reported + timedelta(hours=1, minutes=50),
    )
    day.records.append(
        Loan(
            id=day.demo_id("loan:xinda"),
            job_id=day.demo_id("job:xinda-repair"),
            unit="备用打印机 Lenovo LJ2405",
            serial="LNV-LJ2405-SP0003",
            lent_at=reported + timedelta(hours=5),
            lent_by=day.technician,
        )
    )
    day.job(
        "xinda-inspection",
        xinda,
        xinda_site,
        JobType.INSPECTION,
        "季度巡检（第1次）：3 台打印机，提交巡检报告 Quarterly inspection round, with report",
        _at(day.today - timedelta(days=10), 9),
        _at(day.today + timedelta(days=1), 10),
        3,
        [(p, IT_INSPECTION) for p in printers],
        contract_id=contract.id,
    )


__all__ = ["SPARE_PRINTER_NUMBER", "add_service_jobs", "spare_printer"]
