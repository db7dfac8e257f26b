"""On PYTHONPATH of the processes tests/test_no_network_processes.py starts: with BB_OFFLINE_LOG set, every
Python process of the app (the command, its worker processes, the window's load process) notes in that file
that it started, and refuses and notes every network access, as tests/audit_hooks.py does in the test run."""

import os
import sys

_LOG = os.environ.get("BB_OFFLINE_LOG")


def _note(line: str) -> None:
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {line}\n")


if _LOG:
    import audit_hooks  # tests/, on the same PYTHONPATH: one list of what counts as network access

    def _local(event: str, args: tuple) -> bool:
        """Binding to the loopback reaches no other machine: urllib3 (imported with trafilatura) does so to
        see whether IPv6 works. (Creating a socket is not refused here either; connecting it would be.)"""
        if event != "socket.bind":
            return False
        address = args[1]
        return not isinstance(address, tuple) or address[0] in ("::1", "127.0.0.1")

    def _hook(event: str, args: tuple) -> None:
        if event in audit_hooks.NETWORK_EVENTS and not _local(event, args):
            _note(f"{event} {args[1:]!r:.200}")
            raise audit_hooks.NetworkBlocked(f"no network in this process: {event}")

    sys.addaudithook(_hook)
    _note("started")
