"""Measured performance: load the benchmark results and render the Benchmarks page from them.

Data flows one way: data/benchmarks.yaml -> load (schema + consistency checks) -> model
(medians and spreads computed from the raw runs) -> pure render functions -> Markdown and SVG.
The harness that writes the file lives in bench/.
"""

from .charts import bar_chart_svg, grouped_bar_chart_svg
from .load import DEFAULT_RESULTS_PATH, load_benchmark_results
from .model import BenchmarkResults, Cell, Spread
from .render import (
    measured_summary,
    render_benchmarks_page,
    scenario_anchor,
    scenario_link,
)

__all__ = [
    "DEFAULT_RESULTS_PATH",
    "BenchmarkResults",
    "Cell",
    "Spread",
    "bar_chart_svg",
    "grouped_bar_chart_svg",
    "load_benchmark_results",
    "measured_summary",
    "render_benchmarks_page",
    "scenario_anchor",
    "scenario_link",
]
