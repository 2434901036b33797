"""`mkdocs serve` (what `make serve` runs): serves the site on 127.0.0.1, refuses to start with
broken data, printing where the problem is, leaves no temporary folder behind, and `make serve` on
a busy port says so in one line."""

from __future__ import annotations

import os
import re
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


def start_serve(port: int, data_file=None, tmpdir=None) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_file:
        env["FVX_COMPARISON_DATA"] = str(data_file)
    if tmpdir:
        env["TMPDIR"] = str(tmpdir)  # where mkdocs serve keeps its temporary copy of the site
    return subprocess.Popen([str(MKDOCS), "serve", "--strict", "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def stop(process: subprocess.Popen) -> str:
    """Stop as Ctrl-C does: mkdocs serve then deletes its temporary site folder (/tmp/mkdocs_*),
    which SIGTERM would leave behind. SIGKILL only if it does not stop."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
    return output


def test_serve_serves_the_site_on_loopback_and_leaves_no_temporary_folder(tmp_path):
    port = free_port()
    process = start_serve(port, tmpdir=tmp_path)
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
        assert list(tmp_path.glob("mkdocs_*")), "mkdocs serve did not use TMPDIR: this test would prove nothing"
    finally:
        stop(process)
    assert not list(tmp_path.glob("mkdocs_*")), "mkdocs serve left its temporary site folder behind"


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


def test_make_serve_on_a_busy_port_says_so_in_one_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        # -o: use the installed environment as it is, whatever changed since `make install`.
        result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "serve", f"PORT={port}"],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0
    assert len(output.splitlines()) == 1, output
    assert re.search(rf"port {port} on 127\.0\.0\.1 is busy.*make serve PORT=\d+", output), output
    assert "Traceback" not in output
