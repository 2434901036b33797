"""Exit 0 if HOST:PORT is free for `make serve`; else print one line saying how to pick another port.

Run before `mkdocs serve`, which would otherwise fail with a traceback when the port is taken.
Usage: python scripts/check_port.py HOST PORT
"""

from __future__ import annotations

import errno
import socket
import sys


def port_problem(host: str, port_text: str) -> str | None:
    """A one-line message when `make serve` cannot listen on host:port, else None."""
    try:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        return f"PORT={port_text} is not a port number; use e.g. make serve PORT=8001"
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        return f"HOST={host} is not an address of this machine; use e.g. make serve HOST=127.0.0.1"
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server itself does, so a connection still closing does not count as busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (f"port {port} on {host} is busy (another server is using it); "
                        f"pick another with: make serve PORT={port + 1 if port < 65535 else 8001}")
            return f"cannot listen on {host}:{port} ({error.strerror}); pick another with: make serve PORT=8001"
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    problem = port_problem(argv[1], argv[2])
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
