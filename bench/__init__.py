"""Benchmark harness: serves the Flask and Express apps in bench/apps and loads them with its own
open-loop load generator (loadgen.js).

Run it with `python -m bench.run` (full) or `python -m bench.run --quick`; see bench/README.md.
"""
