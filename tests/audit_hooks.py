"""One audit hook for the whole test run (``sys.addaudithook`` hooks can never be removed), inert unless a
test is recording: it then notes every file opened and refuses every network access.

``recording()`` yields a ``Record``: ``opened`` lists the paths of "open" events (builtins.open, io.open,
os.open, from any thread); ``network`` lists the socket events that would reach or name another machine
(connect, name and address look-ups, sending to an address, creating an internet socket), each refused with
``NetworkBlocked`` as it happens.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

NETWORK_EVENTS = {
    "socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.getnameinfo", "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request",
    "http.client.connect", "ftplib.connect", "smtplib.connect", "poplib.connect", "imaplib.open",
    "telnetlib.Telnet.open", "nntplib.connect", "webbrowser.open",
}
INTERNET = {socket.AF_INET, socket.AF_INET6}


class NetworkBlocked(OSError):
    """A test said: no network. Raised inside whatever tried to reach one."""


@dataclass
class Record:
    opened: list[str] = field(default_factory=list)
    network: list[tuple[str, str]] = field(default_factory=list)


_active: Record | None = None
_lock = threading.Lock()
_installed = False


def _hook(event: str, args: tuple) -> None:
    record = _active
    if record is None:  # the common case, for every event of the whole run: return at once
        return
    if event == "open":
        path = args[0]
        if isinstance(path, (str, bytes, os.PathLike)):
            with _lock:
                record.opened.append(os.fsdecode(path))
        return
    if event == "socket.__new__":
        if len(args) > 1 and args[1] in INTERNET:
            record.network.append((event, repr(args[1:])))
            raise NetworkBlocked(f"no network in this test: {event}{args[1:]!r}")
        return
    if event in NETWORK_EVENTS:
        record.network.append((event, repr(args[1:] if event.startswith("socket.") else args)))
        raise NetworkBlocked(f"no network in this test: {event}")


def install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@contextlib.contextmanager
def recording() -> Iterator[Record]:
    global _active
    install()
    record = Record()
    _active = record
    try:
        yield record
    finally:
        _active = None


def outside(paths: list[str], allowed: list[Path]) -> list[str]:
    """The opened paths that are not inside any of ``allowed`` (resolved, so ``..`` cannot hide one)."""
    roots = [os.path.realpath(p) for p in allowed]
    bad = []
    for path in paths:
        real = os.path.realpath(path)
        if not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            bad.append(path)
    return bad
