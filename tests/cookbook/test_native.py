"""Each snippet's framework-native tests: pytest with app.test_client(), node:test with supertest.

They run in their own processes, as a reader would run them, so snippet imports and environment
variables never leak into this test session.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def test_flask_snippet_tests_pass():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "snippets/flask/tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, f"pytest snippets/flask/tests failed:\n{result.stdout}\n{result.stderr}"
    assert " passed" in result.stdout


def test_express_snippet_tests_pass():
    express = ROOT / "snippets" / "express"
    node = ROOT / "node_modules" / ".bin" / "node"
    if not node.exists():
        pytest.fail("the pinned Node.js is missing; run `make install`")
    assert (express / "node_modules").is_dir(), "run `npm ci` in snippets/express first"
    result = subprocess.run(
        [str(node), "--test", "--test-reporter=tap", "test/"], cwd=express, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"node --test failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
