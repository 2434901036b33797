"""The per-cell summary and the method statement written into the results file.

Everything here is derived from the runs in the same file (the site's loader recomputes the
summary from the runs and refuses a file where they disagree), so the file states the median
and spread of every cell for a reader without the site, and cannot drift from its runs.
"""

from __future__ import annotations

import statistics

MEASURED = ("ok", "saturated", "errors")


def spread(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"median": round(statistics.median(values), 3), "low": round(min(values), 3),
            "high": round(max(values), 3), "runs": len(values)}


def summarise(document: dict) -> list[dict]:
    """One entry per configuration and scenario that ran: run statuses, the headline figure's
    median with lowest and highest run, and peak PSS."""
    scenarios = {scenario["id"]: scenario for scenario in document["scenarios"]}
    cells = []
    for configuration in document["configurations"]:
        for scenario_id in configuration["scenarios"]:
            scenario = scenarios[scenario_id]
            runs = [run for run in document["runs"]
                    if run["configuration"] == configuration["id"] and run["scenario"] == scenario_id]
            if not runs:
                continue
            measured = [run for run in runs if run["status"] in MEASURED]
            statuses = {}
            for run in runs:
                statuses[run["status"]] = statuses.get(run["status"], 0) + 1
            cell = {"configuration": configuration["id"], "scenario": scenario_id, "statuses": statuses}
            if scenario["mode"] == "closed":
                cell["answered_per_second"] = spread(
                    [sum(s["answered_per_second"] for s in run["streams"]) for run in measured])
            kept_up = bool(statuses.get("ok")) and set(statuses) <= {"ok", "skipped"}
            if scenario["publishes_latency"] and kept_up:
                ok = [run for run in runs if run["status"] == "ok"]
                cell["latency_ms"] = {
                    stream["path"]: {percentile: spread([run["streams"][index]["latency_ms"][percentile] for run in ok])
                                     for percentile in ("p50", "p99")}
                    for index, stream in enumerate(scenario["streams"])
                }
            cell["answered"] = spread([run["streams"][0]["answered"] for run in measured])
            cell["peak_pss_bytes"] = spread([run["memory"]["pss_bytes"] for run in measured])
            cells.append({key: value for key, value in cell.items() if value is not None})
    return cells


METHOD = {
    "load_generator": ("bench/loadgen.js on the pinned Node.js: HTTP/1.1 keep-alive over raw sockets, every answer "
                       "checked against the agreed status and bytes"),
    "latency": ("open loop only: requests scheduled at fixed rates, latency from each request's scheduled send "
                "time (no coordinated omission); published only for cells whose runs were all 'ok'"),
    "capacity": "closed loop: a fixed number of connections, each sending its next request after an answer",
    "rate_steps": ("a fixed-rate step is skipped for a configuration when its rate exceeds skip_above_capacity of "
                   "the capacity that configuration reached in the same repeat"),
    "statuses": ("ok: every request answered correctly; saturated: answers missing (unanswered or not sent), none "
                 "wrong; errors: some answer failed; skipped; failed: no measurement"),
    "order": ("configurations shuffled per repeat (settings.seed); per server: capacity first, long-lived test "
              "last, the rest shuffled; fresh servers each repeat; a health check must pass before each run"),
    "memory": "PSS and USS of every server process from /proc/PID/smaps_rollup, at idle and at each run's peak",
    "checks": ("before measuring: the generator's self-check against a faulty server, and byte-for-byte "
               "equivalence of every route across configurations"),
}
