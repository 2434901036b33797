"""Measured performance: load the benchmark results and render the Benchmarks page from them.

Data flows one way: data/benchmarks.yaml -> load (schema + consistency checks) -> model
(medians and spreads computed from the raw runs) -> sentences (every figure-bearing sentence)
-> pure render functions -> Markdown and SVG. The harness that writes the file lives in bench/.
"""

from .charts import Bar, bar_chart_svg
from .load import DEFAULT_RESULTS_PATH, load_benchmark_results
from .model import BenchmarkResults, Cell, Spread
from .render import render_benchmarks_page
from .sentences import measured_summary, scenario_anchor, scenario_link

__all__ = [
    "DEFAULT_RESULTS_PATH",
    "Bar",
    "BenchmarkResults",
    "Cell",
    "Spread",
    "bar_chart_svg",
    "load_benchmark_results",
    "measured_summary",
    "render_benchmarks_page",
    "scenario_anchor",
    "scenario_link",
]
