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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tech_app.search_words import category_words, job_type_words

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
    row = db.execute(
        """
        SELECT j.number, j.problem, c.name, c.phone, s.address, s.contact_name, s.contact_phone,
            j.job_type
        FROM jobs j JOIN customers c ON c.id = j.customer_id JOIN sites s ON s.id = j.site_id
        WHERE j.id = ?""",
        [job_id],
    ).fetchone()
    if row is None:
        return ""
    assets = db.execute(
        """SELECT a.category, a.make, a.model, a.serial FROM job_assets ja JOIN assets a ON a.id = ja.asset_id
        WHERE ja.job_id = ?""",
        [job_id],
    ).fetchall()
    intakes = db.execute(
        "SELECT counterfoil_number, product FROM jewellery_intakes WHERE job_id = ?", [job_id]
    ).fetchall()
    number, problem, name, phone, address, contact, contact_phone, job_type = (
        value or "" for value in row
    )
    return searchable_text(
        JobWords(
            number=number,
            problem=problem,
            customer_name=name,
            phone=phone,
            address=address,
            contact_name=contact,
            contact_phone=contact_phone,
            job_type=job_type,
            assets=tuple((c or "", m or "", mo or "", s or "") for c, m, mo, s in assets),
            intakes=tuple((foil or "", product or "") for foil, product in intakes),
        )
    )


def reindex_job(db: Database, job_id: str) -> None:
    """Refresh one job's entry in both indexes; call inside the writing transaction."""
    text = job_text(db, job_id)
    found = db.execute("SELECT rid FROM job_search_key WHERE job_id = ?", [job_id]).fetchone()
    if found is None:
        rid = db.execute("INSERT INTO job_search_key (job_id) VALUES (?)", [job_id]).lastrowid
    else:
        rid = found[0]
        db.execute("DELETE FROM job_search_tri WHERE rowid = ?", [rid])
        db.execute("DELETE FROM job_search_gram WHERE rowid = ?", [rid])
    db.execute("INSERT INTO job_search_tri (rowid, text) VALUES (?, ?)", [rid, text])
    db.execute("INSERT INTO job_search_gram (rowid, text) VALUES (?, ?)", [rid, gram_tokens(text)])


def jobs_touched_by(db: Database, table: str, record_id: str) -> list[str]:
    """Jobs whose search text includes the given customer, site, asset or job link."""
    if table == "jobs":
        return [record_id]
    query = {
        "customers": "SELECT id FROM jobs WHERE customer_id = ?",
        "sites": "SELECT id FROM jobs WHERE site_id = ?",
        "assets": "SELECT job_id FROM job_assets WHERE asset_id = ?",
        "job_assets": "SELECT job_id FROM job_assets WHERE id = ?",
        "jewellery_intakes": "SELECT job_id FROM jewellery_intakes WHERE id = ?",
    }.get(table)
    if query is None:
        return []
    return [row[0] for row in db.execute(query, [record_id]).fetchall()]


# Bump when ``job_text`` changes: profiles indexed before are re-indexed once on open.
INDEX_VERSION = "3"  # 3: a jewellery intake's counterfoil number and product
INDEX_VERSION_SETTING = "search.index_version"


def reindex_if_stale(db: Database) -> None:
    """Re-index every job when the index was built by an older ``job_text``."""
    found = db.execute(
        "SELECT value FROM settings WHERE key = ?", [INDEX_VERSION_SETTING]
    ).fetchone()
    if found is not None and found[0] == INDEX_VERSION:
        return
    with db.atomic():
        for (job_id,) in db.execute("SELECT id FROM jobs").fetchall():
            reindex_job(db, job_id)
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
