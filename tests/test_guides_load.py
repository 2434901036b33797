"""data/guides.yaml: the real file loads; each broken reference is one located problem with a hint."""

from __future__ import annotations

import re

import pytest

from comparison_site.errors import DataError
from comparison_site.guides import load_guides

from .conftest import ROOT
from .guides_sample import FRAMEWORKS, TASKS, sample, write


def load(tmp_path, guides, releases, frameworks=FRAMEWORKS, tasks=TASKS):
    guides_path, releases_path = write(tmp_path, guides, releases)
    return load_guides(guides_path, releases_path, frameworks, tasks)


def problems(tmp_path, guides, releases, **kwargs) -> list:
    with pytest.raises(DataError) as error:
        load(tmp_path, guides, releases, **kwargs)
    return error.value.problems


def test_the_real_data_loads_with_enough_rows():
    tasks = set(re.findall(r"^  - id: (\S+)", (ROOT / "data/tasks.yaml").read_text(encoding="utf-8"), re.M))
    guides = load_guides(framework_names=FRAMEWORKS, task_ids=tasks)
    assert len(guides.crosswalk) >= 30
    assert all(row.cookbook for row in guides.crosswalk)  # every row links to the code that shows it
    assert {"auth", "orm-migrations", "validation", "forms-csrf", "rate-limiting", "security-headers", "caching",
            "task-queues", "websockets", "openapi", "logging", "testing"} <= {n.id for n in guides.ecosystem}
    assert all(p.release for n in guides.ecosystem for ps in n.packages.values() for p in ps)
    assert {o.kind for o in guides.deployment} == {"production-server", "container", "platform", "serverless-edge",
                                                  "reverse-proxy", "process-manager"}
    assert {p.framework for p in guides.policies} == {"flask", "express"}
    assert {a.id for a in guides.alternatives} == {"fastapi", "django", "quart", "fastify", "koa", "hono", "nestjs"}


def test_sample_loads(tmp_path):
    guides = load(tmp_path, *sample())
    assert guides.crosswalk[0].traps[0].source_framework == "flask"
    assert guides.ecosystem[0].packages["flask"][0].release.latest_version == "0.6.3"


@pytest.mark.parametrize("mutate, path, message", [
    (lambda g, r: g["crosswalk"][0]["frameworks"].update(django={"construct": "x"}),
     "crosswalk[id=route-declaration].frameworks.django", "unknown framework 'django'"),
    (lambda g, r: g["crosswalk"][0]["cookbook"].append("no-such-task"),
     "crosswalk[id=route-declaration].cookbook[1]", "unknown cookbook task 'no-such-task'"),
    (lambda g, r: g["crosswalk"][0]["traps"][0].update(to="flask"),
     "crosswalk[id=route-declaration].traps[0].to", "a trap from 'flask' to itself"),
    (lambda g, r: g["crosswalk"][1].update(traps=[{"from": "express", "to": "flask", "text": "x"}]),
     "crosswalk[id=path-parameters].traps[0].from", "the row has no construct for 'express'"),
    (lambda g, r: r["packages"].pop(0),
     "ecosystem[id=auth].packages.flask[0].name", "no release data for pypi package 'Flask-Login'"),
    (lambda g, r: g["crosswalk"][1].update(id="route-declaration"),
     "crosswalk[1].id", "duplicate id 'route-declaration'"),  # ambiguous ids are named by position
    (lambda g, r: g["security"]["advisories"][1].update(framework="rails"),
     "security.advisories[id=GHSA-rv95-896h-c2vc].framework", "unknown framework 'rails'"),
    (lambda g, r: g["alternatives"][0].update(instead_of=["flask", "spring"]),
     "alternatives[id=quart].instead_of[1]", "unknown framework 'spring'"),
    (lambda g, r: g["community"]["unverified"][0].update(id="downloads"),
     "community.unverified[id=downloads].id", "duplicate id 'downloads'"),
    (lambda g, r: g["crosswalk"][0]["traps"][0].update(text="[x](javascript:alert(1))"),
     "crosswalk[id=route-declaration].traps[0].text", "link target 'javascript:alert(1' is not allowed"),
])
def test_each_broken_reference_is_one_located_problem(tmp_path, mutate, path, message):
    guides, releases = sample()
    mutate(guides, releases)
    found = problems(tmp_path, guides, releases)
    assert len(found) == 1, [str(p) for p in found]
    problem = found[0]
    assert problem.file.endswith("guides.yaml") and problem.line > 0
    assert problem.path.replace(" ", "") == path, problem.path
    assert message in problem.message
    assert problem.hint


def test_schema_errors_name_the_field(tmp_path):
    guides, releases = sample()
    guides["security"]["advisories"][0]["id"] = "CVE-2023-30861"
    guides["ecosystem"][0]["packages"]["flask"][0]["registry"] = "maven"
    found = {p.path: p for p in problems(tmp_path, guides, releases)}
    assert "expected one of 'pypi', 'npm', got 'maven'" in found["ecosystem[id=auth].packages.flask[0].registry"].message
    advisory = found["security.advisories[id=CVE-2023-30861].id"]
    assert "GHSA-xxxx-xxxx-xxxx" in advisory.hint and advisory.line > 0


def test_every_entry_must_carry_its_own_date(tmp_path):
    guides, releases = sample()
    del guides["security"]["advisories"][1]["last_verified"]
    [problem] = problems(tmp_path, guides, releases)
    assert problem.path == "security.advisories[id=GHSA-rv95-896h-c2vc]" and "last_verified" in problem.message


def test_a_framework_added_to_the_comparison_needs_no_guides_data(tmp_path):
    guides = load(tmp_path, *sample(), frameworks={**FRAMEWORKS, "fastapi": "FastAPI"})
    assert list(guides.framework_names) == ["flask", "express", "fastapi"]


def test_stale_report_lists_old_entries_and_old_registry_reads(tmp_path):
    import datetime

    from comparison_site.guides.stale import stale_guide_items

    guides, releases = sample()
    guides["crosswalk"][1]["last_verified"] = "2025-01-01"
    releases["packages"][0]["read_on"] = "2025-01-01"
    items = stale_guide_items(load(tmp_path, guides, releases), datetime.date(2026, 11, 22), 365)
    assert [item.what for item in items] == ["porting guide 'path-parameters'", "ecosystem 'auth' package 'Flask-Login'"]
    assert "make refresh-releases" in items[1].reason and items[0].line > 0


def test_make_validate_reports_a_broken_guides_reference(tmp_path):
    """`python -m comparison_site validate` (what `make validate` runs) runs the guides' cross-file checks."""
    import os
    import subprocess
    import sys

    text = (ROOT / "data/guides.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "guides.yaml"
    broken.write_text(text.replace("cookbook: [file-upload]", "cookbook: [file-uplaod]", 1), encoding="utf-8")
    env = dict(os.environ, FVX_GUIDES_DATA=str(broken))
    result = subprocess.run([sys.executable, "-m", "comparison_site", "validate"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert re.search(r"guides\.yaml:\d+:\d+: crosswalk\[id=file-uploads\]\.cookbook\[0\]: unknown cookbook task "
                     r"'file-uplaod'", result.stderr), result.stderr[-2000:]
