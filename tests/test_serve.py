"""`mkdocs serve` (what `make serve` runs): serves the site on 127.0.0.1, and refuses to start
with broken data, printing where the problem is."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from .conftest import MINIMAL, MKDOCS, ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_serve(port: int, data_file=None) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_file:
        env["FVX_COMPARISON_DATA"] = str(data_file)
    return subprocess.Popen([str(MKDOCS), "serve", "--strict", "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
    return output


def test_serve_serves_the_site_on_loopback():
    port = free_port()
    process = start_serve(port)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                # The root redirects to the site's path (from site_url), as `make serve` promises.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as home:
                    with urllib.request.urlopen(home.url + "comparison/", timeout=5) as response:
                        body = response.read().decode()
                        break
            except OSError:
                assert process.poll() is None, stop(process)
                assert time.monotonic() < deadline, "mkdocs serve did not answer within 90 s"
                time.sleep(0.5)
        assert response.status == 200 and "request-model" in body
    finally:
        stop(process)


def test_serve_refuses_to_start_with_broken_data(tmp_path):
    broken = tmp_path / "comparison.yaml"
    broken.write_text(MINIMAL.read_text().replace("    category: identity\n", "    category: nowhere\n"), encoding="utf-8")
    process = start_serve(free_port(), broken)
    try:
        process.wait(timeout=90)
    finally:
        output = stop(process)
    assert process.returncode != 0
    assert f"{broken}:" in output and "criteria[id=licence].category: unknown category 'nowhere'" in output
