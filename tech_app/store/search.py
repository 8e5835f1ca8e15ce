"""Job search that finds Chinese substrings as well as English words and digit fragments.

The trigram index answers any query term of three characters or more. Shorter
terms (售后, a surname 王, "A1") go to the gram index, which stores each CJK
character and each adjacent pair as a token, and Latin words whole (queried by
prefix).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tech_app.search_words import category_words, job_type_words
from tech_app.store.plain import INDEX_VERSION, INDEX_VERSION_SETTING, in_chunks

if TYPE_CHECKING:
    from sqlite_utils import Database

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[^\W_]+")
_IS_CJK = re.compile(f"^[{_CJK}]+$")


def gram_tokens(text: str) -> str:
    """Text as the gram index stores it: CJK unigrams and bigrams, other words whole."""
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text):
        tokens.extend(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    latin = _CJK_RUN.sub(" ", text)
    tokens.extend(word.lower() for word in _WORD.findall(latin))
    return " ".join(tokens)


@dataclass(frozen=True)
class JobWords:
    """What a job is found by, read from wherever its records live (the laptop's store,
    head office's rows), so both ends index the same text."""

    number: str
    problem: str
    customer_name: str
    phone: str
    address: str
    contact_name: str
    contact_phone: str
    job_type: str
    assets: tuple[tuple[str, str, str, str], ...] = ()  # category, make, model, serial
    intakes: tuple[tuple[str, str], ...] = ()  # counterfoil number, product


def searchable_text(words: JobWords) -> str:
    """Everything a technician might type to find this job, one term source a line."""
    own = (
        words.number,
        words.problem,
        words.customer_name,
        words.phone,
        words.address,
        words.contact_name,
        words.contact_phone,
    )
    parts = [value for value in own if value] + [v for asset in words.assets for v in asset if v]
    # Phones are typed with spaces or dashes on some records and without on others.
    parts += [re.sub(r"\D", "", phone) for phone in (words.phone, words.contact_phone) if phone]
    # The type and the unit's category in both languages: 维修 and 热水器 find the job.
    parts += job_type_words(words.job_type)
    parts += [w for asset in words.assets if asset[0] for w in category_words(asset[0])]
    # A piece left at a jewellery counter: its counterfoil number as printed and without
    # separators (the customer brings the counterfoil; the counter types what it says),
    # and the product on the registration form.
    for number, product in words.intakes:
        parts += [number, re.sub(r"[^0-9A-Za-z]", "", number), product]
    return "\n".join(parts)


def job_text(db: Database, job_id: str) -> str:
    """Everything a technician might type to find this job (``searchable_text``)."""
    return job_texts(db, [job_id]).get(job_id, "")


def job_texts(db: Database, job_ids: Iterable[str]) -> dict[str, str]:
    """``job_text`` of each job that exists among ``job_ids``, read three statements per
    500 jobs (a pull page re-indexes hundreds at once)."""
    texts: dict[str, str] = {}
    for chunk in in_chunks(sorted(set(job_ids))):
        marks = ",".join("?" * len(chunk))
        assets: dict[str, list[tuple[str, str, str, str]]] = {}
        for job_id, *asset in db.execute(
            "SELECT ja.job_id, a.category, a.make, a.model, a.serial FROM job_assets ja "
            f"JOIN assets a ON a.id = ja.asset_id WHERE ja.job_id IN ({marks})",
            chunk,
        ).fetchall():
            assets.setdefault(job_id, []).append(tuple(v or "" for v in asset))  # type: ignore[arg-type]
        intakes: dict[str, list[tuple[str, str]]] = {}
        for job_id, foil, product in db.execute(
            "SELECT job_id, counterfoil_number, product FROM jewellery_intakes "
            f"WHERE job_id IN ({marks})",
            chunk,
        ).fetchall():
            intakes.setdefault(job_id, []).append((foil or "", product or ""))
        # LEFT JOIN: a job whose customer or site is not on this device yet is still
        # found by its number and problem.
        for row in db.execute(
            f"""
            SELECT j.id, j.number, j.problem, c.name, c.phone, s.address, s.contact_name,
                s.contact_phone, j.job_type
            FROM jobs j LEFT JOIN customers c ON c.id = j.customer_id
                LEFT JOIN sites s ON s.id = j.site_id
            WHERE j.id IN ({marks})""",
            chunk,
        ).fetchall():
            job_id = row[0]
            number, problem, name, phone, address, contact, contact_phone, job_type = (
                value or "" for value in row[1:]
            )
            texts[job_id] = searchable_text(
                JobWords(
                    number=number,
                    problem=problem,
                    customer_name=name,
                    phone=phone,
                    address=address,
                    contact_name=contact,
                    contact_phone=contact_phone,
                    job_type=job_type,
                    assets=tuple(assets.get(job_id, ())),
                    intakes=tuple(intakes.get(job_id, ())),
                )
            )
    return texts


def reindex_job(db: Database, job_id: str) -> None:
    """Refresh one job's entry in both indexes; call inside the writing transaction."""
    reindex_jobs(db, [job_id])


def reindex_jobs(db: Database, job_ids: Iterable[str]) -> None:
    """Refresh the entries of the jobs among ``job_ids`` that exist, in a few statements
    per 500 jobs; call inside the writing transaction."""
    texts = job_texts(db, job_ids)
    conn = db.conn
    for chunk in in_chunks(sorted(texts)):
        marks = ",".join("?" * len(chunk))
        rids = dict(
            db.execute(
                f"SELECT job_id, rid FROM job_search_key WHERE job_id IN ({marks})", chunk
            ).fetchall()
        )
        stale = [(rids[job_id],) for job_id in chunk if job_id in rids]
        conn.executemany("DELETE FROM job_search_tri WHERE rowid = ?", stale)
        conn.executemany("DELETE FROM job_search_gram WHERE rowid = ?", stale)
        new = [(job_id,) for job_id in chunk if job_id not in rids]
        if new:
            conn.executemany("INSERT INTO job_search_key (job_id) VALUES (?)", new)
            rids = dict(
                db.execute(
                    f"SELECT job_id, rid FROM job_search_key WHERE job_id IN ({marks})", chunk
                ).fetchall()
            )
        conn.executemany(
            "INSERT INTO job_search_tri (rowid, text) VALUES (?, ?)",
            [(rids[job_id], texts[job_id]) for job_id in chunk],
        )
        conn.executemany(
            "INSERT INTO job_search_gram (rowid, text) VALUES (?, ?)",
            [(rids[job_id], gram_tokens(texts[job_id])) for job_id in chunk],
        )


def defer_jobs(db: Database, job_ids: Iterable[str]) -> None:
    """Note jobs whose entries are stale, for ``reindex_pending`` to refresh later (the
    pages of a sync round before its last); call inside the writing transaction."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO search_pending (job_id) VALUES (?)", [(j,) for j in job_ids]
    )


def reindex_pending(db: Database, also: Iterable[str] = ()) -> None:
    """Refresh the deferred jobs' entries and those of ``also``, and clear the list;
    call inside the writing transaction."""
    pending = {job_id for (job_id,) in db.execute("SELECT job_id FROM search_pending")}
    wanted = pending | set(also)
    if wanted:
        reindex_jobs(db, wanted)
    if pending:
        db.execute("DELETE FROM search_pending")


def has_pending(db: Database) -> bool:
    return db.execute("SELECT 1 FROM search_pending LIMIT 1").fetchone() is not None


# Where a record's words reach the jobs that show them (see ``job_text``).
_TOUCHES = {
    "customers": "SELECT id FROM jobs WHERE customer_id IN ({})",
    "sites": "SELECT id FROM jobs WHERE site_id IN ({})",
    "assets": "SELECT job_id FROM job_assets WHERE asset_id IN ({})",
    "job_assets": "SELECT job_id FROM job_assets WHERE id IN ({})",
    "jewellery_intakes": "SELECT job_id FROM jewellery_intakes WHERE id IN ({})",
}


def jobs_touched_by(db: Database, table: str, record_id: str) -> list[str]:
    """Jobs whose search text includes the given customer, site, asset or job link."""
    return sorted(jobs_touched_by_any(db, table, [record_id]))


def jobs_touched_by_any(db: Database, table: str, record_ids: Iterable[str]) -> set[str]:
    """``jobs_touched_by`` for many records of one table, one statement per 500."""
    ids = sorted(set(record_ids))
    if table == "jobs":
        return set(ids)
    query = _TOUCHES.get(table)
    if query is None:
        return set()
    found: set[str] = set()
    for chunk in in_chunks(ids):
        sql = query.format(",".join("?" * len(chunk)))
        found.update(row[0] for row in db.execute(sql, chunk).fetchall())
    return found


# Bump ``INDEX_VERSION`` (in ``tech_app.store.plain``) when ``job_text`` changes:
# profiles indexed before are re-indexed once on open.


def reindex_if_stale(db: Database) -> None:
    """Re-index every job when the index was built by an older ``job_text``; otherwise
    the jobs a sync round cut short left waiting (``defer_jobs``)."""
    found = db.execute(
        "SELECT value FROM settings WHERE key = ?", [INDEX_VERSION_SETTING]
    ).fetchone()
    if found is not None and found[0] == INDEX_VERSION:
        if has_pending(db):
            with db.atomic():
                reindex_pending(db)
        return
    with db.atomic():
        reindex_jobs(db, [job_id for (job_id,) in db.execute("SELECT id FROM jobs").fetchall()])
        db.execute("DELETE FROM search_pending")
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [INDEX_VERSION_SETTING, INDEX_VERSION],
        )


# A phone typed with separators: 2100-4477, (021) 2100 4477, 186.2100.4477.
_PHONE_TERM = re.compile(r"^\+?[\d(][\d\s().\-/]*\d$")


def _digits_too(term: str) -> str:
    """A term as the trigram index is asked: a phone-like term also as its digits alone
    (the index holds each phone without separators), so 2100-4477 finds 186 2100 4477,
    while a serial fragment such as 0815-077 still matches as typed."""
    if _PHONE_TERM.match(term) and re.search(r"\D", term):
        digits = re.sub(r"\D", "", term)
        if len(digits) >= 3:
            return f"({_quote(term)} OR {_quote(digits)})"
    return _quote(term)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def hits_sql(query: str) -> tuple[str, list[str]] | None:
    """A SELECT of the ``job_search_key.rid`` of matching jobs, or None for an empty box.

    Every whitespace-separated term must match (AND), each in whichever index
    can answer it.
    """
    # Full-width letters and digits (ＳＶ, ２１００) are what a Chinese keyboard may type.
    terms = [t for t in unicodedata.normalize("NFKC", query).split() if t]
    if not terms:
        return None
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    selects: list[str] = []
    params: list[str] = []
    if long_terms:
        selects.append("SELECT rowid FROM job_search_tri WHERE job_search_tri MATCH ?")
        params.append(" AND ".join(_digits_too(t) for t in long_terms))
    if short_terms:
        parts = []
        for term in short_terms:
            if _IS_CJK.match(term):
                parts.append(_quote(term))
            else:
                words = _WORD.findall(term.lower())
                if not words:
                    continue
                parts.extend(_quote(w) + "*" for w in words)
        if parts:
            selects.append("SELECT rowid FROM job_search_gram WHERE job_search_gram MATCH ?")
            params.append(" AND ".join(parts))
    if not selects:
        return None
    return " INTERSECT ".join(selects), params


def match_sql(query: str) -> tuple[str, list[str]] | None:
    """A SQL condition on ``jobs.id`` for a search box text, or None if it is empty.

    SQLite runs it from the matches: best when they are few (a name, a serial).
    """
    hits = hits_sql(query)
    if hits is None:
        return None
    rids, params = hits
    return f"jobs.id IN (SELECT job_id FROM job_search_key WHERE rid IN ({rids}))", params


def match_each_sql(query: str) -> tuple[str, list[str]] | None:
    """The same condition tested job by job, for a query that walks jobs in index order.

    Best when most jobs match (a first Latin letter): a page then needs only its
    own rows tested, where ``match_sql`` would fetch and sort every match.
    """
    hits = hits_sql(query)
    if hits is None:
        return None
    rids, params = hits
    return (
        "EXISTS (SELECT 1 FROM job_search_key AS k WHERE k.job_id = jobs.id "
        f"AND k.rid IN ({rids}))",
        params,
    )


def count_hits(db: Any, query: str, stop_at: int) -> int:
    """How many jobs match, counting no further than ``stop_at`` (``db``: anything with
    ``execute``, so the benchmarks can run it on a bare sqlite3 connection)."""
    hits = hits_sql(query)
    if hits is None:
        return 0
    rids, params = hits
    sql = f"SELECT count(*) FROM ({rids} LIMIT ?)"
    return int(db.execute(sql, [*params, stop_at]).fetchone()[0])


# The two indexes as the laptop's schema creates them (migration m003, which stays as
# released); ``matching_keys`` builds them in memory for text held elsewhere.
_INDEX_TABLES = """
    CREATE VIRTUAL TABLE job_search_tri USING fts5(text, tokenize='trigram');
    CREATE VIRTUAL TABLE job_search_gram USING fts5(text, tokenize='unicode61');
"""


def matching_keys(texts: Mapping[str, str], query: str) -> set[str] | None:
    """The keys of ``texts`` that a search box text finds, by the laptop's own rules
    (``hits_sql`` over the same two indexes); None for an empty box.

    For head office, whose records are not in a laptop store: it passes each job's
    ``searchable_text`` and gets the same answer a technician's search gives.
    """
    hits = hits_sql(query)
    if hits is None:
        return None
    keys = list(texts)
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(_INDEX_TABLES)
        rows = [(n, texts[key]) for n, key in enumerate(keys, start=1)]
        db.executemany("INSERT INTO job_search_tri (rowid, text) VALUES (?, ?)", rows)
        db.executemany(
            "INSERT INTO job_search_gram (rowid, text) VALUES (?, ?)",
            [(n, gram_tokens(text)) for n, text in rows],
        )
        sql, params = hits
        return {keys[rid - 1] for (rid,) in db.execute(sql, params)}
    finally:
        db.close()
