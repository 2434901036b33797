"""`make audit`: Lighthouse over every page of a fresh strict build, mobile and desktop, and a table of
the four category scores per page against the goals (accessibility 100 everywhere, mobile
performance 90 or more). A benchmark that prints figures, not a test: it never fails on a score.

The site is served on 127.0.0.1 under its published path as GitHub Pages serves it: text files
gzip-compressed, cached for 10 minutes, over HTTP/1.1 (an uncompressed HTTP/1.0 server would
measure a slower site than readers get). Lighthouse (npm, pinned in package.json) drives the
system Chromium, one page at a time in one browser (scripts/lighthouse_runs.mjs).
Performance depends on how busy the machine is, so the load
average is printed before and after; AUDIT_RUNS=3 takes the median of three runs per page.

Environment: AUDIT_RUNS (default 1), AUDIT_FORM_FACTORS (default "mobile,desktop"), AUDIT_PAGES
(substrings of page paths to keep, comma-separated; default every page).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.chromium import find_chromium  # noqa: E402
from tools.static_server import published_prefix, site_path_prefix  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
NODE = ROOT / "node_modules" / ".bin" / "node"
RUNNER = ROOT / "scripts" / "lighthouse_runs.mjs"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
GOALS = {("mobile", "performance"): 90, ("mobile", "accessibility"): 100, ("desktop", "accessibility"): 100}
BUILD_TIMEOUT_S = 300
RUN_TIMEOUT_S = 120  # per Lighthouse run; the whole audit gets this times the number of runs


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves the site under `prefix` with gzip and Cache-Control, as GitHub Pages does."""

    protocol_version = "HTTP/1.1"
    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(
                COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


class _Body:
    """What send_head returns for do_GET to copy: a compressed body in memory."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve_like_pages(directory: Path, prefix: str):
    handler_class = type("Handler", (_PagesLikeHandler,), {"prefix": site_path_prefix(prefix)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{handler_class.prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def every_page(site: Path) -> list[str]:
    """Every HTML page of the build, as served paths ("" for home, "comparison/", "404.html")."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        href = path.relative_to(site).as_posix()
        pages.append(href.removesuffix("index.html"))
    return pages


def build(destination: Path) -> None:
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "-d", str(destination)], cwd=ROOT,
                            capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        sys.exit(f"the strict build failed; fix it first (`make build`):\n{result.stderr[-3000:]}")


def run_lighthouse(urls: list[str], runs: int, form_factors: list[str]) -> list[dict]:
    if not (ROOT / "node_modules" / "lighthouse").is_dir():
        sys.exit("Lighthouse is not installed: run `npm ci` at the repository root (package.json pins it)")
    command = [str(NODE), str(RUNNER), find_chromium(), str(runs), ",".join(form_factors), *urls]
    results = []
    deadline = RUN_TIMEOUT_S * len(urls) * runs * len(form_factors)
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        started = time.monotonic()
        for line in process.stdout:
            results.append(json.loads(line))
            done = results[-1]
            print(f"  {done['formFactor']:7} run {done['run']} {done['url']}: "
                  + " ".join(f"{SHORT[c]} {done['scores'][c]}" for c in CATEGORIES), file=sys.stderr, flush=True)
            if time.monotonic() - started > deadline:
                process.kill()
                sys.exit("Lighthouse took too long; stopped")
        if process.wait() != 0:
            sys.exit(f"Lighthouse stopped with exit code {process.returncode}")
    return results


def median_scores(results: list[dict]) -> dict[tuple[str, str], dict]:
    """(url, form factor) -> median of each category score, and the audits that failed in any run."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for result in results:
        grouped.setdefault((result["url"], result["formFactor"]), []).append(result)
    return {key: {"scores": {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES},
                  "lcp": statistics.median(r["metrics"]["largest-contentful-paint"] or 0 for r in runs),
                  "tbt": statistics.median(r["metrics"]["total-blocking-time"] or 0 for r in runs),
                  "failed": sorted({a for r in runs for a in r["failed"]})}
            for key, runs in grouped.items()}


def print_table(pages: list[str], base_url: str, form_factors: list[str], medians: dict) -> int:
    header = f"{'page':38}" + "".join(
        f" | {ff:^23}" for ff in form_factors) + " | goals"
    sub = f"{'':38}" + "".join(" | " + " ".join(f"{SHORT[c]:>5}" for c in CATEGORIES) for _ in form_factors) + " |"
    print(header)
    print(sub)
    print("-" * len(sub))
    missed = 0
    notes = []
    for page in pages:
        cells = []
        misses = []
        for ff in form_factors:
            entry = medians[(base_url + page, ff)]
            scores = entry["scores"]
            cells.append(" ".join(f"{scores[c]:>5g}" for c in CATEGORIES))
            misses += [f"{ff} {SHORT[c]} {scores[c]:g} < {goal}" for (f, c), goal in GOALS.items()
                       if f == ff and scores[c] < goal]
            if entry["failed"]:
                notes.append(f"/{page} {ff}: failed audits: {', '.join(entry['failed'])}")
            if ff == "mobile" and scores["performance"] < 90:
                notes.append(f"/{page} mobile: LCP {entry['lcp'] / 1000:.1f} s, TBT {entry['tbt']:.0f} ms")
        missed += bool(misses)
        print(f"/{page:37}" + "".join(f" | {cell}" for cell in cells) + " | " + ("; ".join(misses) or "met"))
    print()
    for note in notes:
        print(note)
    return missed


def main() -> None:
    runs = int(os.environ.get("AUDIT_RUNS", "1"))
    form_factors = os.environ.get("AUDIT_FORM_FACTORS", "mobile,desktop").split(",")
    keep = [s for s in os.environ.get("AUDIT_PAGES", "").split(",") if s]
    started = time.monotonic()
    load_before = os.getloadavg()
    site = Path(tempfile.mkdtemp(prefix="fvx-audit-site-"))
    try:
        build(site)
        pages = [p for p in every_page(site) if not keep or any(k in p for k in keep)]
        with serve_like_pages(site, published_prefix(ROOT / "mkdocs.yml")) as base_url:
            print(f"Lighthouse over {len(pages)} pages x {', '.join(form_factors)} x {runs} run(s), "
                  f"one Chromium, one page at a time", file=sys.stderr)
            results = run_lighthouse([base_url + p for p in pages], runs, form_factors)
        medians = median_scores(results)
    finally:
        shutil.rmtree(site, ignore_errors=True)
    load_after = os.getloadavg()
    print(f"\nLighthouse audit: median of {runs} run(s) per page; goals: accessibility 100, mobile performance >= 90")
    missed = print_table(pages, base_url, form_factors, medians)
    print(f"\n{len(pages) - missed} of {len(pages)} pages meet every goal. "
          f"Load average (1, 5, 15 min) before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} on {os.cpu_count()} CPUs; "
          f"performance scores drop on a busy machine. Took {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
