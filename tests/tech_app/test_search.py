"""The job search finds Chinese substrings, English words, serial and phone fragments."""

from __future__ import annotations

import dataclasses

import pytest

from tech_app.demo import demo_id
from tech_app.job_list import JobFilter, count_jobs, list_jobs, page_sql
from tech_app.records import Customer
from tech_app.store.local import LocalStore


def found(store: LocalStore, text: str) -> set[str]:
    return {row["id"] for row in list_jobs(store, JobFilter(text=text))}


def job(key: str) -> str:
    return demo_id(f"job:{key}")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("售后", "heater-in"),  # two characters: shorter than a trigram
        ("售后服务", "heater-in"),
        ("王", "heater-in"),  # a surname alone
        ("望京", "heater-in"),
        ("叉车", "fleet"),
        ("CPCD30-2304", "fleet"),  # serial fragment
        ("2304", "fleet"),
        ("0815-077", "heater-in"),
        ("5521", "heater-in"),  # phone fragment as written with spaces
        ("13800135521", "heater-in"),  # the same phone typed without spaces
        ("Carter", "heater-out"),
        ("carter", "heater-out"),
        ("laser printer", "printer"),
        ("LJ2405", "printer"),
        ("Northwind", "printer"),
        ("饮水机", "dispenser"),
        ("周大生", "ring"),
    ],
)
def test_search_finds_the_job(demo_store: LocalStore, typed: str, expected: str) -> None:
    assert job(expected) in found(demo_store, typed)


def test_every_word_must_match(demo_store: LocalStore) -> None:
    assert found(demo_store, "李梅 灶") == {job("stove"), job("guidance")}
    assert found(demo_store, "李梅 FD21BE") == {job("stove")}
    assert found(demo_store, "王建国 Northwind") == set()


def test_an_empty_box_lists_everything_and_nonsense_finds_nothing(demo_store: LocalStore) -> None:
    assert count_jobs(demo_store, JobFilter(text="  ")) == 13
    assert found(demo_store, "zzzqqq") == set()
    assert len(found(demo_store, '" -')) == 13  # punctuation alone filters nothing out
    assert found(demo_store, "AND OR NOT *") == set()


def test_renaming_a_customer_updates_the_search_at_once(demo_store: LocalStore) -> None:
    wang = demo_store.get(Customer, demo_id("customer:wang"))
    demo_store.save(dataclasses.replace(wang, name="王建华"))
    assert job("heater-in") in found(demo_store, "王建华")
    assert found(demo_store, "王建国") == set()


def test_search_combines_with_status_and_day_filters(demo_store: LocalStore) -> None:
    assert count_jobs(demo_store, JobFilter(day="2026-11-29")) == 5
    assert count_jobs(demo_store, JobFilter(text="李梅", job_type="guidance")) == 1
    assert count_jobs(demo_store, JobFilter(status="signed")) == 0


def test_the_page_sql_is_the_query_the_list_runs(demo_store: LocalStore) -> None:
    # The benchmarks time page_sql with bare sqlite3 against list_jobs: they must agree.
    flt = JobFilter(text="王", status="assigned")
    sql, params = page_sql(flt, offset=0, limit=5)
    raw = demo_store.db.execute(sql, params).fetchall()
    listed = list_jobs(demo_store, flt, offset=0, limit=5)
    assert raw and [row[0] for row in raw] == [row["id"] for row in listed]


@pytest.mark.parametrize("text", ["王", "s", "售后", "SR", "13800", "nothing-like-this"])
@pytest.mark.parametrize("day", [None, "2026-11-28", "2026-11-29"])
def test_walking_the_window_index_lists_the_same_page(
    demo_store: LocalStore, text: str, day: str | None
) -> None:
    # Two query shapes for one filter (from the matches, or job by job in window
    # order): which one runs is a matter of speed, never of what is listed.
    flt = JobFilter(text=text, day=day)
    order = "jobs.window_start ASC, jobs.number ASC"
    pages = [
        demo_store.db.execute(
            *page_sql(flt, offset=0, limit=100, order_by=order, walk=walk)
        ).fetchall()
        for walk in (False, True)
    ]
    assert pages[0] == pages[1]


def test_a_day_is_the_local_date_of_the_window_start(demo_store: LocalStore) -> None:
    days = {
        row["window_start"][:10]
        for row in list_jobs(demo_store, JobFilter(day="2026-11-29"))
        if row["window_start"]
    }
    assert days == {"2026-11-29"}
    assert count_jobs(demo_store, JobFilter(day="not a date")) == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("热水器", {"heater-in", "heater-out"}),  # the category "solar water heater" in Chinese
        ("熱水器", {"heater-in", "heater-out"}),  # and in traditional characters
        ("heater", {"heater-in", "heater-out"}),
        ("叉车", {"fleet"}),
        ("打印机", {"printer"}),
        ("燃气灶", {"stove"}),
        ("安装", {"printer"}),  # the job type installation, as the screen calls it
        ("installation", {"printer"}),
    ],
)
def test_type_and_category_words_find_jobs_in_both_languages(
    demo_store: LocalStore, typed: str, expected: set[str]
) -> None:
    hits = found(demo_store, typed)
    assert {job(k) for k in expected} <= hits
    assert "fleet" in expected or job("fleet") not in hits


def test_repair_in_chinese_finds_the_repairs_only(demo_store: LocalStore) -> None:
    from tech_app.records import Job

    repairs = {j.id for j in demo_store.select(Job, "job_type = 'repair'")}
    assert repairs and found(demo_store, "维修") == repairs


@pytest.mark.parametrize(
    "typed", ["2100-4477", "2100 4477", "186-2100-4477", "(186)2100.4477", "２１００－４４７７"]
)
def test_a_phone_typed_with_any_separators_is_found(demo_store: LocalStore, typed: str) -> None:
    rows = list_jobs(demo_store, JobFilter(text=typed))
    assert rows and {row["phone"] for row in rows} == {"186 2100 4477"}  # 李梅's jobs only


def test_an_old_index_is_rebuilt_once_on_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tech_app.demo import load_demo
    from tech_app.store import search
    from tech_app.store.local import open_store
    from tests.conftest import DEMO_DAY

    store = open_store(tmp_path / "p.sqlite3")
    load_demo(store, DEMO_DAY)
    store.db.execute("DELETE FROM job_search_tri")
    store.db.execute("DELETE FROM job_search_gram")
    store.set_setting(search.INDEX_VERSION_SETTING, "1")  # built by an older tech-app
    store.close()
    reopened = open_store(tmp_path / "p.sqlite3")
    assert found(reopened, "热水器") and found(reopened, "王")
    assert reopened.setting(search.INDEX_VERSION_SETTING) == search.INDEX_VERSION
    reopened.close()
