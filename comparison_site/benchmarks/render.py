"""Render the Benchmarks page from the results.

Pure functions: results in, Markdown (with inline SVG) out. Every figure on the page is a value
from data/benchmarks.yaml or computed from its runs (median, range, unit conversion), and every
sentence that carries a figure is built by sentences.py; nothing is typed by hand. Tables have at
most four columns so they fit a 390 px phone without hidden columns.
"""

from __future__ import annotations

from ..inline import html_text, plain_text, safe_inline
from . import formatting as fmt
from .charts import Bar, bar_chart_svg
from .model import BenchmarkResults, Cell
from .sentences import (
    WARNING_MARK,
    cell_parts,
    cell_text,
    idle_memory_text,
    kind,
    plural,
    repeats_phrase,
    scenario_anchor,
    verdict,
)

# Other processes' median CPU use (percent of one CPU) above which the page warns that it was busy.
BUSY_MACHINE_PERCENT = 25


def code(text: str) -> str:
    """Data text as a code span (shown literally), made safe by inline.safe_inline."""
    text = " ".join(str(text).split())
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return safe_inline(f"{fence}{padding}{text}{padding}{fence}")


def _header_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |\n|" + "|".join("---" for _ in cells) + "|"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _figure(svg: str, caption: str) -> str:
    # One line, no blank lines: Markdown passes a block-level HTML element through untouched.
    return f'<figure class="bench-figure">{svg}<figcaption>{html_text(caption)}</figcaption></figure>'


def _pattern(results: BenchmarkResults, framework: str) -> int:
    return results.frameworks.index(framework)


def _pattern_legend(results: BenchmarkResults) -> str:
    names = ("solid", "hatched", "dotted")
    # Plain: it goes into a figure caption, which is HTML (escaped by _figure), not Markdown.
    text = "; ".join(f"{names[i % 3]} bars: {framework}" for i, framework in enumerate(results.frameworks))
    return text[:1].upper() + text[1:]


def render_benchmarks_page(results: BenchmarkResults, raw_data_link: str = "data/benchmarks.yaml",
                           schema_link: str = "data/benchmarks.schema.json") -> str:
    """The body of the Benchmarks page (the page supplies its own title)."""
    sections = [
        _introduction(results),
        _findings(results),
        _checks(results),
        _configurations(results),
        *(_scenario_section(results, scenario.id) for scenario in results.scenarios),
        _memory_section(results),
        _method(results),
        _machine_and_versions(results),
        _reproduce(results, raw_data_link, schema_link),
    ]
    return "\n\n".join(section.strip("\n") for section in sections) + "\n"


def _introduction(results: BenchmarkResults) -> str:
    machine = results.machine
    lines = []
    if results.mode != "full":
        lines += [("> **Quick run.** These figures come from the harness's short smoke mode (one short run "
                   "each): they show the harness works, not how the servers compare. Run `make bench` for "
                   "publishable numbers."), ""]
    affinity = results.affinity
    pinning = (f"the servers were pinned to CPU {plain_text(affinity['server_cpus'])} and the load generator to "
               f"CPU {plain_text(affinity['generator_cpus'])}, so every configuration, however many processes it "
               "runs, had **one CPU core**"
               if affinity["pinned"] else "servers and load generator shared the CPUs (not pinned)")
    lines.append(
        f"Measured on {results.date} with the harness in `bench/`, on one machine over loopback: "
        f"{plain_text(machine.cpu_model)}, {fmt.count(machine.logical_cpus)} logical CPUs, "
        f"{fmt.gibibytes(machine.memory_bytes)} GiB memory, {plain_text(machine.os)}. On this machine {pinning}. "
        "Absolute numbers depend on the machine, the versions and the settings; another computer gives other "
        "numbers, and this page makes no claim about how they would change.")
    other = results.other_cpu_percent()
    if other and other.median >= BUSY_MACHINE_PERCENT:
        loads = _spread_of([run.machine_load["load_average_1m"] for run in results.runs if run.machine_load])
        lines += ["", (f"> {WARNING_MARK} **The machine was busy during this run.** Processes outside the benchmark "
                       f"used a median of {fmt.milliseconds(other.median)} % of a CPU during the measurements (up to "
                       f"{fmt.milliseconds(other.high)} %), and the one-minute load average was "
                       f"{fmt.spread(fmt.milliseconds, loads.low, loads.high)} on {fmt.count(machine.logical_cpus)} CPUs. "
                       "They competed with the servers and the load generator, so treat the figures as noisy: "
                       "the ranges beside the medians show how much.")]
    lines += ["", ("**What a two-core machine cannot show:** how a server scales over several cores "
                   "(multi-process configurations here share one core, so extra processes add concurrency, not "
                   "CPU), or anything about databases, TLS or a network between client and server.")]
    return "\n".join(lines)


def _findings(results: BenchmarkResults) -> str:
    lines = ["## What the numbers show {#benchmarks-findings}", "",
             f"Each line is generated from the results ({repeats_phrase(results)}); details follow per scenario.", ""]
    for scenario in results.scenarios:
        lead = verdict(results, scenario.id)
        lines.append(f"- [**{plain_text(scenario.label)}**](#{scenario_anchor(scenario.id)}): "
                     + (lead + " " if lead else "") + "; ".join(cell_parts(results, scenario.id)) + ".")
    return "\n".join(lines)


def _checks(results: BenchmarkResults) -> str:
    equivalence = results.equivalence
    rows = []
    for route in equivalence["routes"]:
        headers = route["headers"]
        rows.append(_row([code(route["path"]), fmt.count(route["body_bytes"]),
                          code(headers.get("content-type", "–"))]))
    ignored = ", ".join(code(name) for name in equivalence["ignored_headers"])
    counted = results.self_check["counted"]
    injected = sum(value for counts in counted.values() for name, value in counts.items()
                   if name not in ("sent", "answered"))
    return "\n".join([
        "## Checked before measuring {#benchmarks-checks}", "",
        (f"**Same answers.** Before any measurement the harness started all {fmt.count(len(equivalence['configurations']))} "
         "configurations and compared every route's status, body bytes and headers; it refuses to measure when "
         f"anything differs. Only {ignored} may differ (connection handling, the clock, the server's name). During "
         "the runs, every answer is compared with these bytes again, and any other answer counts as failed."), "",
        _header_row(["Route", "Body bytes", "Content-Type"]), *rows, "",
        (f"**The generator detects failure.** Before measuring, the harness loaded a deliberately faulty server "
         f"and the generator had to count {fmt.count(injected)} injected failures (status 500, wrong body, closed "
         "connection, no answer) each in the right place; it did, otherwise nothing would have been measured."),
    ])


def _configurations(results: BenchmarkResults) -> str:
    lines = ["## Configurations {#benchmarks-configurations}", "",
             ("Each server runs its app from `bench/apps` with the command shown (the harness fills in free "
              f"ports on {plain_text(results.settings['host'])}), following its project's production guidance."), ""]
    for configuration in results.configurations:
        lines.append(f"- **{plain_text(configuration.label)}** ({plain_text(configuration.framework)}): "
                     f"{safe_inline(configuration.description)} Command: {code(configuration.command)}.")
    return "\n".join(lines)


def _scenario_section(results: BenchmarkResults, scenario_id: str) -> str:
    scenario = results.scenario(scenario_id)
    cells = results.cells(scenario_id)
    what = kind(scenario)
    heading = {"capacity": "Answers per second", "latency": "Latency (from the scheduled send time)",
               "hold": "Answered, and memory with the requests open"}[what]
    rows = [_row([plain_text(cell.configuration.label) + _mark(cell), cell_text(cell), _counts(cell)])
            for cell in cells]
    parts = [
        f"## {plain_text(scenario.label)} {{#{scenario_anchor(scenario.id)}}}", "",
        safe_inline(scenario.description), "",
        _header_row(["Configuration", heading, "Requests: answered / sent (failed)"]), *rows,
    ]
    notes = [note for cell in cells for note in _cell_notes(cell)]
    if notes:
        parts += ["", *notes]
    chart = _chart(results, scenario_id, cells)
    if chart:
        parts += ["", chart]
    return "\n".join(parts)


def _mark(cell: Cell) -> str:
    return f" {WARNING_MARK}" if cell.with_status("errors") or cell.with_status("failed") else ""


def _counts(cell: Cell) -> str:
    pieces = []
    for stream in cell.scenario.streams:
        totals = cell.totals(stream.path)
        if not totals["scheduled"]:
            continue
        text = f"{fmt.count(totals['answered'])} / {fmt.count(totals['sent'])}"
        if totals["failed"]:
            text += f" ({fmt.count(totals['failed'])} failed)"
        if totals["unanswered"] or totals["not_sent"]:
            text += f", {fmt.count(totals['unanswered'])} unanswered, {fmt.count(totals['not_sent'])} not sent"
        pieces.append((code(stream.path) + " " if len(cell.scenario.streams) > 1 else "") + text)
    return "; ".join(pieces) if pieces else "–"


def _cell_notes(cell: Cell) -> list[str]:
    notes = []
    label = plain_text(cell.configuration.label)
    for run in cell.runs:
        if run.status in ("ok", "skipped", "saturated"):
            continue
        notes.append(f"- {WARNING_MARK} {label}, run {fmt.count(run.repeat)} ({run.status}): {plain_text(run.problem)}")
    return notes


def _chart(results: BenchmarkResults, scenario_id: str, cells: list[Cell]) -> str:
    scenario = results.scenario(scenario_id)
    what = kind(scenario)
    bars = []
    if what == "capacity":
        for cell in cells:
            rate = cell.answered_per_second
            if rate:
                bars.append(Bar(cell.configuration.label, rate.median, fmt.rate(rate.median), rate.low, rate.high,
                                _pattern(results, cell.configuration.framework)))
        unit, ticks, better = "answers per second", fmt.rate, "longer is better"
    elif what == "latency":
        path = scenario.streams[-1].path  # with mixed traffic: the short requests, whose wait is the point
        for cell in cells:
            p99 = cell.latency(path, "p99")
            if p99:
                bars.append(Bar(cell.configuration.label, p99.median, f"{fmt.milliseconds(p99.median)} ms", p99.low,
                                p99.high, _pattern(results, cell.configuration.framework)))
        unit, ticks, better = f"p99 latency of {path} in ms", fmt.milliseconds, "shorter is better"
    else:
        path = scenario.streams[0].path
        for cell in cells:
            answered = cell.answered(path)
            if answered:
                bars.append(Bar(cell.configuration.label, answered.median, fmt.count(round(answered.median)),
                                answered.low, answered.high, _pattern(results, cell.configuration.framework)))
        unit, ticks, better = "requests answered", lambda v: fmt.count(round(v)), "longer is better"
    if not bars:
        return ""
    values = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
    svg = bar_chart_svg(f"chart-{scenario_id}", f"{scenario.label}: {unit} (median of runs)",
                        f"One bar per configuration that has the figure. {values}.", bars, tick_text=ticks)
    missing = [cell.configuration.label for cell in cells if cell.configuration.label not in {b.label for b in bars}]
    caption = (f"{scenario.label}: median {unit}, {better}; whiskers: lowest and highest run. {_pattern_legend(results)}."
               + (f" Not drawn (no figure, see the table): {', '.join(missing)}." if missing else ""))
    return _figure(svg, caption)


def _memory_section(results: BenchmarkResults) -> str:
    rows, bars = [], []
    for configuration in results.configurations:
        idle = results.idle_pss_bytes(configuration.id)
        rows.append(_row([plain_text(configuration.label), idle_memory_text(results, configuration.id)]))
        if idle:
            bars.append(Bar(configuration.label, idle.median / fmt.MIB, f"{fmt.mebibytes(idle.median)} MiB",
                            idle.low / fmt.MIB, idle.high / fmt.MIB, _pattern(results, configuration.framework)))
    parts = [
        "## Memory {#benchmarks-memory}", "",
        ("Proportional set size (PSS) of every process of a server, read from `/proc/PID/smaps_rollup` half a "
         "second after it started, before load: pages shared between processes (forked workers share much of "
         "the interpreter) are divided among them, so the sum is what the configuration costs, not inflated as "
         "summed RSS would be. The per-process figures at the peak of each run are in the results file."), "",
        _header_row(["Configuration", "Idle PSS (all processes)"]), *rows,
    ]
    if bars:
        values = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
        svg = bar_chart_svg("chart-memory", "Idle memory (PSS, all processes), MiB",
                            f"One bar per configuration. {values}.", bars, tick_text=lambda v: f"{v:,.0f}")
        parts += ["", _figure(svg, "Idle PSS per configuration in MiB, shorter is smaller; whiskers: lowest and "
                              f"highest start. {_pattern_legend(results)}.")]
    return "\n".join(parts)


def _spread_text(spread, formatter) -> str:
    return fmt.spread(formatter, spread.low, spread.high) if spread else "–"


def _method(results: BenchmarkResults) -> str:
    settings = results.settings
    other = results.other_cpu_percent()
    loads = [run.machine_load["load_average_1m"] for run in results.runs if run.machine_load]
    lags = [stream.send_lag_ms["p99"] for run in results.runs for stream in run.streams
            if stream.send_lag_ms and run.status == "ok"]
    counts = {status: len(results.runs_with_status(status)) for status in ("ok", "saturated", "errors", "skipped", "failed")}
    return "\n".join([
        "## Method {#benchmarks-method}", "",
        (f"- **Load generator:** {code(settings['load_generator'])}, written for this benchmark because the "
         "load generators available here (wrk, hey) are closed-loop. In **open-loop** scenarios requests are "
         "scheduled at fixed rates and each one's latency runs from the moment it was due, so a server that "
         "stalls cannot slow the load down and hide the wait (coordinated omission). **Closed-loop** scenarios "
         "keep a fixed number of connections busy and measure capacity only; their latency is not published."),
        ("- **Counts:** every run records requests due, sent, answered (status 200 and exactly the agreed body), "
         "failed (by kind), unanswered when the generator stopped waiting, and not sent. A run is *ok* when "
         "every request was answered correctly, *fell behind* (saturated) when answers were missing but none "
         "wrong, *errors* when any answer failed. Latency is published only for cells whose runs were all ok."),
        (f"- **Rate steps:** a fixed-rate step is run for a configuration only if its rate is at most "
         f"{settings['skip_above_capacity']:.0%} of the capacity that configuration reached in the same repeat; "
         "above that, latency only measures a growing queue."),
        (f"- **Pinning:** {plain_text(results.affinity['note'])} Server CPUs: {plain_text(results.affinity['server_cpus'])}; "
         f"generator and harness: {plain_text(results.affinity['generator_cpus'])} (read back from `/proc` for every "
         "server start and recorded in the results)."),
        (f"- **Runs:** {plural(settings['repeats'], 'repeat')}; in each, the configurations run in a shuffled "
         f"order (seed {fmt.count(settings['seed'])}), each server fresh, its scenarios shuffled except capacity "
         "first (the rate steps depend on it) and the long-lived test last (a server that cannot hold it keeps "
         f"a queue). Each measurement lasts {fmt.count(settings['duration_seconds'])} s after "
         f"{fmt.count(settings['warmup_seconds'])} s of unrecorded warm-up (twice that for a server's first "
         "scenario), then waits until the server answers a health check again."),
        (f"- **Handlers:** the I/O handler waits {fmt.count(settings['io_wait_ms'])} ms without using the CPU; the "
         f"CPU handler runs a loop of {fmt.count(settings['cpu_iterations'])} arithmetic steps in the app's own "
         "language (in Python it holds the GIL throughout; the same arithmetic, so both apps return the same "
         f"number); the long-lived handler waits {fmt.count(settings['hold_ms'])} ms. No database, no TLS."),
        (f"- **Memory:** PSS and USS of every server process from `/proc/PID/smaps_rollup`, every "
         f"{fmt.count(settings['memory_sample_ms'])} ms during each run and once at idle."),
        ("- **Machine load:** recorded per run: the one-minute load average "
         f"({_spread_text(_spread_of(loads), fmt.milliseconds)} over the runs), each CPU's busy share, and the "
         f"CPU used by processes outside the benchmark ({_spread_text(other, fmt.milliseconds)} % of a CPU, with "
         "the busiest ones named). The machine was shared with other work, so noise is possible; the ranges "
         "show it."),
        (f"- **Generator headroom:** in runs that kept up, the p99 delay between a request's due time and its send "
         f"was {_spread_text(_spread_of(lags), fmt.milliseconds)} ms; it is part of the published latency."),
        (f"- **Outcome:** {fmt.count(len(results.runs))} runs in {fmt.count(round(results.duration_seconds))} s: "
         + ", ".join(f"{fmt.count(count)} {name}" for name, count in counts.items()) + "."),
    ])


def _spread_of(values):
    from .model import Spread

    return Spread.of(values)


def _machine_and_versions(results: BenchmarkResults) -> str:
    machine = results.machine
    rows = [
        ("Date", f"{results.started_at} to {results.finished_at}"),
        ("CPU", f"{machine.cpu_model}, {machine.logical_cpus} logical CPUs"),
        ("Memory", f"{fmt.gibibytes(machine.memory_bytes)} GiB"),
        ("Operating system", f"{machine.os} ({machine.kernel})"),
    ]
    names = {"python": "Python", "flask": "Flask", "werkzeug": "Werkzeug", "gunicorn": "gunicorn",
             "gevent": "gevent", "node": "Node.js", "express": "Express", "nginx": "nginx",
             "load_generator": "Load generator"}
    rows += [(names.get(name, name), version) for name, version in results.versions.items()]
    return "\n".join([
        "## Machine and versions {#benchmarks-machine}", "",
        _header_row(["Item", "Value"]), *(_row([plain_text(name), plain_text(value)]) for name, value in rows),
    ])


def _reproduce(results: BenchmarkResults, raw_data_link: str, schema_link: str) -> str:
    return "\n".join([
        "## How to reproduce {#benchmarks-reproduce}", "",
        "From a checkout of this site's repository, with Python, nginx (`apt-get install nginx`) and `make install` done:", "",
        "```sh",
        "make bench          # full run, results in data/benchmarks.yaml",
        "make bench-quick    # under a minute: self-check, equivalence check, one short run each",
        "```", "",
        (f"`make bench` runs {code(results.settings['harness_command'].replace(' --quick', ''))}: it checks the "
         "generator and the apps, starts every server, loads it, stops it, and writes every run's raw counts "
         "with the machine description, pinning and versions."), "",
        (f"**Raw data:** [benchmarks.yaml]({raw_data_link}) (every run), described by "
         f"[its schema]({schema_link})."),
    ])
