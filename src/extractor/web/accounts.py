"""Users, their passwords (argon2id), log-in sessions and the audit trail, in the archive's
tables (`archive/schema.py`, migration 6)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..archive import Archive
from ..archive.schema import audit, sessions, users
from ..errors import ExtractorError

ROLES = ("admin", "reviewer", "viewer")
SESSION_HOURS = 12


class AccountError(ExtractorError):
    """A user command that cannot be done (path: the user name)."""

    key = "web.error.account"


class UserExists(AccountError):
    key = "web.error.user_exists"


class UserMissing(AccountError):
    key = "web.error.user_missing"


class BadRole(AccountError):
    key = "web.error.bad_role"


class EmptyPassword(AccountError):
    key = "web.error.empty_password"


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str

    @property
    def can_review(self) -> bool:
        """Reviewers and admins upload and review; viewers read and search."""
        return self.role in ("admin", "reviewer")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    if not password:
        raise EmptyPassword()
    return _hasher().hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def record(conn, who: str, action: str, target: str | None = None, detail: dict[str, Any] | None = None) -> None:
    """One audit row: who did what to which target, and when."""
    conn.execute(audit.insert().values(at=now(), who=who, action=action, target=target, detail=detail))


# --- users ------------------------------------------------------------------------------------


def add_user(archive: Archive, name: str, role: str, password: str, who: str) -> User:
    if role not in ROLES:
        raise BadRole(name, role)
    digest = hash_password(password)
    with archive._transaction() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first():
            raise UserExists(name)
        user_id = conn.execute(
            users.insert().values(name=name, role=role, password_hash=digest, created_at=now()).returning(users.c.id)
        ).scalar_one()
        record(conn, who, "user.add", name, {"role": role})
    return User(user_id, name, role)


def remove_user(archive: Archive, name: str, who: str) -> None:
    with archive._transaction() as conn:
        if conn.execute(sa.delete(users).where(users.c.name == name)).rowcount == 0:
            raise UserMissing(name)
        record(conn, who, "user.remove", name)


def set_password(archive: Archive, name: str, password: str, who: str) -> None:
    digest = hash_password(password)
    with archive._transaction() as conn:
        changed = conn.execute(sa.update(users).where(users.c.name == name).values(password_hash=digest))
        if changed.rowcount == 0:
            raise UserMissing(name)
        conn.execute(sa.delete(sessions).where(sessions.c.user_id == sa.select(users.c.id).where(users.c.name == name).scalar_subquery()))
        record(conn, who, "user.passwd", name)


def list_users(archive: Archive) -> list[dict[str, Any]]:
    u = users.c
    with archive._read() as conn:
        rows = conn.execute(sa.select(u.id, u.name, u.role, u.created_at).order_by(u.name)).mappings()
        return [dict(r) for r in rows]


def authenticate(archive: Archive, name: str, password: str) -> User | None:
    """The user whose name and password these are, or None."""
    u = users.c
    with archive._read() as conn:
        row = conn.execute(sa.select(u.id, u.name, u.role, u.password_hash).where(u.name == name)).first()
    if row is None or not password_matches(row.password_hash, password):
        return None
    return User(row.id, row.name, row.role)


# --- sessions -------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(archive: Archive, user: User) -> str:
    """A new session for `user`; returns the cookie's token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    with archive._transaction() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.expires_at < now()))
        conn.execute(
            sessions.insert().values(
                token_hash=_token_hash(token),
                user_id=user.id,
                csrf=secrets.token_urlsafe(32),
                expires_at=now() + dt.timedelta(hours=SESSION_HOURS),
            )
        )
    return token


def session_of(archive: Archive, token: str | None) -> Session | None:
    if not token:
        return None
    s, u = sessions.c, users.c
    stmt = (
        sa.select(u.id, u.name, u.role, s.csrf, s.expires_at)
        .join(users, users.c.id == s.user_id)
        .where(s.token_hash == _token_hash(token))
    )
    with archive._read() as conn:
        row = conn.execute(stmt).first()
    if row is None or _as_utc(row.expires_at) < now():
        return None
    return Session(User(row.id, row.name, row.role), row.csrf)


def close_session(archive: Archive, token: str | None) -> None:
    if token:
        with archive._transaction() as conn:
            conn.execute(sa.delete(sessions).where(sessions.c.token_hash == _token_hash(token)))


def audit_rows(archive: Archive, limit: int = 200) -> list[dict[str, Any]]:
    a = audit.c
    with archive._read() as conn:
        rows = conn.execute(sa.select(audit).order_by(a.id.desc()).limit(limit)).mappings()
        return [dict(r) for r in rows]
