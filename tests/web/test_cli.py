"""`extractor user add|list|remove|passwd` as the user runs them (a subprocess, password on
standard input), each change audited; and `serve --help` starts without the server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from extractor.archive import Archive
from extractor.archive.schema import audit
from extractor.web import accounts

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True,
                          text=True, env=env)


def test_user_commands(tmp_path):
    db = str(tmp_path / "a.sqlite")
    added = run("user", "add", "lan", "--role", "reviewer", "--db", db, stdin="mật-khẩu\n")
    assert added.returncode == 0, added.stderr
    twice = run("user", "add", "lan", "--role", "viewer", "--db", db, stdin="x\n")
    assert twice.returncode == 2 and twice.stderr.strip().count("\n") == 0 and "lan" in twice.stderr
    assert "Traceback" not in twice.stderr
    empty = run("user", "add", "mai", "--role", "viewer", "--db", db, stdin="\n")
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
    bad_role = run("user", "add", "mai", "--role", "boss", "--db", db, stdin="x\n")
    assert bad_role.returncode == 2
    listed = run("user", "list", "--db", db)
    assert listed.stdout.split("\t")[:2] == ["lan", "reviewer"]
    with Archive(db) as archive:
        assert accounts.authenticate(archive, "lan", "mật-khẩu") is not None
    assert run("user", "passwd", "lan", "--db", db, stdin="mới\n").returncode == 0
    with Archive(db) as archive:
        assert accounts.authenticate(archive, "lan", "mật-khẩu") is None
        assert accounts.authenticate(archive, "lan", "mới") is not None
    assert run("user", "remove", "lan", "--db", db).returncode == 0
    missing = run("user", "remove", "lan", "--db", db, "--lang", "en")
    assert missing.returncode == 2 and missing.stderr.strip() == "No user lan"
    with Archive(db) as archive, archive.engine.connect() as conn:
        rows = conn.execute(sa.select(audit.c.who, audit.c.action, audit.c.target).order_by(audit.c.id)).all()
    assert [(a, t) for _, a, t in rows] == [("user.add", "lan"), ("user.passwd", "lan"), ("user.remove", "lan")]
    assert all(who.startswith("cli") for who, _, _ in rows)


def test_serve_help_needs_no_server(tmp_path):
    shown = run("serve", "--help")
    assert shown.returncode == 0 and "--workers" in shown.stdout and "--port" in shown.stdout
