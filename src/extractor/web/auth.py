"""Who is asking: a session cookie from the log-in form (pages, and the API called from them,
with the CSRF token in a header) or HTTP Basic credentials (the JSON API for other tools).

Cookies are HttpOnly and SameSite=Strict (Secure when the app is told it is behind HTTPS). Every
form post carries the session's CSRF token (the log-in form a token of its own, bound to a
cookie); a request with a session cookie that changes anything must carry it too. Failed log-ins
are rate-limited per client address and per user name.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

import sqlalchemy as sa

from ..archive import Archive
from ..archive.schema import users
from .accounts import Session, User, password_matches, session_of

SESSION_COOKIE = "extractor_session"
LOGIN_CSRF_COOKIE = "extractor_login"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class LoginLimiter:
    """At most `attempts` failed log-ins per `window` seconds for one client address or one user
    name; a success does not clear the address's count (a guesser may know one password)."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self.failures: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: str, moment: float) -> deque[float]:
        stamps = self.failures[key]
        while stamps and stamps[0] <= moment - self.window:
            stamps.popleft()
        return stamps

    def blocked(self, *keys: str) -> bool:
        moment = time.monotonic()
        with self.lock:
            return any(len(self._recent(k, moment)) >= self.attempts for k in keys)

    def failed(self, *keys: str) -> None:
        moment = time.monotonic()
        with self.lock:
            for key in keys:
                self._recent(key, moment).append(moment)


@dataclass
class Who:
    """An authenticated request: the user and, for a cookie session, its CSRF token."""

    user: User
    session: Session | None = None


class Authenticator:
    def __init__(self, archive: Archive, limiter: LoginLimiter) -> None:
        self.archive, self.limiter = archive, limiter
        # (stored hash, sha256 of the password) pairs already verified: argon2 is slow on purpose,
        # and an API client sends its password with every request. A changed password changes
        # the stored hash, so an old pair no longer matches.
        self._verified: set[tuple[str, str]] = set()

    def basic(self, name: str, password: str, client: str) -> User | None:
        if self.limiter.blocked(f"ip:{client}", f"user:{name}"):
            return None
        u = users.c
        with self.archive._read() as conn:
            row = conn.execute(sa.select(u.id, u.name, u.role, u.password_hash).where(u.name == name)).first()
        digest = hashlib.sha256(password.encode()).hexdigest()
        if row is not None and ((row.password_hash, digest) in self._verified or password_matches(row.password_hash, password)):
            if len(self._verified) > 1000:
                self._verified.clear()
            self._verified.add((row.password_hash, digest))
            return User(row.id, row.name, row.role)
        self.limiter.failed(f"ip:{client}", f"user:{name}")
        return None

    def session(self, token: str | None) -> Session | None:
        return session_of(self.archive, token)


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def tokens_match(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)
