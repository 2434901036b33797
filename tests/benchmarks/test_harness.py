"""The benchmark harness (bench/): its plan, its fault handling, and a real tiny run.

The tests marked `needs_wrk` start real servers and load them with wrk over loopback for a
second or two each; they are skipped, saying why, only when wrk is not installed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from bench import plan, run
from bench.loadgen import WrkSettings
from bench.processes import Server, ServerStartError
from comparison_site.benchmarks import load_benchmark_results

ROOT = Path(__file__).resolve().parents[2]
needs_wrk = pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk (the load generator) is not installed: apt-get install -y wrk"
)


# --- the plan ---------------------------------------------------------------------------------

def test_configurations_cover_the_issue():
    ids = {c.id for c in plan.configurations(cores=2)}
    assert ids == {"flask-gunicorn-sync", "flask-gunicorn-gthread", "flask-gunicorn-gevent", "flask-dev-server",
                   "express-single", "express-cluster"}
    sync = next(c for c in plan.configurations(cores=2) if c.id == "flask-gunicorn-sync")
    assert "--workers 4" in sync.display_command(), "sync workers = 2 x cores"
    for configuration in plan.configurations(cores=2):
        assert "127.0.0.1" in configuration.display_command() or configuration.framework == "express"


def test_run_order_alternates_frameworks_and_reverses_each_repeat():
    configurations = plan.configurations(cores=2)
    first, second = plan.block_order(configurations, 1), plan.block_order(configurations, 2)
    frameworks = [c.framework for c in first]
    assert frameworks[:4] == ["flask", "express", "flask", "express"]
    assert second == first[::-1]


def test_io_scenarios_rise_to_a_thousand_connections_and_run_last():
    scenarios = plan.scenarios()
    assert [s.connections for s in scenarios if s.group == "io"] == [10, 100, 1000]
    assert scenarios[-1].id == "io-1000"


def test_selecting_an_unknown_id_is_an_error():
    with pytest.raises(ValueError, match="unknown scenarios: nope"):
        plan.select(plan.scenarios(), "hello,nope", "scenarios")


def test_wrk_threads_never_exceed_connections_and_runs_are_bounded():
    argv = WrkSettings(threads=4, duration_seconds=3, timeout_seconds=2).argv("http://127.0.0.1:1/x", 2)
    assert "--threads=2" in argv and "--duration=3s" in argv and "--timeout=2s" in argv


def test_quick_mode_defaults():
    args = run.parse_arguments(["--quick"])
    assert (args.repeats, args.duration, args.warmup) == (1, 1, 0)
    assert args.output == run.QUICK_OUTPUT, "quick results must not overwrite the published data"
    full = run.parse_arguments([])
    assert (full.repeats, full.duration, full.warmup, full.output) == (3, 3, 1, run.DEFAULT_OUTPUT)


# --- faults -----------------------------------------------------------------------------------

def test_missing_load_generator_is_reported_and_nothing_is_written(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(run, "find_wrk", lambda: None)
    output = tmp_path / "results.yaml"
    assert run.main(["--quick", "--output", str(output)]) == 2
    message = capsys.readouterr().err
    assert "wrk (the load generator) is not on PATH" in message and "apt-get install -y wrk" in message
    assert not output.exists()


def test_missing_python_package_is_reported(monkeypatch, capsys):
    real = run.importlib.util.find_spec
    monkeypatch.setattr(run.importlib.util, "find_spec", lambda name: None if name == "gevent" else real(name))
    assert run.main(["--quick", "--configs", "flask-gunicorn-gevent", "--output", os.devnull]) == 2
    assert "Python package 'gevent' (needed by flask-gunicorn-gevent)" in capsys.readouterr().err


def test_server_that_exits_at_once_is_reported_with_its_exit_code(tmp_path):
    server = Server([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"], tmp_path, dict(os.environ),
                    run.free_port(), "token", tmp_path / "log.txt")
    with pytest.raises(ServerStartError, match=r"exited with code 3.*boom"):
        server.start(timeout=10)


def test_a_stranger_on_the_port_is_not_mistaken_for_our_server(tmp_path):
    class Stranger(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"someone else")

        def log_message(self, *args):
            pass

    stranger = HTTPServer(("127.0.0.1", 0), Stranger)
    threading.Thread(target=stranger.serve_forever, daemon=True).start()
    try:
        # A server that never binds, so only the stranger can answer on the port.
        server = Server([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, dict(os.environ),
                        stranger.server_address[1], "our-token", tmp_path / "log.txt")
        with pytest.raises(ServerStartError, match="in use by another server"):
            server.start(timeout=10)
        assert not server.alive(), "the harness stops its own process when start-up fails"
    finally:
        stranger.shutdown()


# --- real runs --------------------------------------------------------------------------------

def marked_processes(mark: str) -> list[int]:
    """Processes whose environment carries `mark` (everything the harness started inherits it)."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/environ", "rb") as handle:
                    if mark.encode() in handle.read():
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
def harness_env():
    manifest = ROOT / "bench" / "apps" / "node_modules" / "express" / "package.json"
    assert manifest.exists(), "Express is not installed for the bench apps: run `npm ci --prefix bench/apps`"
    mark = f"BENCH_TEST_MARK={uuid.uuid4().hex}"
    env = dict(os.environ, BENCH_TEST_MARK=mark.split("=", 1)[1])
    yield env, mark
    leftovers = marked_processes(mark)
    for pid in leftovers:  # never leave anything behind, even when the test failed
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert not leftovers, f"processes left behind by the harness: {leftovers}"


def harness(args: list[str], env: dict, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench.run", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@needs_wrk
def test_tiny_quick_run_measures_both_frameworks(harness_env, tmp_path):
    env, mark = harness_env
    output = tmp_path / "results.yaml"
    completed = harness(["--quick", "--configs", "flask-gunicorn-sync,express-single", "--scenarios", "hello",
                         "--output", str(output)], env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "results written to" in completed.stdout
    results = load_benchmark_results(output)
    assert results.mode == "quick" and len(results.runs) == 2
    for run_record in results.runs:
        assert run_record.status == "ok", run_record.problem
        assert run_record.requests > 0 and run_record.requests_per_second > 0
        assert run_record.latency_ms["p99"] >= run_record.latency_ms["p50"] > 0
        assert run_record.peak_rss_bytes > 0 and run_record.server_processes >= 1
    sync = next(r for r in results.runs if r.configuration == "flask-gunicorn-sync")
    assert sync.server_processes == 5, "gunicorn master + 4 workers are measured together"
    assert results.versions["express"] == "5.3.0"
    assert not marked_processes(mark)


@needs_wrk
def test_port_in_use_is_reported_in_output_and_results(harness_env, tmp_path):
    env, _mark = harness_env
    output = tmp_path / "results.yaml"
    with socket.socket() as occupier:
        occupier.bind(("127.0.0.1", 0))
        occupier.listen()
        port = occupier.getsockname()[1]
        completed = harness(["--quick", "--configs", "express-single", "--scenarios", "hello", "--port", str(port),
                             "--output", str(output)], env)
    assert completed.returncode == 1, "a failed run makes the harness exit 1"
    assert f"port 127.0.0.1:{port} is already in use" in completed.stdout
    assert "failed (left out of medians)" in completed.stdout
    results = load_benchmark_results(output)
    assert [r.status for r in results.runs] == ["failed"]
    assert "already in use" in results.runs[0].problem


@needs_wrk
def test_ctrl_c_stops_every_server(harness_env, tmp_path):
    env, mark = harness_env
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.run", "--configs", "flask-gunicorn-sync", "--scenarios", "hello",
         "--repeats", "1", "--duration", "5", "--warmup", "0", "--output", str(tmp_path / "r.yaml")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        # Wait until the server and wrk are both up: gunicorn's 5 processes plus wrk, all marked.
        while time.monotonic() < deadline and len(marked_processes(mark)) < 7:
            time.sleep(0.1)
        assert len(marked_processes(mark)) >= 7, "the harness never got as far as loading the server"
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert "interrupted; all servers stopped" in err
    assert not (tmp_path / "r.yaml").exists()
    time.sleep(0.5)
    assert not marked_processes(mark)
