"""Before measuring: check that every configuration answers every route with the same bytes.

A benchmark of two apps that do different work (a longer body, an ETag to compute, a header
more) measures the difference, not the frameworks. So the harness asks each configuration for
every route in plan.CHECKED_ROUTES and compares status, body bytes and headers (except those that
describe the connection, the clock or the server software, plan.IGNORED_HEADERS). Any difference
stops the benchmark before a single measurement.
"""

from __future__ import annotations

import hashlib
import http.client
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


class NotEquivalent(RuntimeError):
    """The configurations' answers differ; the message lists every difference."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[str, str], ...]  # lower-case names, sorted, ignored ones removed
    body: bytes

    def describe(self) -> dict:
        return {"status": self.status, "body_bytes": len(self.body),
                "body_sha256": hashlib.sha256(self.body).hexdigest(), "headers": dict(self.headers)}


def fetch(port: int, path: str, ignored: tuple[str, ...], token: str | None = None, timeout: float = 30.0) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "fvx-bench"})
        response = connection.getresponse()
        body = response.read()
        headers = tuple(sorted((name.lower(), value) for name, value in response.getheaders()
                               if name.lower() not in ignored))
        if path == "/health" and token is not None and body == token.encode():
            body = b"<run token>"  # each server has its own token; its presence is what matters
        return Answer(response.status, headers, body)
    finally:
        connection.close()


def answers(port: int, routes: tuple[str, ...], ignored: tuple[str, ...], token: str | None = None) -> dict[str, Answer]:
    """Every route's answer from one server, fetched in parallel (the slow ones take seconds)."""
    with ThreadPoolExecutor(max_workers=len(routes)) as pool:
        fetched = pool.map(lambda path: fetch(port, path, ignored, token), routes)
        return dict(zip(routes, fetched, strict=True))


def compare(by_configuration: dict[str, dict[str, Answer]]) -> dict[str, Answer]:
    """Return the agreed answer per route; raise NotEquivalent naming each difference."""
    names = list(by_configuration)
    reference_name = names[0]
    reference = by_configuration[reference_name]
    problems = []
    for name in names[1:]:
        for path, answer in by_configuration[name].items():
            expected = reference[path]
            if answer.status != expected.status:
                problems.append(f"{path}: {name} answers status {answer.status}, {reference_name} {expected.status}")
            if answer.body != expected.body:
                problems.append(f"{path}: {name} answers a different body ({len(answer.body)} bytes: "
                                f"{answer.body[:60]!r}) than {reference_name} ({len(expected.body)} bytes: "
                                f"{expected.body[:60]!r})")
            if answer.headers != expected.headers:
                mine, theirs = dict(answer.headers), dict(expected.headers)
                for header in sorted(set(mine) | set(theirs)):
                    if mine.get(header) != theirs.get(header):
                        problems.append(f"{path}: header {header!r} is {mine.get(header)!r} from {name} but "
                                        f"{theirs.get(header)!r} from {reference_name}")
    for name, routes in by_configuration.items():
        for path, answer in routes.items():
            if answer.status != 200:
                problems.append(f"{path}: {name} answers status {answer.status}; every route must answer 200")
    if problems:
        raise NotEquivalent("the apps do not answer alike, so nothing was measured:\n  - " + "\n  - ".join(problems)
                            + "\nMake both apps in bench/apps send the same bytes and headers, then rerun.")
    return reference
