"""A fast, deterministic generator of N jobs for the 100k tests and the benchmarks.

Rows are written in bulk with ``executemany`` inside one transaction, as if a
first sync had pulled them from head office: they get no outbox rows, because
nothing about them is waiting to be pushed. ``LocalStore.save`` would queue a
mutation and reindex one job at a time, which takes minutes for 100,000 jobs.
The search index is then filled in bulk with the same text that
``tech_app.store.search.job_text`` builds, so search finds generated jobs
exactly as it finds synced ones.

Half the customers have Chinese names and addresses, half English ones.

    python -m bench.generate --jobs 100000 --out /tmp/bench-profile
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from operator import itemgetter
from pathlib import Path
from typing import Any

from tech_app.demo_templates import ALL_TEMPLATES
from tech_app.records.codec import to_row
from tech_app.store.local import LocalStore, open_store
from tech_app.store.search import gram_tokens
from tech_app.vocab import JobStatus, JobType

CHINA = timezone(timedelta(hours=8), "CST")
# Days before and after ``today`` that generated visit windows spread over.
PAST_DAYS = 1500
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
class Generated:
    jobs: int
    customers: int
    seconds: float


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


def _search_text(parts: Iterable[str], phones: Iterable[str]) -> str:
    """The same text as ``tech_app.store.search.job_text`` (checked by a test)."""
    found = [p for p in parts if p]
    found += [re.sub(r"\D", "", phone) for phone in phones if phone]
    return "\n".join(found)


def _status(rng: random.Random, day_offset: int) -> JobStatus:
    if day_offset < 0:
        return JobStatus.CANCELLED if rng.random() < 0.04 else JobStatus.SIGNED
    if day_offset == 0:
        return rng.choice((JobStatus.ASSIGNED, JobStatus.EN_ROUTE, JobStatus.ON_SITE))
    return JobStatus.ASSIGNED


def generate(
    store: LocalStore,
    jobs: int,
    *,
    today: date,
    seed: int = 1,
    technician: str = "liu",
    index: bool = True,
) -> Generated:
    """Write ``jobs`` jobs (with about half as many customers) into an empty-ish store."""
    started = time.perf_counter()
    rng = random.Random(seed)
    iso = _IsoCache()
    stamp = datetime.now(UTC).isoformat()
    templates = {t.code: t.id for t in ALL_TEMPLATES}
    customers: list[dict[str, Any]] = []
    sites: list[dict[str, Any]] = []
    assets: list[dict[str, Any]] = []
    job_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    texts: list[tuple[str, str]] = []
    n_customers = max(1, jobs // 2)
    for n in range(n_customers):
        chinese = n % 2 == 0
        name, address = _person(rng, chinese)
        phone = _phone(rng)
        customer_id, site_id = _uuid(rng), _uuid(rng)
        category, make, model, template, terms = rng.choice(_UNITS)
        customers.append(
            {
                "id": customer_id,
                "name": name,
                "phone": phone,
                "customer_class": rng.choice("ABC"),
                "notes": "",
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
        assets.append(
            {
                "id": _uuid(rng),
                "customer_id": customer_id,
                "site_id": site_id,
                "category": category,
                "make": make,
                "model": model,
                "serial": f"{model}-{rng.randrange(10**6):06d}",
                "purchased_on": (today - timedelta(days=rng.randint(30, 2000))).isoformat(),
                "purchased_at": "",
                "warranty_terms": terms,
                "hour_meter": rng.randint(100, 4000) if category == "forklift" else None,
                "_template": templates[template],
            }
        )
    for n in range(jobs):
        owner = n % n_customers
        customer, site, asset = customers[owner], sites[owner], assets[owner]
        offset = rng.randint(-PAST_DAYS, FUTURE_DAYS)
        start = datetime.combine(today + timedelta(days=offset), datetime.min.time(), CHINA)
        start += timedelta(hours=rng.randint(8, 17), minutes=rng.choice((0, 30)))
        reported = start - timedelta(hours=rng.randint(2, 96))
        status = _status(rng, offset)
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
                "on_site_at": iso(start) if done else None,
                "completed_at": iso(start + timedelta(minutes=50)) if done else None,
            }
        )
        links.append(
            {
                "id": _uuid(rng),
                "job_id": job_id,
                "asset_id": asset["id"],
                "template_id": asset["_template"],
                "position": 0,
                "hour_meter": None,
            }
        )
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
                            asset["category"],
                            asset["make"],
                            asset["model"],
                            asset["serial"],
                        ),
                        (customer["phone"], site["contact_phone"]),
                    ),
                )
            )
    for row in assets:
        del row["_template"]
    # A bulk load touches far more pages than SQLite's default 2 MB cache holds.
    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute("PRAGMA cache_size = -262144")
    try:
        _write(store, customers, sites, assets, job_rows, links, texts, stamp, index=index)
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")
    return Generated(jobs, n_customers, time.perf_counter() - started)


def _write(
    store: LocalStore,
    customers: list[dict[str, Any]],
    sites: list[dict[str, Any]],
    assets: list[dict[str, Any]],
    job_rows: list[dict[str, Any]],
    links: list[dict[str, Any]],
    texts: list[tuple[str, str]],
    stamp: str,
    *,
    index: bool,
) -> None:
    with store.transaction():
        known = {r[0] for r in store.db.execute("SELECT id FROM checklist_templates").fetchall()}
        _insert(
            store,
            "checklist_templates",
            [to_row(t) for t in ALL_TEMPLATES if t.id not in known],
            stamp,
        )
        _insert(store, "customers", customers, stamp)
        _insert(store, "sites", sites, stamp)
        _insert(store, "assets", assets, stamp)
        _insert(store, "jobs", job_rows, stamp)
        _insert(store, "job_assets", links, stamp)
        if index:
            index_jobs(store, texts)


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True, help="profile folder to fill")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from tech_app.profile import database_path

    store = open_store(database_path(args.out))
    done = generate(store, args.jobs, today=args.today, seed=args.seed)
    store.close()
    print(f"{done.jobs} jobs, {done.customers} customers in {done.seconds:.2f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
