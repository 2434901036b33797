"""What each measured cell shows, in words with its numbers, computed from the results.

The Benchmarks page, the criteria, the claims and the FAQ all cite measurements through these
functions, so every sentence on the site that carries a measured figure is generated from
data/benchmarks.yaml and can never disagree with it. The wording follows the rules the harness
measured by: latency only for open-loop runs that kept up; a server that fell behind is described
by its counts (answered of scheduled), never by a latency figure.
"""

from __future__ import annotations

from ..inline import plain_text
from . import formatting as fmt
from .model import BenchmarkResults, Cell, Scenario

WARNING_MARK = "⚠"


def scenario_anchor(scenario_id: str) -> str:
    """The anchor of a scenario's section on the Benchmarks page, e.g. 'scenario-io-latency'."""
    return f"scenario-{scenario_id}"


def scenario_link(results: BenchmarkResults, scenario_id: str, page: str = "benchmarks.md", text: str | None = None) -> str:
    """A Markdown link to a scenario's section, labelled with the scenario's name."""
    label = plain_text(text if text is not None else results.scenario(scenario_id).label)
    return f"[{label}]({page}#{scenario_anchor(scenario_id)})"


def kind(scenario: Scenario) -> str:
    """'capacity' (closed loop), 'latency' (open loop at fixed rates) or 'hold' (open, counts only)."""
    if scenario.mode == "closed":
        return "capacity"
    return "latency" if scenario.publishes_latency else "hold"


def plural(number: float, word: str) -> str:
    if number == 1:
        return f"{fmt.count(number)} {word}"
    return f"{fmt.count(number)} {word}{'es' if word.endswith('s') else 's'}"


def _range(spread, formatter) -> str:
    return "" if spread.count < 2 else f" ({fmt.spread(formatter, spread.low, spread.high)})"


def _not_kept_up(cell: Cell) -> str:
    """Why a cell has no latency figure: runs skipped, behind, with errors or failed, with counts."""
    total = len(cell.runs)
    parts = []
    skipped = cell.with_status("skipped")
    if skipped:
        parts.append(f"not run at this rate in {fmt.count(len(skipped))} of {fmt.count(total)} repeats (the rate was "
                     "too close to the capacity it measured)")
    behind = cell.with_status("saturated")
    if behind:
        path = cell.scenario.streams[0].path
        answered, scheduled = cell.answered(path), cell.scheduled(path)
        parts.append(f"fell behind in {fmt.count(len(behind))} of {fmt.count(total)} runs, answering a median of "
                     f"{fmt.count(round(answered.median))} of {fmt.count(round(scheduled.median))} requests due "
                     "(latency not published)")
    with_errors = cell.with_status("errors")
    if with_errors:
        failed = sum(cell.totals(stream.path)["failed"] for stream in cell.scenario.streams)
        parts.append(f"{WARNING_MARK} {plural(failed, 'failed answer')} in {fmt.count(len(with_errors))} of "
                     f"{fmt.count(total)} runs")
    failed_runs = cell.with_status("failed")
    if failed_runs:
        parts.append(f"{WARNING_MARK} no valid measurement in {fmt.count(len(failed_runs))} of {fmt.count(total)} runs")
    return ", ".join(parts) if parts else "not measured"


def latency_text(cell: Cell) -> str:
    """p50 and p99 per requested path (p99 with its lowest-highest run), or why there is none."""
    if not cell.kept_up:
        return _not_kept_up(cell)
    pieces = []
    several = len(cell.scenario.streams) > 1
    for stream in cell.scenario.streams:
        p50, p99 = cell.latency(stream.path, "p50"), cell.latency(stream.path, "p99")
        if p50 is None or p99 is None:
            continue
        prefix = f"`{stream.path}` " if several else ""
        pieces.append(f"{prefix}p50 {fmt.milliseconds(p50.median)} ms, p99 {fmt.milliseconds(p99.median)} ms"
                      f"{_range(p99, fmt.milliseconds)}")
    text = "; ".join(pieces) if pieces else "no answered request"
    if cell.with_status("skipped"):
        text += f" (over {plural(len(cell.with_status('ok')), 'run')}; {_not_kept_up(cell)})"
    return text


def capacity_text(cell: Cell) -> str:
    rate = cell.answered_per_second
    if rate is None:
        return _not_kept_up(cell)
    text = f"{fmt.rate(rate.median)} answers/s{_range(rate, fmt.rate)}"
    if cell.with_status("errors") or cell.with_status("failed"):
        text += f" ({_not_kept_up(cell)})"
    return text


def hold_text(cell: Cell) -> str:
    path = cell.scenario.streams[0].path
    answered, scheduled = cell.answered(path), cell.scheduled(path)
    if answered is None:
        return _not_kept_up(cell)
    text = (f"{fmt.count(round(answered.median))} of {fmt.count(round(scheduled.median))} answered"
            f"{_range(answered, lambda v: fmt.count(round(v)))}")
    pss = cell.peak_pss_bytes
    if pss is not None:
        text += f", {fmt.mebibytes(pss.median)} MiB PSS with them open"
    if cell.with_status("errors") or cell.with_status("failed"):
        text += f" ({_not_kept_up(cell)})"
    return text


def cell_text(cell: Cell) -> str:
    return {"capacity": capacity_text, "latency": latency_text, "hold": hold_text}[kind(cell.scenario)](cell)


def idle_memory_text(results: BenchmarkResults, configuration_id: str) -> str:
    """Idle PSS of a configuration (all its processes) and of its largest process."""
    idle = results.idle_pss_bytes(configuration_id)
    if idle is None:
        return "not measured"
    starts = results.idle_memory_starts(configuration_id)
    processes = len(starts[0].idle_memory.processes)
    largest = max(p.pss_bytes for p in starts[0].idle_memory.processes) if processes else 0
    return (f"{fmt.mebibytes(idle.median)} MiB in {plural(processes, 'process')}"
            + (f" (largest {fmt.mebibytes(largest)} MiB)" if processes > 1 else ""))


def repeats_phrase(results: BenchmarkResults) -> str:
    return (f"median of {plural(results.settings['repeats'], 'run')} per configuration, lowest–highest run in "
            "brackets, servers on one CPU core")


def cell_parts(results: BenchmarkResults, scenario_id: str) -> list[str]:
    """'Configuration: what it showed' for every configuration that ran the scenario."""
    scenario = results.scenario(scenario_id)
    parts = []
    for cell in results.cells(scenario_id):
        text = f"{plain_text(cell.configuration.label)}: {cell_text(cell)}"
        if kind(scenario) == "hold":
            text += f" (idle: {idle_memory_text(results, cell.configuration.id)})"
        parts.append(text)
    return parts


def _names(cells: list[Cell]) -> str:
    # Labels contain commas ("Flask, gunicorn sync"), so a list of them is separated by semicolons.
    return "; ".join(plain_text(cell.configuration.label) for cell in cells)


def _sentences(parts: list[str]) -> str:
    return " ".join(part[0].upper() + part[1:] + "." for part in parts)


def verdict(results: BenchmarkResults, scenario_id: str) -> str:
    """What the scenario's figures show across configurations, as one generated sentence
    (empty when there is nothing to compare)."""
    scenario = results.scenario(scenario_id)
    cells = results.cells(scenario_id)
    what = kind(scenario)
    if what == "capacity":
        rated = sorted((c for c in cells if c.answered_per_second), key=lambda c: c.answered_per_second.median)
        if len(rated) < 2 or rated[0].answered_per_second.median <= 0:
            return ""
        low, high = rated[0], rated[-1]
        ratio = high.answered_per_second.median / low.answered_per_second.median
        return (f"Most answers per second: {plain_text(high.configuration.label)}, {fmt.ratio(ratio)} as many as "
                f"the fewest ({plain_text(low.configuration.label)}) on the same core.")
    if what == "hold":
        path = scenario.streams[0].path
        measured = [c for c in cells if c.answered(path)]
        full = [c for c in measured if c.answered(path).median >= c.scheduled(path).median]
        short = [c for c in measured if c not in full]
        parts = []
        if full:
            parts.append(f"answered every request: {_names(full)}")
        if short:
            parts.append(f"answered only some: {_names(short)}")
        return _sentences(parts)
    kept = [c for c in cells if c.kept_up]
    behind = [c for c in cells if not c.kept_up]
    parts = []
    if kept:
        path = scenario.streams[-1].path
        ranked = sorted(kept, key=lambda c: c.latency(path, "p99").median)
        parts.append(f"kept up in every run: {_names(kept)}")
        if len(ranked) > 1:
            best, worst = ranked[0].latency(path, "p99"), ranked[-1].latency(path, "p99")
            overlap = " (their ranges of runs overlap)" if best.high >= worst.low else ""
            parts.append(f"lowest median p99 of `{path}`: {plain_text(ranked[0].configuration.label)}; highest: "
                         f"{plain_text(ranked[-1].configuration.label)}{overlap}")
    if behind:
        parts.append(f"no latency figure (fell behind, failed or not run): {_names(behind)}")
    return _sentences(parts)


def measured_summary(results: BenchmarkResults, scenario_id: str, page: str = "benchmarks.md") -> str:
    """Sentences citing a scenario's results for every configuration, linking to its section."""
    parts = cell_parts(results, scenario_id)
    quick = " from a quick smoke run, not publishable" if results.mode != "full" else ""
    lead = verdict(results, scenario_id)
    return (f"Measured{quick} ({scenario_link(results, scenario_id, page)}; {repeats_phrase(results)}): "
            + (lead + " " if lead else "") + "; ".join(parts) + ".")
