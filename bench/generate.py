"""A fast, deterministic generator of N jobs for the 100k tests and the benchmarks.

Rows are written in bulk with ``executemany`` inside one transaction, as if a
first sync had pulled them from head office: they get no outbox rows, because
nothing about them is waiting to be pushed. ``LocalStore.save`` would queue a
mutation and reindex one job at a time, which takes minutes for 100,000 jobs.
The search index is then filled in bulk with the same text that
``tech_app.store.search.job_text`` builds, so search finds generated jobs
exactly as it finds synced ones.

Half the customers have Chinese names and addresses, half English ones. At the
issue's scale (``Scale.full()``) a profile also holds 40,000 assets (two per
customer, each with its own checklist on the job), a 500-part catalogue,
1,000,000 checklist answers and 200,000 part usage lines on the visits done so
far, and one job with a 30-item checklist and 10 part lines that the open-job
benchmark opens (``OPEN_JOB_NUMBER``).

    python -m bench.generate --jobs 100000 --out /tmp/bench-profile
    python -m bench.generate --full --out /tmp/bench-profile
"""

from __future__ import annotations

import argparse
import random
import re
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from tech_app.demo_templates import ALL_TEMPLATES
from tech_app.records import ChecklistItem, ChecklistTemplate, Part
from tech_app.records.codec import to_row
from tech_app.search_words import category_words, job_type_words
from tech_app.store.local import LocalStore, open_store
from tech_app.store.search import gram_tokens
from tech_app.vocab import ItemKind, JobStatus, JobType

CHINA = timezone(timedelta(hours=8), "CST")
# Days before and after ``today`` that generated visit windows spread over.
PAST_DAYS = 3 * 365 - 30  # with FUTURE_DAYS: three years of jobs, as the issue asks
FUTURE_DAYS = 30

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕鹏飞雪梅"
_CITIES = (
    ("北京市", ("朝阳区", "海淀区", "东城区", "丰台区")),
    ("上海市", ("浦东新区", "徐汇区", "静安区", "闵行区")),
    ("广州市", ("天河区", "越秀区", "海珠区")),
    ("深圳市", ("南山区", "福田区", "宝安区")),
)
_ROADS = ("望京西路", "漕溪北路", "天河路", "科技园南路", "张江路", "中山路", "人民路", "建设路")
_FIRST = (
    "Emily",
    "James",
    "Olivia",
    "Liam",
    "Grace",
    "Noah",
    "Sophia",
    "Lucas",
    "Mia",
    "Ethan",
    "Chloe",
    "Daniel",
    "Hannah",
    "Oliver",
    "Ava",
    "Henry",
)
_LAST = (
    "Carter",
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Walker",
    "Wright",
    "Clarke",
    "Hughes",
    "Green",
    "Hall",
    "Wood",
)
_STREETS = (
    "Xinyuan South Road",
    "Nanjing West Road",
    "Maple Road",
    "Harbour Street",
    "Garden Lane",
    "Century Avenue",
    "Riverside Drive",
)
_EN_CITIES = ("Chaoyang, Beijing", "Jing'an, Shanghai", "Tianhe, Guangzhou", "Nanshan, Shenzhen")
_UNITS = (  # category, make, model, template code, warranty terms
    ("solar water heater", "太阳雨 Sunrain", "SR-200", "solar-heater-repair", "solar_water_heater"),
    ("gas stove", "方太 Fotile", "FD21BE", "stove-repair", ""),
    ("printer", "Lenovo", "LJ2405", "printer-install", ""),
    ("water dispenser", "安吉尔 Angel", "Y1351", "dispenser-cleaning", ""),
    ("forklift", "合力 Heli", "CPCD30", "forklift-quarterly", "forklift"),
    ("ring", "周大福 Chow Tai Fook", "PT950", "jewellery-registration", ""),
)
_PROBLEMS_ZH = (
    "水箱底部漏水",
    "燃气灶打不着火",
    "打印机卡纸",
    "饮水机年卡清洗",
    "季度保养",
    "售后服务回访",
    "出水温度不够",
    "安装调试",
)
_PROBLEMS_EN = (
    "Tank leaking at the bottom",
    "Stove will not light",
    "Paper jam on every job",
    "Yearly cleaning card visit",
    "Quarterly maintenance",
    "Follow-up call",
    "No hot water in the mornings",
    "Install and commission",
)
_POLICIES = ("", "stove", "equipment_support")


@dataclass(frozen=True)
class Scale:
    """How much one technician's profile and one head office hold."""

    jobs: int
    customers: int
    assets: int
    parts: int
    answers: int
    part_lines: int
    technicians: int  # head office: technicians pushing at once

    @classmethod
    def full(cls) -> Scale:
        """The issue's scale: ten times a busy service company."""
        return cls(100_000, 20_000, 40_000, 500, 1_000_000, 200_000, 500)

    @classmethod
    def quick(cls) -> Scale:
        """A tenth of it, for everyday runs of ``python -m bench --quick``."""
        return cls(10_000, 2_000, 4_000, 500, 100_000, 20_000, 50)

    @property
    def label(self) -> str:
        return (
            f"{self.jobs}j-{self.customers}c-{self.assets}a-{self.answers}ans-{self.part_lines}pu"
        )


@dataclass(frozen=True)
class Generated:
    jobs: int
    customers: int
    seconds: float
    assets: int = 0
    parts: int = 0
    answers: int = 0
    part_lines: int = 0


def _uuid(rng: random.Random) -> str:
    # uuid.UUID(int=..., version=4) without the object: this runs 350,000 times.
    h = f"{rng.getrandbits(128) & _V4_MASK | _V4_BITS:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_V4_MASK = ~(0xF000 << 64) & ~(0xC000 << 48) & (2**128 - 1)
_V4_BITS = (0x4000 << 64) | (0x8000 << 48)


class _IsoCache(dict[datetime, str]):
    """isoformat() of the few thousand distinct times the generator uses, computed once each."""

    def __missing__(self, key: datetime) -> str:
        self[key] = value = key.isoformat()
        return value

    def __call__(self, moment: datetime) -> str:
        return self[moment]


def _phone(rng: random.Random) -> str:
    digits = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"


def _person(rng: random.Random, chinese: bool) -> tuple[str, str]:
    """A name and an address, both Chinese or both English."""
    if chinese:
        name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2)))
        city, districts = rng.choice(_CITIES)
        address = (
            f"{city}{rng.choice(districts)}{rng.choice(_ROADS)} {rng.randint(1, 400)} 号 "
            f"{rng.randint(1, 30)} 号楼 {rng.randint(101, 2805)}"
        )
        return name, address
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    address = (
        f"Apt {rng.randint(101, 2805)}, {rng.randint(1, 400)} {rng.choice(_STREETS)}, "
        f"{rng.choice(_EN_CITIES)}"
    )
    return name, address


def _columns(store: LocalStore, table: str) -> list[str]:
    return [row[1] for row in store.db.execute(f"PRAGMA table_info([{table}])").fetchall()]


def _insert(store: LocalStore, table: str, rows: Sequence[dict[str, Any]], stamp: str) -> None:
    """Insert rows with the schema's own column order; version 1 as a pulled row has."""
    if not rows:
        return
    columns = _columns(store, table)
    for row in rows:
        row["version"] = 1
        row["updated_at"] = stamp
    # A schema column the generator does not know about fails here with its name (KeyError).
    values = map(itemgetter(*columns), rows)
    marks = ", ".join("?" for _ in columns)
    store.db.conn.executemany(
        f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({marks})", values
    )


def _search_text(
    parts: Iterable[str], phones: Iterable[str], job_type: str, categories: Iterable[str]
) -> str:
    """The same text as ``tech_app.store.search.job_text`` (checked by a test)."""
    found = [p for p in parts if p]
    found += [re.sub(r"\D", "", phone) for phone in phones if phone]
    found += job_type_words(job_type)
    found += [w for category in categories if category for w in category_words(category)]
    return "\n".join(found)


def _status(rng: random.Random, day_offset: int) -> JobStatus:
    if day_offset < 0:
        return JobStatus.CANCELLED if rng.random() < 0.04 else JobStatus.SIGNED
    if day_offset == 0:
        return rng.choice((JobStatus.ASSIGNED, JobStatus.EN_ROUTE, JobStatus.ON_SITE))
    return JobStatus.ASSIGNED


def _open_job_template() -> ChecklistTemplate:
    """The 30-item checklist of the job the open-job benchmark opens."""
    items: list[ChecklistItem] = []
    for n in range(30):
        kind = (ItemKind.YES_NO, ItemKind.NUMBER, ItemKind.CHOICE, ItemKind.TEXT)[n % 4]
        items.append(
            ChecklistItem(
                key=f"point_{n + 1:02d}",
                label=f"Inspection point {n + 1}",
                label_zh=f"检查项 {n + 1}",
                kind=kind,
                unit="bar" if kind is ItemKind.NUMBER else "",
                minimum=Decimal(0) if kind is ItemKind.NUMBER else None,
                maximum=Decimal(100) if kind is ItemKind.NUMBER else None,
                choices=("good", "worn", "replace") if kind is ItemKind.CHOICE else (),
            )
        )
    return ChecklistTemplate(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, "tech-app-bench:template:30-point")),
        code="bench-30-point",
        title="30-point inspection",
        title_zh="30 项检查",
        items=tuple(items),
    )


OPEN_JOB_NUMBER = "GN-0000001"
OPEN_JOB_PARTS = 10
_ANSWER_COLUMNS = [
    "id",
    "job_id",
    "asset_id",
    "template_id",
    "item_key",
    "value",
    "out_of_range",
    "answered_at",
]
_USAGE_COLUMNS = [
    "id",
    "job_id",
    "asset_id",
    "part_id",
    "quantity",
    "unit_price",
    "coverage",
    "technician",
    "serial_out",
    "serial_in",
    "stock_override",
    "used_at",
    "removed_at",  # local schema 8; a generated line is never taken back
]


def _answer_value(rng: random.Random, item: ChecklistItem) -> tuple[str, int]:
    """A plausible stored answer (as ``check_answer`` would store it) and its range flag."""
    if item.kind is ItemKind.YES_NO:
        return rng.choice(("yes", "no")), 0
    if item.kind is ItemKind.NUMBER:
        low = float(item.minimum) if item.minimum is not None else 0.0
        high = float(item.maximum) if item.maximum is not None else low + 100.0
        value = rng.uniform(low, high * 1.05)  # one reading in forty is out of range
        return f"{value:.1f}", int(value > high)
    if item.kind is ItemKind.CHOICE:
        return rng.choice(item.choices), 0
    return rng.choice(("正常", "建议下次更换", "OK", "Worn, replace next visit")), 0


def _catalogue(rng: random.Random, count: int) -> list[dict[str, Any]]:
    parts = []
    for n in range(count):
        parts.append(
            to_row(
                Part(
                    id=_uuid(rng),
                    number=f"BP-{n + 1:04d}",
                    name=f"Spare part {n + 1}",
                    name_zh=f"配件 {n + 1} 号",
                    unit=rng.choice(("pc", "pc", "m", "kg")),
                    unit_price=rng.randrange(500, 50_000),
                    warranty_months=rng.choice((None, 6, 12)),
                    component=rng.choice(("", "pipes", "collector_tubes", "consumable")),
                )
            )
        )
    return parts


def generate(
    store: LocalStore,
    jobs: int,
    *,
    today: date,
    seed: int = 1,
    technician: str = "liu",
    index: bool = True,
    customers: int | None = None,
    assets: int | None = None,
    parts: int = 0,
    answers: int = 0,
    part_lines: int = 0,
) -> Generated:
    """Write ``jobs`` jobs (by default with half as many customers, one unit each).

    ``customers`` and ``assets`` set those counts (a customer's units all go on
    each of its jobs); ``parts``, ``answers`` and ``part_lines`` add the catalogue
    and the visit records of jobs done so far.
    """
    started = time.perf_counter()
    rng = random.Random(seed)
    iso = _IsoCache()
    stamp = datetime.now(UTC).isoformat()
    visits = answers > 0 or part_lines > 0
    open_template = _open_job_template()
    all_templates = (*ALL_TEMPLATES, open_template) if visits else ALL_TEMPLATES
    templates = {t.code: t for t in all_templates}
    n_customers = max(1, customers if customers is not None else jobs // 2)
    n_assets = max(n_customers, assets if assets is not None else n_customers)
    customer_rows: list[dict[str, Any]] = []
    sites: list[dict[str, Any]] = []
    asset_rows: list[dict[str, Any]] = []
    asset_template: dict[str, ChecklistTemplate] = {}
    assets_of: list[list[dict[str, Any]]] = [[] for _ in range(n_customers)]
    job_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    texts: list[tuple[str, str]] = []
    done_visits: list[tuple[dict[str, Any], list[dict[str, Any]], datetime]] = []
    for n in range(n_customers):
        chinese = n % 2 == 0
        name, address = _person(rng, chinese)
        phone = _phone(rng)
        customer_id, site_id = _uuid(rng), _uuid(rng)
        customer_rows.append(
            {
                "id": customer_id,
                "name": name,
                "phone": phone,
                "customer_class": rng.choice("ABC"),
                "notes": "",
                "purchase_reason": "",
                "promises": "",
            }
        )
        sites.append(
            {
                "id": site_id,
                "customer_id": customer_id,
                "address": address,
                "contact_name": name,
                "contact_phone": phone,
            }
        )
    for n in range(n_assets):
        owner = n % n_customers
        category, make, model, template, terms = rng.choice(_UNITS)
        asset = {
            "id": _uuid(rng),
            "customer_id": customer_rows[owner]["id"],
            "site_id": sites[owner]["id"],
            "category": category,
            "make": make,
            "model": model,
            "serial": f"{model}-{rng.randrange(10**6):06d}",
            "purchased_on": (today - timedelta(days=rng.randint(30, 2000))).isoformat(),
            "purchased_at": "",
            "warranty_terms": terms,
            "hour_meter": rng.randint(100, 4000) if category == "forklift" else None,
        }
        asset_rows.append(asset)
        asset_template[asset["id"]] = templates[template]
        assets_of[owner].append(asset)
    for n in range(jobs):
        owner = n % n_customers
        customer, site = customer_rows[owner], sites[owner]
        # search.job_text reads a job's units through the (job_id, asset_id) index.
        units = sorted(assets_of[owner], key=itemgetter("id"))
        offset = rng.randint(-PAST_DAYS, FUTURE_DAYS)
        open_job = visits and n == 0
        if open_job:
            offset = 0
        start = datetime.combine(today + timedelta(days=offset), datetime.min.time(), CHINA)
        start += timedelta(hours=rng.randint(8, 17), minutes=rng.choice((0, 30)))
        reported = start - timedelta(hours=rng.randint(2, 96))
        status = JobStatus.ON_SITE if open_job else _status(rng, offset)
        done = status is JobStatus.SIGNED
        chinese = owner % 2 == 0
        problem = rng.choice(_PROBLEMS_ZH if chinese else _PROBLEMS_EN)
        job_id = _uuid(rng)
        number = f"GN-{n + 1:07d}"
        job_rows.append(
            {
                "id": job_id,
                "number": number,
                "job_type": rng.choice(list(JobType)).value,
                "customer_id": customer["id"],
                "site_id": site["id"],
                "problem": problem,
                "reported_at": iso(reported),
                "window_start": iso(start),
                "window_end": iso(start + timedelta(hours=rng.randint(1, 4))),
                "assignee": technician,
                "status": status.value,
                "sla_policy": rng.choice(_POLICIES),
                "contract_id": None,
                "outcome": "repaired" if done else None,
                "findings": "",
                "work_done": "",
                "priority": rng.randint(1, 3),
                "flagged": "",
                "responded_at": iso(start - timedelta(minutes=40)) if done else None,
                "on_site_at": iso(start) if done or open_job else None,
                "completed_at": iso(start + timedelta(minutes=50)) if done else None,
                "visit_mode": "on_site",
                "card_id": None,
                "fault_cause": "",
                "payment_method": None,
                "receipt_number": "",
            }
        )
        job_links = [
            {
                "id": _uuid(rng),
                "job_id": job_id,
                "asset_id": asset["id"],
                "template_id": (open_template if open_job else asset_template[asset["id"]]).id,
                "position": position,
                "hour_meter": None,
            }
            for position, asset in enumerate(units[:1] if open_job else units)
        ]
        links += job_links
        if open_job or (visits and done):
            done_visits.append((job_rows[-1], job_links, start))
        if index:
            texts.append(
                (
                    job_id,
                    _search_text(
                        (
                            number,
                            problem,
                            customer["name"],
                            customer["phone"],
                            site["address"],
                            site["contact_name"],
                            site["contact_phone"],
                            *(
                                value
                                for asset in (units[:1] if open_job else units)
                                for value in (
                                    asset["category"],
                                    asset["make"],
                                    asset["model"],
                                    asset["serial"],
                                )
                            ),
                        ),
                        (customer["phone"], site["contact_phone"]),
                        job_rows[-1]["job_type"],
                        (asset["category"] for asset in (units[:1] if open_job else units)),
                    ),
                )
            )
    catalogue = _catalogue(rng, parts)
    by_id = {t.id: t for t in all_templates}
    answer_rows, usage_rows = _visit_records(
        rng, iso, done_visits, by_id, catalogue, answers, part_lines, technician
    )
    van = [
        {"id": _uuid(rng), "technician": technician, "part_id": part["id"], "quantity": "20"}
        for part in catalogue
    ]
    # A bulk load touches far more pages than SQLite's default 2 MB cache holds.
    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute("PRAGMA cache_size = -262144")
    try:
        with store.transaction():
            # Whose van the parts panel shows, as the demo and a login set it.
            if store.setting("technician") is None:
                store.set_setting("technician", technician)
            known = {
                r[0] for r in store.db.execute("SELECT id FROM checklist_templates").fetchall()
            }
            _insert(
                store,
                "checklist_templates",
                [to_row(t) for t in all_templates if t.id not in known],
                stamp,
            )
            _insert(store, "customers", customer_rows, stamp)
            _insert(store, "sites", sites, stamp)
            _insert(store, "assets", asset_rows, stamp)
            _insert(store, "jobs", job_rows, stamp)
            _insert(store, "job_assets", links, stamp)
            _insert(store, "parts", catalogue, stamp)
            _insert(store, "van_stock", van, stamp)
            _insert_tuples(store, "checklist_answers", _ANSWER_COLUMNS, answer_rows, stamp)
            _insert_tuples(store, "part_usage", _USAGE_COLUMNS, usage_rows, stamp)
            if index:
                index_jobs(store, texts)
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")
    return Generated(
        jobs,
        n_customers,
        time.perf_counter() - started,
        assets=n_assets,
        parts=len(catalogue),
        answers=len(answer_rows),
        part_lines=len(usage_rows),
    )


def _visit_records(
    rng: random.Random,
    iso: _IsoCache,
    done_visits: Sequence[tuple[dict[str, Any], list[dict[str, Any]], datetime]],
    templates: dict[str, ChecklistTemplate],
    catalogue: Sequence[dict[str, Any]],
    answers: int,
    part_lines: int,
    technician: str,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Checklist answers and part lines spread over the visits done so far.

    The first visit is the open-job benchmark's: all 30 items answered, 10 parts.
    The others share the rest in proportion to how many items their checklists
    have, so the totals come out exact whenever the checklists have room.
    """
    answer_rows: list[tuple[Any, ...]] = []
    usage_rows: list[tuple[Any, ...]] = []
    if not done_visits:
        return answer_rows, usage_rows
    items_of = [
        [
            (link, item)
            for link in job_links
            for item in templates[link["template_id"]].items
            if item.kind is not ItemKind.PHOTO  # a photo answer needs a stored image
        ]
        for _job, job_links, _start in done_visits
    ]
    room = sum(len(items) for items in items_of[1:])
    share = max(0, min(answers - len(items_of[0]), room))
    lines_share = max(0, part_lines - OPEN_JOB_PARTS)
    others = max(1, len(done_visits) - 1)
    cumulative = 0
    for n, ((job, job_links, start), items) in enumerate(zip(done_visits, items_of, strict=True)):
        if n == 0:
            take, lines = len(items), OPEN_JOB_PARTS
        else:
            # Cumulative rounding: the takes add up to exactly ``share``.
            before = cumulative * share // room if room else 0
            cumulative += len(items)
            take = (cumulative * share // room if room else 0) - before
            lines = n * lines_share // others - (n - 1) * lines_share // others
        answered_at = iso(start + timedelta(minutes=20))
        for link, item in items[:take]:
            value, out_of_range = _answer_value(rng, item)
            answer_rows.append(
                (
                    _uuid(rng),
                    job["id"],
                    link["asset_id"],
                    link["template_id"],
                    item.key,
                    value,
                    out_of_range,
                    answered_at,
                )
            )
        if not catalogue:
            continue
        used_at = iso(start + timedelta(minutes=40))
        for _ in range(lines):
            part = rng.choice(catalogue)
            usage_rows.append(
                (
                    _uuid(rng),
                    job["id"],
                    job_links[0]["asset_id"] if job_links else None,
                    part["id"],
                    rng.choice(("1", "1", "2")),
                    part["unit_price"],
                    rng.choice(("warranty", "contract", "charged")),
                    technician,
                    "",
                    "",
                    0,
                    used_at,
                    None,
                )
            )
    return answer_rows, usage_rows


def _insert_tuples(
    store: LocalStore,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    stamp: str,
) -> None:
    """Like ``_insert`` for tables with a million rows: tuples in a known column order."""
    if not rows:
        return
    schema = _columns(store, table)
    expected = [*columns, "version", "updated_at"]
    # A schema change must show up here, not as values in the wrong columns.
    assert sorted(schema) == sorted(expected), (table, schema)
    marks = ", ".join("?" for _ in expected)
    store.db.conn.executemany(
        f"INSERT INTO [{table}] ({', '.join(expected)}) VALUES ({marks})",
        ((*row, 1, stamp) for row in rows),
    )


def index_jobs(store: LocalStore, texts: Sequence[tuple[str, str]]) -> None:
    """Bulk equivalent of ``search.reindex_job`` for jobs that have no index entry yet."""
    first = store.db.execute("SELECT ifnull(max(rid), 0) + 1 FROM job_search_key").fetchone()[0]
    conn = store.db.conn
    conn.executemany(
        "INSERT INTO job_search_key (rid, job_id) VALUES (?, ?)",
        ((first + n, job_id) for n, (job_id, _) in enumerate(texts)),
    )
    conn.executemany(
        "INSERT INTO job_search_tri (rowid, text) VALUES (?, ?)",
        ((first + n, text) for n, (_, text) in enumerate(texts)),
    )
    conn.executemany(
        "INSERT INTO job_search_gram (rowid, text) VALUES (?, ?)",
        ((first + n, gram_tokens(text)) for n, (_, text) in enumerate(texts)),
    )


def generate_scale(store: LocalStore, scale: Scale, *, today: date, seed: int) -> Generated:
    """One technician's profile at ``scale``."""
    return generate(
        store,
        scale.jobs,
        today=today,
        seed=seed,
        customers=scale.customers,
        assets=scale.assets,
        parts=scale.parts,
        answers=scale.answers,
        part_lines=scale.part_lines,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="the issue's full scale (Scale.full)")
    parser.add_argument("--out", type=Path, required=True, help="profile folder to fill")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from tech_app.profile import database_path

    store = open_store(database_path(args.out))
    if args.full:
        done = generate_scale(store, Scale.full(), today=args.today, seed=args.seed)
    else:
        done = generate(store, args.jobs, today=args.today, seed=args.seed)
    store.close()
    print(
        f"{done.jobs} jobs, {done.customers} customers, {done.assets} assets, "
        f"{done.answers} answers, {done.part_lines} part lines in {done.seconds:.2f} s "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
