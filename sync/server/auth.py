"""Accounts and tokens: argon2 passwords, opaque tokens stored only as SHA-256 hashes.

An access token lives minutes, a refresh token a month (longer than a long week
offline). Both are random strings; the database holds their hashes, so a copy of
it gives nobody a working token. Login failures are counted per user and address
in the database, so the limit holds across workers.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Connection

from sync import protocol as p
from sync.server import tables as t
from sync.server.db import now
from tech_app.errors import NotFoundError, TechAppError, ValidationError

ACCESS_TTL = 15 * 60
REFRESH_TTL = 30 * 24 * 3600
MAX_FAILURES = 5
FAILURE_WINDOW = 5 * 60
ROLES = p.ROLES
# An admin is office staff who also keeps the accounts (the console's people page).
ADMIN = "admin"
OFFICE_ROLES = frozenset({"office", ADMIN})
# Who may sign in to the web console, and how long a console session lasts (a working day).
CONSOLE_ROLES = OFFICE_ROLES
CONSOLE = "console"  # the token kind of a console session
CONSOLE_TTL = 10 * 3600
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{2,60}$")
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs the same time.
_DUMMY_HASH = _hasher.hash("not a password")


class AuthError(TechAppError):
    """Wrong credentials or an unusable token (401)."""


class RateLimited(TechAppError):
    """Too many failed logins (429)."""


@dataclass(frozen=True)
class Caller:
    name: str
    role: str
    session_id: str


def access_ttl() -> int:
    return int(os.environ.get("TECH_APP_ACCESS_TTL", ACCESS_TTL))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def require_technician(conn: Connection, name: str) -> None:
    """Refuse a name no technician (or office user) has: NotFoundError names it."""
    found = conn.execute(sa.select(t.technicians.c.name).where(t.technicians.c.name == name))
    if found.first() is None:
        raise NotFoundError("technician", name)


def user_names(conn: Connection, role: str) -> list[str]:
    """The users of one role, by name: the board's rows, the assign menu."""
    query = sa.select(t.technicians.c.name).where(t.technicians.c.role == role)
    return sorted(str(name) for name in conn.execute(query).scalars())


def add_technician(conn: Connection, name: str, password: str, role: str = "technician") -> None:
    if not _NAME.match(name):
        raise ValidationError("technician.name", "use 2-60 letters, digits, '.', '_' or '-'")
    if len(password) < 4:
        raise ValidationError("technician.password", "must be at least 4 characters")
    if role not in ROLES:
        raise ValidationError("technician.role", f"must be one of {', '.join(ROLES)}")
    values = {"password_hash": _hasher.hash(password), "role": role, "created_at": now()}
    exists = conn.execute(
        sa.select(t.technicians.c.name).where(t.technicians.c.name == name)
    ).first()
    if exists:
        conn.execute(t.technicians.update().where(t.technicians.c.name == name).values(**values))
    else:
        conn.execute(t.technicians.insert().values(name=name, **values))


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    locked: bool  # too many wrong passwords lately: sign-in waits (``check_password``)


def accounts(conn: Connection) -> list[Account]:
    """Every account, by name, with whether repeated wrong passwords (from one address,
    as ``check_password`` counts them) locked it now."""
    f = t.login_failures.c
    locked = set(
        conn.execute(
            sa.select(f.technician)
            .where(f.at > now() - FAILURE_WINDOW)
            .group_by(f.technician, f.ip)
            .having(sa.func.count() >= MAX_FAILURES)
        ).scalars()
    )
    people = conn.execute(
        sa.select(t.technicians.c.name, t.technicians.c.role).order_by(t.technicians.c.name)
    ).all()
    return [Account(str(p.name), str(p.role), p.name in locked) for p in people]


def unlock(conn: Connection, name: str) -> None:
    """Forget the account's wrong passwords: it may sign in again at once."""
    require_technician(conn, name)
    conn.execute(t.login_failures.delete().where(t.login_failures.c.technician == name))


def end_sessions(conn: Connection, name: str) -> int:
    """Revoke every session of the account (after a new password); returns how many."""
    done = conn.execute(
        t.tokens.update()
        .where(t.tokens.c.technician == name, t.tokens.c.revoked.is_(False))
        .values(revoked=True)
    )
    return int(done.rowcount or 0)


def _issue(conn: Connection, name: str, session_id: str, kind: str, ttl: int) -> str:
    token = secrets.token_urlsafe(32)
    conn.execute(
        t.tokens.insert().values(
            token_hash=token_hash(token),
            session_id=session_id,
            kind=kind,
            technician=name,
            expires_at=now() + ttl,
            revoked=False,
        )
    )
    return token


def check_password(conn: Connection, name: str, password: str, ip: str) -> str:
    """The user's role when the password is right; the one lockout rule for every sign-in.

    Failures are counted per user and address over ``FAILURE_WINDOW``; at
    ``MAX_FAILURES`` the next try is refused before the password is looked at. The
    device login and the web console both come through here, so a wrong password at
    one counts at the other.
    """
    if not _NAME.fullmatch(name):
        # No account can have this name; nor can it be stored as a failure against one.
        raise ValidationError(
            "user", "is not a user name: use 2-60 letters, digits, '.', '_' or '-'"
        )
    moment = now()
    failures = conn.execute(
        sa.select(sa.func.count()).where(
            t.login_failures.c.technician == name,
            t.login_failures.c.ip == ip,
            t.login_failures.c.at > moment - FAILURE_WINDOW,
        )
    ).scalar_one()
    if failures >= MAX_FAILURES:
        raise RateLimited("too many failed logins; wait five minutes and try again")
    user = conn.execute(sa.select(t.technicians).where(t.technicians.c.name == name)).first()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        conn.execute(t.login_failures.insert().values(technician=name, ip=ip, at=moment))
        raise AuthError("wrong user name or password")
    assert user is not None
    conn.execute(
        t.login_failures.delete().where(
            t.login_failures.c.technician == name, t.login_failures.c.ip == ip
        )
    )
    return str(user.role)


def login(conn: Connection, name: str, password: str, ip: str) -> dict[str, object]:
    """Password → access + refresh token. Failures are recorded and rate limited."""
    role = check_password(conn, name, password, ip)
    session_id = str(uuid.uuid4())
    return {
        "access_token": _issue(conn, name, session_id, "access", access_ttl()),
        "refresh_token": _issue(conn, name, session_id, "refresh", REFRESH_TTL),
        "expires_in": access_ttl(),
        "technician": name,
        "role": role,
    }


def console_login(conn: Connection, name: str, password: str, ip: str) -> str:
    """Password → a console session token, for office staff only.

    Its own token kind: a console cookie is no bearer token for the API (``authenticate``
    takes ``access`` tokens only) and a device's access token opens no console page.
    A technician with the right password is refused as if it were wrong, so the console
    tells nobody which names are technicians.
    """
    role = check_password(conn, name, password, ip)
    if role not in CONSOLE_ROLES:
        raise AuthError("wrong user name or password")
    return _issue(conn, name, str(uuid.uuid4()), CONSOLE, CONSOLE_TTL)


def console_caller(conn: Connection, token: str) -> Caller:
    """The office user behind a console session token; AuthError when it is not one."""
    row = _valid(conn, token, CONSOLE)
    user = conn.execute(
        sa.select(t.technicians).where(t.technicians.c.name == row.technician)
    ).first()
    if user is None or user.role not in CONSOLE_ROLES:
        # Demoted or removed since signing in: the session ends with the role.
        raise AuthError("this account may not use the console")
    return Caller(name=str(row.technician), role=str(user.role), session_id=str(row.session_id))


def _valid(conn: Connection, token: str, kind: str) -> sa.Row[tuple[object, ...]]:
    row = conn.execute(
        sa.select(t.tokens).where(
            t.tokens.c.token_hash == token_hash(token), t.tokens.c.kind == kind
        )
    ).first()
    if row is None or row.revoked:
        raise AuthError(f"the {kind} token is not valid; log in again")
    if row.expires_at <= now():
        raise AuthError(f"the {kind} token has expired")
    return row


def refresh(conn: Connection, refresh_token: str) -> dict[str, object]:
    """A new access token for a live refresh token (the refresh token stays valid).

    Not rotated on purpose: a refresh answer lost on a bad connection must not lock
    a technician out of a week of offline work.
    """
    row = _valid(conn, refresh_token, "refresh")
    return {
        "access_token": _issue(
            conn, str(row.technician), str(row.session_id), "access", access_ttl()
        ),
        "expires_in": access_ttl(),
    }


def logout(conn: Connection, caller: Caller) -> None:
    conn.execute(
        t.tokens.update().where(t.tokens.c.session_id == caller.session_id).values(revoked=True)
    )


def authenticate(conn: Connection, access_token: str) -> Caller:
    """Who an access token belongs to, read in one statement (every request asks)."""
    tokens, people = t.tokens.c, t.technicians.c
    row = conn.execute(
        sa.select(
            tokens.technician, tokens.session_id, tokens.revoked, tokens.expires_at, people.role
        )
        .select_from(t.tokens.outerjoin(t.technicians, people.name == tokens.technician))
        .where(tokens.token_hash == token_hash(access_token), tokens.kind == "access")
    ).first()
    if row is None or row.revoked:
        raise AuthError("the access token is not valid; log in again")
    if row.expires_at <= now():
        raise AuthError("the access token has expired")
    if row.role is None:
        raise AuthError("this account no longer exists")
    return Caller(name=str(row.technician), role=str(row.role), session_id=str(row.session_id))


def expire_access_tokens(conn: Connection, name: str | None = None) -> None:
    """Make every access token (of one user) expired now: for tests and incident response."""
    query = t.tokens.update().where(t.tokens.c.kind == "access")
    if name:
        query = query.where(t.tokens.c.technician == name)
    conn.execute(query.values(expires_at=now() - 1))
