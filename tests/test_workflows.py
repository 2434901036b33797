"""The GitHub workflows run code from pull requests next to a token: pinned actions, no token left
in the checkout, and write permissions only where they are needed (the Pages deploy job)."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_tag_noted(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    uses = [step["uses"] for _, step in steps(workflow) if "uses" in step]
    assert uses
    for ref in uses:
        assert PINNED.match(ref), f"{path.name}: {ref} is not pinned to a commit SHA"
        assert re.search(re.escape(ref) + r"\s+#\s*v\d", text), f"{path.name}: say which tag {ref} is"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_checkout_does_not_keep_the_token(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    checkouts = [step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_the_token_only_reads_except_in_the_deploy_job(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow.get("permissions") == {"contents": "read"}, path.name
    for name, job in workflow["jobs"].items():
        granted = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
        if name == "deploy" and path.name == "deploy.yml":
            assert granted == {"pages", "id-token"}
            assert not any("run" in step for step in job["steps"]), "the deploy job must run no project code"
        else:
            assert not granted, f"{path.name}: job {name} may write {granted}"
