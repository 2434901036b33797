"""Render the Benchmarks page, and short measured citations for other pages, from the results.

Pure functions: results in, Markdown (with inline SVG) out. Every figure on the page is either
a value from data/benchmarks.yaml or computed from its runs here (median, range, ratio,
unit conversion); nothing is typed by hand.
"""

from __future__ import annotations

from ..inline import html_text, plain_text, safe_inline
from . import formatting as fmt
from .charts import Bar, Series, bar_chart_svg, grouped_bar_chart_svg
from .model import BenchmarkResults, Cell

WARNING_MARK = "⚠"
_ERROR_WORDS = {"connect": "failed connects", "read": "read errors", "write": "write errors",
                "status": "non-2xx/3xx responses", "timeout": "timeouts"}


def scenario_anchor(scenario_id: str) -> str:
    """The anchor of a scenario's section on the Benchmarks page, e.g. 'scenario-io-1000'."""
    return f"scenario-{scenario_id}"


def scenario_link(results: BenchmarkResults, scenario_id: str, page: str = "benchmarks.md", text: str | None = None) -> str:
    """A Markdown link to a scenario's section, labelled with the scenario's name."""
    label = plain_text(text if text is not None else results.scenario(scenario_id).label)
    return f"[{label}]({page}#{scenario_anchor(scenario_id)})"


def measured_summary(results: BenchmarkResults, scenario_id: str, page: str = "benchmarks.md") -> str:
    """One sentence citing a scenario's measured medians, for the Claims and criteria pages."""
    parts = []
    for cell in results.cells(scenario_id):
        rate = cell.requests_per_second
        if rate is None:
            parts.append(f"{plain_text(cell.configuration.label)}: no valid run")
            continue
        text = f"{plain_text(cell.configuration.label)} {fmt.rate(rate.median)} requests/s"
        p99 = cell.latency("p99")
        if p99 is not None:
            text += f" (p99 {fmt.milliseconds(p99.median)} ms)"
        if cell.error_total:
            text += f" {WARNING_MARK} {_error_words(cell)}"
        parts.append(text)
    link = scenario_link(results, scenario_id, page)
    median = f"median of {_plural(results.settings['repeats'], 'run')} on one machine"
    return f"Measured ({link}, {median}): " + "; ".join(parts) + "."


def render_benchmarks_page(results: BenchmarkResults, raw_data_link: str = "data/benchmarks.yaml",
                           schema_link: str = "data/benchmarks.schema.json") -> str:
    """The body of the Benchmarks page (the page supplies its own title)."""
    sections = [
        _introduction(results),
        _at_a_glance(results),
        _configurations(results),
        *(_scenario_section(results, scenario.id) for scenario in results.scenarios),
        *(_sweep_section(results, group, members) for group, members in results.groups().items() if len(members) > 1),
        _method(results),
        _machine_and_versions(results),
        _reproduce(results, raw_data_link, schema_link),
    ]
    return "\n\n".join(section.strip("\n") for section in sections) + "\n"


def _introduction(results: BenchmarkResults) -> str:
    machine = results.machine
    lines = []
    if results.mode != "full":
        lines += [("> **Quick run.** These figures come from the harness's short smoke mode: one short run each, "
                  "too brief to publish. Run `make bench` for real numbers."), ""]
    lines.append(
        f"Measured on {results.date} with the harness in `bench/`, on one machine: {plain_text(machine.cpu_model)}, "
        f"{fmt.count(machine.logical_cpus)} logical CPUs, {fmt.gibibytes(machine.memory_bytes)} GiB memory, "
        f"{plain_text(machine.os)}. **Absolute numbers depend on the machine**: another computer gives other "
        "requests per second. The ratios between configurations are what carry over.")
    lines += ["", (f"Each figure is the median of {_plural(results.settings['repeats'], 'run')} of "
              f"{_plural(results.settings['duration_seconds'], 'second')}; the range beside it is the lowest and "
              f"highest run. {WARNING_MARK} marks a result with errors or failed runs, explained under its table.")]
    return "\n".join(lines)


def _header_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |\n|" + "|".join("---" for _ in cells) + "|"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _configuration_cell(results: BenchmarkResults, configuration_id: str) -> str:
    return plain_text(results.configuration(configuration_id).label)


def _at_a_glance(results: BenchmarkResults) -> str:
    headers = ["Configuration"] + [f"[{plain_text(s.short_label)}](#{scenario_anchor(s.id)})" for s in results.scenarios]
    rows = []
    for configuration in results.configurations:
        cells = [plain_text(configuration.label)]
        for scenario in results.scenarios:
            cell = results.cell(configuration.id, scenario.id)
            rate = cell.requests_per_second
            text = fmt.rate(rate.median) if rate else "failed"
            cells.append(text + (f" {WARNING_MARK}" if _has_trouble(cell) else ""))
        rows.append(_row(cells))
    return "\n".join([
        '## At a glance {#benchmarks-at-a-glance}', "",
        ("Median requests per second; higher is better. I/O columns give the number of connections. "
        "Select a scenario for latency, errors and memory."), "",
        _header_row(headers), *rows,
    ])


def _configurations(results: BenchmarkResults) -> str:
    rows = [_row([plain_text(c.label), safe_inline(f"`{c.command}`"),
                  safe_inline(c.description)]) for c in results.configurations]
    return "\n".join([
        "## Configurations {#benchmarks-configurations}", "",
        ("Each server runs its app from `bench/apps` with the command shown (the harness fills in a free port "
        f"on {results.settings['host']})."), "",
        _header_row(["Configuration", "Command", "What it is"]), *rows,
    ])


def _has_trouble(cell: Cell) -> bool:
    return bool(cell.failed_runs or cell.error_total or cell.runs_with_errors)


def _error_words(cell: Cell) -> str:
    totals: dict[str, int] = {}
    for run in cell.measured_runs:
        for name, value in run.errors.items():
            totals[name] = totals.get(name, 0) + value
    words = [f"{fmt.count(value)} {_ERROR_WORDS.get(name, name)}" for name, value in totals.items() if value]
    return ", ".join(words) if words else "0"


def _baseline(results: BenchmarkResults, scenario_id: str) -> Cell | None:
    """The first configuration with a valid measurement: the reference for the ratio column."""
    for cell in results.cells(scenario_id):
        if cell.requests_per_second and cell.requests_per_second.median > 0:
            return cell
    return None


def _scenario_section(results: BenchmarkResults, scenario_id: str) -> str:
    scenario = results.scenario(scenario_id)
    baseline = _baseline(results, scenario_id)
    rows, notes, bars = [], [], []
    for cell in results.cells(scenario_id):
        label = plain_text(cell.configuration.label)
        rate, p50, p99, rss = cell.requests_per_second, cell.latency("p50"), cell.latency("p99"), cell.peak_rss_bytes
        mark = f" {WARNING_MARK}" if _has_trouble(cell) else ""
        if rate is None:
            rows.append(_row([label + mark, "failed", "–", "–", "–", "–", "–"]))
        else:
            ratio = fmt.ratio(rate.median / baseline.requests_per_second.median) if baseline else "–"
            rows.append(_row([
                label + mark, f"{fmt.rate(rate.median)} ({fmt.spread(fmt.rate, rate.low, rate.high)})", ratio,
                fmt.milliseconds(p50.median) if p50 else "–", fmt.milliseconds(p99.median) if p99 else "–",
                _error_words(cell), fmt.mebibytes(rss.median),
            ]))
            bars.append(Bar(cell.configuration.label, rate.median, fmt.rate(rate.median), rate.low, rate.high,
                            emphasis=cell.configuration.framework == "express"))
        notes += _cell_notes(cell)
    ratio_text = (f" Ratio: median requests/s divided by that of {plain_text(baseline.configuration.label)}."
                  if baseline else "")
    parts = [
        f"## {plain_text(scenario.label)} {{#{scenario_anchor(scenario.id)}}}", "",
        (f"{safe_inline(scenario.description)} wrk keeps {fmt.count(scenario.connections)} connections busy for "
        f"{_plural(results.settings['duration_seconds'], 'second')} per run.{ratio_text}"), "",
        _header_row(["Configuration", "Requests/s: median (range)", "Ratio", "p50 (ms)", "p99 (ms)", "Errors",
                     "Peak RSS (MiB)"]),
        *rows,
    ]
    if notes:
        parts += ["", *notes]
    if bars:
        parts += ["", _figure(_bar_chart(results, scenario_id, bars),
                              f"{scenario.label}: median requests per second, higher is better; whiskers show "
                              "the lowest and highest run. Solid bars: Express; hatched bars: Flask.")]
    return "\n".join(parts)


def _plural(number: int, word: str) -> str:
    return f"{fmt.count(number)} {word}{'' if number == 1 else 's'}"


def _cell_notes(cell: Cell) -> list[str]:
    notes = []
    label = plain_text(cell.configuration.label)
    for run in cell.runs:
        if run.status == "ok":
            continue
        what = "failed, left out of the median" if run.status == "failed" else "counted errors, kept in the median"
        notes.append(f"- {WARNING_MARK} {label}, run {fmt.count(run.repeat)} {what}: {plain_text(run.problem)}")
    return notes


def _bar_chart(results: BenchmarkResults, scenario_id: str, bars: list[Bar]) -> str:
    scenario = results.scenario(scenario_id)
    values = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
    return bar_chart_svg(
        f"chart-{scenario_id}", f"{scenario.label}: requests per second (median of runs)",
        f"Horizontal bars, one per configuration. {values}.", bars, tick_text=fmt.rate)


def _figure(svg: str, caption: str) -> str:
    # One line, no blank lines: Markdown passes a block-level HTML element through untouched.
    return f'<figure class="bench-figure">{svg}<figcaption>{html_text(caption)}</figcaption></figure>'


def _sweep_section(results: BenchmarkResults, group: str, members: list) -> str:
    configurations = list(results.configurations)
    series = []
    for scenario in members:
        values, texts = [], []
        for configuration in configurations:
            rate = results.cell(configuration.id, scenario.id).requests_per_second
            values.append(rate.median if rate else None)
            texts.append(fmt.rate(rate.median) if rate else "failed")
        series.append(Series(f"{fmt.count(scenario.connections)} connections", tuple(values), tuple(texts)))
    description = " ".join(
        f"{configuration.label}: " + ", ".join(f"{item.texts[index]} requests/s at {item.name}" for item in series) + "."
        for index, configuration in enumerate(configurations))
    links = ", ".join(f"[{fmt.count(s.connections)}](#{scenario_anchor(s.id)})" for s in members)
    svg = grouped_bar_chart_svg(
        f"chart-sweep-{group}", f"Requests per second as connections rise ({members[0].label.split(',')[0]})",
        description, [c.label for c in configurations], series, tick_text=fmt.rate)
    return "\n".join([
        f"## Rising concurrency: {plain_text(members[0].label.split(',')[0])} {{#{scenario_anchor('group-' + group)}}}", "",
        (f"The same handler at {links} connections. A server that can have more requests in progress at once "
        "keeps gaining throughput as connections rise; one that cannot stays flat while its latency grows."), "",
        _figure(svg, "Median requests per second per configuration, one bar per connection count."),
    ])


def _method(results: BenchmarkResults) -> str:
    settings = results.settings
    load = ", ".join(str(value) for value in results.load_average_at_start)
    return "\n".join([
        "## Method {#benchmarks-method}", "",
        (f"- **Load generator:** wrk {plain_text(results.versions.get('wrk', ''))}, run as "
        f"`{settings['wrk_command']}`. wrk stops after the duration; a request unanswered after "
        f"{fmt.count(settings['wrk_timeout_seconds'])} s counts as a timeout. wrk uses "
        f"{_plural(settings['wrk_threads'], 'thread')} and shares the machine's "
        f"{fmt.count(results.machine.logical_cpus)} logical CPUs with the servers, as on any single-machine "
        "benchmark."),
        (f"- **Runs:** every configuration in every scenario, {_plural(settings['repeats'], 'time')}. Before each "
        f"measured run, {fmt.count(settings['warmup_seconds'])} s of unrecorded load (at most "
        f"{fmt.count(settings['warmup_max_connections'])} connections) warms the server up; then the harness waits "
        "until the server answers a health check, so connections still queued from the warm-up or the previous "
        "scenario do not spill into the measurement. Each "
        "repeat alternates Flask and Express configurations, and every other repeat runs them in reverse order, "
        "so a drift of the machine affects both frameworks."),
        (f"- **Servers:** started and stopped by the harness, listening on {settings['host']} only, each in its own process "
        f"group so no worker is left behind. Open-file limit {fmt.count(settings['fd_limit'])}. No reverse proxy "
        "sits in front; the apps touch no database."),
        (f"- **Handlers:** the I/O handler waits {fmt.count(settings['io_wait_ms'])} ms without using the CPU; the "
        f"CPU handler computes PBKDF2-HMAC-SHA256 with {fmt.count(settings['cpu_iterations'])} rounds, the same "
        "OpenSSL routine in both apps. Both apps are in `bench/apps` and return identical bodies."),
        ("- **Figures:** requests/s is responses received divided by the run's duration. Latency percentiles are "
        "wrk's, over answered requests only: requests still waiting when a run ends are not counted, so a "
        "server that falls behind shows it as high latency and timeouts rather than in p99 alone. Peak RSS is "
        f"the highest sum of resident memory over the server's processes, sampled every "
        f"{fmt.count(settings['memory_sample_ms'])} ms from /proc; "
        "shared pages count once per process (the results file also has PSS, which splits them)."),
        (f"- **Errors:** wrk's counts of failed connects, read and write errors, timeouts and non-2xx/3xx "
        f"responses. A run with errors is kept and marked {WARNING_MARK}; a run that produced no valid "
        "measurement (server failed to start or died, wrk failed) is listed under its table and left out of "
        "the median."),
        (f"- **Load on the machine:** the load average was {load} (one-, five- and fifteen-minute averages) "
         f"when the harness started; the run took {fmt.count(round(results.duration_seconds))} s."),
    ])


def _machine_and_versions(results: BenchmarkResults) -> str:
    machine = results.machine
    rows = [
        ("Date", f"{results.started_at} to {results.finished_at}"),
        ("CPU", f"{machine.cpu_model}, {machine.logical_cpus} logical CPUs"),
        ("Memory", f"{fmt.gibibytes(machine.memory_bytes)} GiB"),
        ("Operating system", f"{machine.os} ({machine.kernel})"),
    ]
    names = {"python": "Python", "flask": "Flask", "werkzeug": "Werkzeug", "gunicorn": "gunicorn",
             "gevent": "gevent", "node": "Node.js", "express": "Express", "wrk": "wrk"}
    rows += [(names.get(name, name), version) for name, version in results.versions.items()]
    return "\n".join([
        "## Machine and versions {#benchmarks-machine}", "",
        _header_row(["Item", "Value"]), *(_row([plain_text(name), plain_text(value)]) for name, value in rows),
    ])


def _reproduce(results: BenchmarkResults, raw_data_link: str, schema_link: str) -> str:
    return "\n".join([
        "## How to reproduce {#benchmarks-reproduce}", "",
        ("From a checkout of this site's repository, with Python, Node.js and wrk installed "
        "(on Debian: `apt-get install wrk`):"), "",
        "```sh",
        "make bench          # full run, results in data/benchmarks.yaml",
        "make bench-quick    # a short smoke run that checks the harness works",
        "```", "",
        ("`make bench` first installs the pinned Python packages and, with `npm ci --prefix bench/apps`, the "
        "Express version locked in `bench/apps/package-lock.json`. It then runs "
        f"`{results.settings['harness_command'].replace(' --quick', '')}`, which starts every server, loads it with wrk, "
        "stops it, and writes every run's raw figures with the machine description and versions. Expect "
        "different absolute numbers on your machine and similar ratios."), "",
        (f"**Raw data:** [benchmarks.yaml]({raw_data_link}) (every run), described by "
        f"[its schema]({schema_link})."),
    ])
