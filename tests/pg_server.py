"""A throw-away PostgreSQL server for the test session, from the Debian ``postgresql`` binaries.

Started once per session in a temporary directory on a free loopback port (trust
authentication, no system service touched); stopped and removed afterwards. As root it runs
as the ``postgres`` user, since the server refuses to run as root. When the binaries are
missing the fixture skips with the reason (``.ci/run`` installs them with apt).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin() -> Path | None:
    """The newest installed PostgreSQL ``bin`` folder (Debian layout), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    ctl = shutil.which("pg_ctl")
    return Path(ctl).parent if ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def postgres_server() -> Iterator[str]:
    """A running server; yields its URL (``postgresql://doclint@127.0.0.1:PORT/postgres``).

    Raises ``RuntimeError`` with the reason when no server can be started."""
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("未安装 PostgreSQL（Debian：apt-get install postgresql）")
    user = None
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("以 root 运行且没有 postgres 用户：PostgreSQL 拒绝以 root 运行") from None
    base = Path(tempfile.mkdtemp(prefix="doclint-pg-"))
    data = base / "data"
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    port = _free_port()
    kw: dict[str, object] = {"user": user.pw_uid, "group": user.pw_gid} if user is not None else {}
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    try:
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", "doclint", "--auth=trust", "-E", "UTF8",
                        "--no-sync"], check=True, capture_output=True, timeout=120, env=env, **kw)  # type: ignore[call-overload]
        opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w", "-t", "60",
                        "start"], check=True, capture_output=True, timeout=120, env=env, **kw)  # type: ignore[call-overload]
    except (OSError, subprocess.SubprocessError) as exc:
        log = (base / "log").read_text(errors="replace")[-500:] if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL 未能启动：{exc} {log}") from None
    try:
        yield f"postgresql://doclint@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60, check=False, **kw)  # type: ignore[call-overload]
        shutil.rmtree(base, ignore_errors=True)
