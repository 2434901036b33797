"""The benchmark harness (bench/): its plan, its refusals, its load generator and a real tiny run.

Fast and independent of timing: the unit tests use no servers; the generator tests compare
counts (exact) or latency lower bounds (a slow machine only makes them larger); the real runs
use the quick mode on a subset of the plan.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Event, Thread

import pytest

from bench import equivalence, plan, run, selfcheck
from bench.equivalence import Answer, NotEquivalent
from bench.loadgen import Load, run_load
from bench.processes import Program, Server, ServerStartError
from comparison_site.benchmarks import load_benchmark_results

ROOT = Path(__file__).resolve().parents[2]
NODE = run.find_node()
needs_nginx = pytest.mark.skipif(run.find_nginx() is None, reason="nginx is not installed: apt-get install -y nginx")


# --- the plan ---------------------------------------------------------------------------------

def test_configurations_follow_each_projects_production_docs():
    configs = {c.id: c for c in plan.configurations(server_cores=1)}
    sync = configs["flask-gunicorn-sync"]
    assert [p.role for p in sync.processes] == ["gunicorn", "nginx"], "sync workers sit behind a buffering proxy"
    assert sync.processes[0].listens_on == "upstream_port" and "--workers 3" in sync.display_command()
    assert "nginx" in sync.needs_programs
    for config in configs.values():
        env = run.server_environment(config, "token", 5000)
        assert env["NODE_ENV"] == "production" and "FLASK_DEBUG" not in env
    assert configs["express-worker-threads"].scenarios == ("cpu-mixed",)
    assert run.server_environment(configs["express-worker-threads"], "t", 1)["BENCH_CPU_MODE"] == "worker-threads"
    assert "BENCH_CPU_MODE" not in run.server_environment(configs["express-single"], "t", 1)


def test_nginx_config_buffers_and_keeps_client_connections(tmp_path):
    from bench import nginx

    text = nginx.write_config(tmp_path, 8080, 9090).read_text()
    assert "listen 127.0.0.1:8080;" in text and "server 127.0.0.1:9090" in text
    assert "proxy_buffering on;" in text and "keepalive_timeout 65;" in text and "daemon off;" in text


def test_express_app_sends_no_x_powered_by_and_no_etag():
    code = ("const {createApp} = require('./express_app'); const app = createApp();"
            "console.log(JSON.stringify([app.enabled('x-powered-by'), app.get('etag')]))")
    completed = subprocess.run([NODE, "-e", code], cwd=plan.APPS_DIR, capture_output=True, text=True, timeout=30)
    assert completed.stdout.strip() == "[false,false]", completed.stderr


def test_run_order_is_shuffled_reproducibly_with_capacity_first_and_long_lived_last():
    configs = plan.configurations()
    orders = [[c.id for c in plan.block_order(configs, rng)] for rng in [random.Random(7)] for _ in range(5)]
    assert len({tuple(order) for order in orders}) > 1, "repeats run in different orders"
    assert orders[0] == [c.id for c in plan.block_order(configs, random.Random(7))], "the seed repeats the order"
    for seed in range(5):
        order = [s.id for s in plan.scenario_order(configs[0], plan.scenarios(), random.Random(seed))]
        assert order[0] == "hello-capacity" and order[-1] == "hold-1000"
    worker_threads = next(c for c in configs if c.id == "express-worker-threads")
    assert [s.id for s in plan.scenario_order(worker_threads, plan.scenarios(), random.Random(1))] == ["cpu-mixed"]


def test_only_open_loop_scenarios_publish_latency():
    for scenario in plan.scenarios():
        assert not scenario.publishes_latency or scenario.mode == "open"
        if scenario.warmup:  # everything but the long-lived test measures 10 s or more in a full run
            assert run.parse_arguments([]).duration >= 10


def test_selecting_an_unknown_id_is_an_error():
    with pytest.raises(ValueError, match="unknown scenarios: nope"):
        plan.select(plan.scenarios(), "hello-capacity,nope", "scenarios")


def test_quick_and_full_defaults():
    quick = run.parse_arguments(["--quick"])
    assert (quick.repeats, quick.warmup) == (1, 0) and quick.output == run.QUICK_OUTPUT
    full = run.parse_arguments([])
    assert (full.repeats, full.duration, full.output) == (5, 10, run.DEFAULT_OUTPUT)
    assert full.warmup >= 1


# --- what a run's counts mean ------------------------------------------------------------------

def report(**counts) -> dict:
    stream = {"failed": {kind: 0 for kind in ("status", "body", "framing", "reset", "connect")}, "unanswered": 0,
              "not_sent": 0}
    for name, value in counts.items():
        if name in stream["failed"]:
            stream["failed"][name] = value
        else:
            stream[name] = value
    return {"streams": [stream]}


def test_status_follows_the_counts():
    assert run.classify(report()) == ("ok", None)
    status, problem = run.classify(report(unanswered=5))
    assert status == "saturated" and "5 sent requests were still unanswered" in problem
    status, problem = run.classify(report(not_sent=7))
    assert status == "saturated" and "7 requests could not be sent on time" in problem
    status, problem = run.classify(report(body=2, unanswered=9))
    assert status == "errors" and "2 answers with a wrong body" in problem


def test_rate_steps_too_close_to_capacity_are_skipped():
    step = next(s for s in plan.scenarios() if s.id == "hello-latency")
    assert step.streams[0].rate == 500
    assert "more than 80%" in run.skip_reason(step, {"hello-capacity": 600.0})
    assert run.skip_reason(step, {"hello-capacity": 650.0}) is None
    assert "no capacity measured" in run.skip_reason(step, {"hello-capacity": None})


# --- refusing to measure apps that answer differently ------------------------------------------

def answer(body=b"Hello", **headers):
    base = {"content-type": "text/plain; charset=utf-8", "content-length": str(len(body))}
    return Answer(200, tuple(sorted({**base, **headers}.items())), body)


def test_equivalent_answers_pass_and_ignored_headers_may_differ():
    agreed = equivalence.compare({"flask": {"/hello": answer()}, "express": {"/hello": answer()}})
    assert agreed["/hello"].body == b"Hello"


@pytest.mark.parametrize(("express", "expected"), [
    (answer(b"Hello\n"), "/hello: express answers a different body"),
    (answer(**{"x-powered-by": "Express"}), "header 'x-powered-by' is 'Express' from express but None from flask"),
    (answer(etag='W/"d-abc"'), "header 'etag'"),
    (answer(**{"content-type": "text/html; charset=utf-8"}), "header 'content-type'"),
])
def test_any_difference_refuses_the_measurement(express, expected):
    with pytest.raises(NotEquivalent) as caught:
        equivalence.compare({"flask": {"/hello": answer()}, "express": {"/hello": express}})
    assert expected in str(caught.value) and "nothing was measured" in str(caught.value)


FAKE_APP = textwrap.dedent('''
    import os, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    extra = sys.argv[2] if len(sys.argv) > 2 else ""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            body = (os.environ["BENCH_TOKEN"] if self.path == "/health" else "same").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if extra:
                self.send_header("X-Powered-By", extra)
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
''')


def fake_configuration(app: Path, identifier: str, framework: str, *extra: str) -> plan.Configuration:
    return plan.Configuration(identifier, framework, identifier, "a fake server",
                              (plan.Process("fake", ("{python}", str(app), "{port}", *extra)),))


def test_the_harness_refuses_to_measure_apps_whose_answers_differ(tmp_path, monkeypatch, capsys):
    app = tmp_path / "fake_app.py"
    app.write_text(FAKE_APP, encoding="utf-8")
    monkeypatch.setattr(plan, "configurations", lambda: [fake_configuration(app, "fake-flask", "flask"),
                                                         fake_configuration(app, "fake-express", "express", "Express")])
    monkeypatch.setattr(run, "pinning", lambda args: (None, None))  # keep the test process unpinned
    monkeypatch.setattr(run, "run_self_check", lambda node, cpus: {"passed": True})
    output = tmp_path / "results.yaml"
    assert run.main(["--quick", "--output", str(output)]) == 2
    message = capsys.readouterr().err
    assert "the apps do not answer alike, so nothing was measured" in message
    assert "header 'x-powered-by' is 'Express' from fake-express but None from fake-flask" in message
    assert not output.exists()


# --- the load generator and its self-check -----------------------------------------------------

def test_self_check_passes_with_the_real_generator():
    record = selfcheck.run_self_check(NODE)
    assert record["passed"], record
    assert record["counted"]["/body"] == {"sent": selfcheck.RATE, "body": selfcheck.RATE}
    assert record["counted"]["/hang"] == {"sent": selfcheck.RATE, "unanswered": selfcheck.RATE}


def test_self_check_fails_for_a_generator_that_misses_failures(monkeypatch):
    """A generator that counted every answer as good (ignoring status and body) must not pass."""
    def blind(node, load, port, cpus=None):
        return {"streams": [{"path": path, "sent": 20, "answered": 20, "unanswered": 0,
                             "failed": dict.fromkeys(("status", "body", "framing", "reset", "connect"), 0)}
                            for path, _rate, _body in load.streams]}

    monkeypatch.setattr(selfcheck, "run_load", blind)
    assert not selfcheck.run_self_check(NODE)["passed"]


def test_a_failed_self_check_measures_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(run, "pinning", lambda args: (None, None))
    monkeypatch.setattr(run, "run_self_check", lambda node, cpus: {"passed": False, "expected": 1, "counted": 2})
    output = tmp_path / "results.yaml"
    assert run.main(["--quick", "--configs", "express-single", "--output", str(output)]) == 1
    assert "miscounted a faulty server's answers" in capsys.readouterr().err
    assert not output.exists()


class StallFirst(BaseHTTPRequestHandler):
    """Answers the first request after STALL seconds and every other one at once."""

    protocol_version = "HTTP/1.1"
    STALL = 0.9
    stalled = Event()

    def do_GET(self):  # noqa: N802
        if not self.stalled.is_set():
            self.stalled.set()
            time.sleep(self.STALL)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_open_loop_latency_counts_the_wait_of_requests_queued_behind_a_stall():
    """Coordinated omission: with one connection and a 0.9 s stall at the start, the requests due
    during the stall wait for it. Measured from their due time, most of them are slow; a closed-loop
    tool would have sent them only after the stall and reported them as fast."""
    handler = type("Stall", (StallFirst,), {"stalled": Event()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_load(NODE, Load("open", (("/", 50, b"ok"),), 1.0, 1, 3.0), server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
    stream = result["streams"][0]
    assert (stream["scheduled"], stream["sent"], stream["answered"]) == (50, 50, 50)
    # Requests 0-44 are due before the stall ends; request i waits about 900 - 20 i ms.
    assert stream["latency_ms"]["p50"] >= 300, stream["latency_ms"]
    assert stream["send_lag_ms"]["p50"] >= 250, "the wait happened in the generator's queue, and it is counted"


# --- real runs ---------------------------------------------------------------------------------

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
    leftovers = [pid for pid in marked_processes(mark) if pid != os.getpid()]
    for pid in leftovers:  # never leave anything behind, even when the test failed
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert not leftovers, f"processes left behind by the harness: {leftovers}"


def harness(args: list[str], env: dict, timeout: int = 90) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench.run", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@needs_nginx
def test_tiny_quick_run_measures_pins_and_records_everything(harness_env, tmp_path):
    env, mark = harness_env
    output = tmp_path / "results.yaml"
    completed = harness(["--quick", "--configs", "flask-gunicorn-sync,express-single",
                         "--scenarios", "hello-capacity,hello-latency", "--output", str(output)], env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "self-check passed" in completed.stdout and "identical bodies and headers" in completed.stdout
    results = load_benchmark_results(output)
    assert results.mode == "quick" and len(results.runs) == 4
    assert results.self_check["passed"] and [r["path"] for r in results.equivalence["routes"]] == list(plan.CHECKED_ROUTES)
    for record in results.runs:
        # On a busy machine the latency step may be skipped (capacity too low) or fall behind; what
        # must hold is that nothing failed and every count adds up.
        assert record.status in (("ok",) if record.scenario == "hello-capacity" else ("ok", "skipped", "saturated"))
        if record.status == "skipped":
            continue
        stream = record.streams[0]
        assert stream.sent > 0 and stream.failed_total == 0
        assert stream.answered + stream.unanswered == stream.sent
        assert record.memory.pss_bytes > 0 and all(p.pss_bytes > 0 for p in record.memory.processes)
        assert record.machine_load["cpu_busy_percent"]
    sync_memory = next(r for r in results.runs if r.configuration == "flask-gunicorn-sync").memory
    roles = sorted(p.role for p in sync_memory.processes)
    assert roles == ["gunicorn", "gunicorn worker", "gunicorn worker", "gunicorn worker", "nginx master", "nginx worker"]
    if len(os.sched_getaffinity(0)) >= 2:
        assert results.affinity["pinned"] and results.affinity["server_cpus"] == "0"
        for start in results.server_starts:
            assert set(start.affinity.values()) == {"0"}, start.affinity
    assert results.versions["node"].startswith("26.") and results.versions["express"] == "5.3.0"
    assert not [pid for pid in marked_processes(mark) if pid != os.getpid()]


def test_missing_nginx_is_reported_and_nothing_is_written(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(run, "find_nginx", lambda: None)
    output = tmp_path / "results.yaml"
    assert run.main(["--quick", "--configs", "flask-gunicorn-sync", "--output", str(output)]) == 2
    message = capsys.readouterr().err
    assert "nginx (needed by flask-gunicorn-sync) is not installed" in message and "apt-get install -y nginx" in message
    assert not output.exists()


def test_missing_python_package_is_reported(monkeypatch, capsys):
    real = run.importlib.util.find_spec
    monkeypatch.setattr(run.importlib.util, "find_spec", lambda name: None if name == "gevent" else real(name))
    assert run.main(["--quick", "--configs", "flask-gunicorn-gevent", "--output", os.devnull]) == 2
    assert "Python package 'gevent' (needed by flask-gunicorn-gevent)" in capsys.readouterr().err


def test_server_that_exits_at_once_is_reported_with_its_exit_code(tmp_path):
    program = Program("python", [sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"], run.free_port())
    server = Server([program], tmp_path, dict(os.environ), program.health_port, "token", tmp_path / "log.txt")
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

    stranger = ThreadingHTTPServer(("127.0.0.1", 0), Stranger)
    Thread(target=stranger.serve_forever, daemon=True).start()
    try:
        port = stranger.server_address[1]
        program = Program("python", [sys.executable, "-c", "import time; time.sleep(30)"], port)
        server = Server([program], tmp_path, dict(os.environ), port, "our-token", tmp_path / "log.txt")
        with pytest.raises(ServerStartError, match="in use by another server"):
            server.start(timeout=10)
        assert not server.alive(), "the harness stops its own process when start-up fails"
    finally:
        stranger.shutdown()


def work_folders() -> set[str]:
    """The harness's private folders (nginx configs, server logs) in the temporary directory."""
    import tempfile

    return {path.name for path in Path(tempfile.gettempdir()).glob("bench-*") if not path.name.startswith("bench-logs-")}


@needs_nginx
def test_ctrl_c_stops_every_server(harness_env, tmp_path):
    env, mark = harness_env
    folders_before = work_folders()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.run", "--configs", "flask-gunicorn-sync", "--scenarios", "hello-capacity",
         "--repeats", "1", "--duration", "20", "--warmup", "0", "--output", str(tmp_path / "r.yaml")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        # Wait for the measurement: harness, gunicorn (master + 3 workers), nginx (2) and the generator.
        def measuring() -> bool:
            commands = []
            for pid in marked_processes(mark):
                try:
                    commands.append(Path(f"/proc/{pid}/cmdline").read_bytes())
                except OSError:
                    continue
            return any(b"loadgen.js" in c and b"/hello" in c for c in commands)

        while time.monotonic() < deadline and not measuring():
            time.sleep(0.1)
        assert measuring(), "the harness never got as far as loading the server"
        # nginx rewrites its environment (its process title), so the mark alone would miss it:
        # every descendant of the harness is tracked instead.
        started = descendants(process.pid)
        assert len(started) >= 7, f"gunicorn (4), nginx (2) and the generator should be running: {started}"
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
    assert not [pid for pid in started if Path(f"/proc/{pid}").exists()], "a server process outlived the harness"
    assert work_folders() <= folders_before, "the harness left its temporary folder behind"


def descendants(root: int) -> list[int]:
    """Every process below `root` in the process tree (children, their children, ...)."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def test_shutil_which_finds_the_pinned_node():
    assert NODE and Path(NODE).resolve().exists() and shutil.which("node")


def test_the_generator_does_not_reuse_a_connection_the_server_may_be_closing():
    """Servers close idle keep-alive connections (gunicorn after 2 s); writing a request just then
    loses it. The generator retires connections idle for more than a second, so the second request,
    due 2 s after the first, goes out on a new connection."""
    handler = type("Quick", (StallFirst,), {"stalled": Event(), "STALL": 0.0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_load(NODE, Load("open", (("/", 0.5, b"ok"),), 3.0, 10, 2.0), server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
    stream = result["streams"][0]
    assert (stream["scheduled"], stream["answered"]) == (2, 2)
    assert result["connections_opened"] == 2
