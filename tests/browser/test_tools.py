"""The export and offline tools without a browser: configs in step, clear errors, cover facts."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from mkdocs.utils.yaml import yaml_load

from tools import chromium, export_pdf, offline_site
from tools.static_server import site_path_prefix

from ..conftest import ROOT


def load(name: str) -> dict:
    with open(ROOT / name, encoding="utf-8") as stream:
        return yaml_load(stream)


def plugin_names(config: dict) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]


@pytest.mark.parametrize("variant", ["mkdocs.print.yml", "mkdocs.offline.yml"])
def test_variant_configs_repeat_the_main_lists_before_adding_to_them(variant):
    # MkDocs' INHERIT replaces lists, so the variants copy them; a plugin or hook added to
    # mkdocs.yml and not to a variant would silently be missing from the PDF or the offline copy.
    main, other = load("mkdocs.yml"), load(variant)
    assert other["plugins"][: len(main["plugins"])] == main["plugins"]
    assert other["hooks"][: len(main["hooks"])] == main["hooks"]
    assert other.get("extra_css", [])[: len(main.get("extra_css", []))] == main.get("extra_css", [])


def test_print_site_is_the_last_plugin_of_the_print_config():
    assert plugin_names(load("mkdocs.print.yml"))[-1] == "print-site"


def test_offline_config_ships_the_search_worker_polyfill_locally():
    polyfills = load("mkdocs.offline.yml")["extra"]["polyfills"]
    assert polyfills and not any("://" in url for url in polyfills)
    assert "navigation.instant" not in load("mkdocs.offline.yml")["theme"].get("features", [])


def test_missing_chromium_is_reported_with_the_package_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(chromium.CHROMIUM_ENV_VAR, str(tmp_path / "no-such-chromium"))
    with pytest.raises(chromium.ChromiumUnavailable, match="apt-get install chromium"):
        chromium.find_chromium()
    started = time.monotonic()
    assert export_pdf.main(["--output", str(tmp_path / "out.pdf")]) == 1
    assert time.monotonic() - started < 10, "the export should stop at once, before building anything"
    # Its last-resort deadline must end with it: a timer left running would end this very process
    # (os._exit) ten minutes later, in the middle of other tests.
    timers = [thread for thread in threading.enumerate() if isinstance(thread, threading.Timer)]
    for timer in timers:
        timer.join(timeout=2)
    assert not any(timer.is_alive() for timer in timers), "export_pdf.main left its deadline timer running"
    assert "install it with: apt-get install chromium" in capsys.readouterr().err
    assert not (tmp_path / "out.pdf").exists()


def test_offline_build_without_npm_packages_says_to_run_npm_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(offline_site, "SHIM", tmp_path / "missing" / "index.js")
    monkeypatch.setattr(offline_site, "ROOT", tmp_path)
    with pytest.raises(offline_site.OfflineBuildError, match="npm ci"):
        offline_site.build_offline_site(tmp_path / "site")


@pytest.mark.parametrize(("site_url", "prefix"), [
    ("https://flask-vs-express.github.io/flask-vs-express/", "/flask-vs-express/"),
    ("https://example.org/docs", "/docs/"), ("https://example.org", "/"), (None, "/")])
def test_site_path_prefix(site_url, prefix):
    assert site_path_prefix(site_url) == prefix


def test_cover_facts_outside_git_say_unknown_revision(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import print_cover_hook
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert print_cover_hook.data_revision(tmp_path) == "unknown"
    from comparison_site.load import load_comparison
    comparison = load_comparison()
    facts = print_cover_hook.cover_facts(comparison, "abc1234", "2026-01-02")
    assert [v["name"] for v in facts["versions"]] == [f.name for f in comparison.frameworks]
    assert [v["version"] for v in facts["versions"]] == [f.verified_version for f in comparison.frameworks]
    assert facts["revision"] == "abc1234" and facts["build_date"] == "2026-01-02"


def test_export_script_runs_as_a_command():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "export_pdf.py"), "--help"],
                            capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert result.returncode == 0 and "--output" in result.stdout
