"""Error corpus: each common way of breaking the data file, and the message it must produce.

Every case starts from the valid fixture, applies one edit a contributor might make, and checks
that the error names the file, the line, the data path, and says what was expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from comparison_site.errors import DataError
from comparison_site.load import load_comparison

from .conftest import MINIMAL, line_of

BASE = MINIMAL.read_text(encoding="utf-8")


# (case id, text to replace, replacement, needle locating the expected line, expected path, words)
CASES = [
    ("missing-source-list", "        sources:\n          - title: Express LICENSE\n            url: https://github.com/expressjs/express/blob/master/LICENSE\n",
     "        sources: []\n", "sources: []", "criteria[id=licence].values.express.sources", "at least 1 item"),
    ("missing-summary", "        summary: Node event loop.\n", "", ("      express:", 2), "criteria[id=request-model].values.express",
     "missing required field 'summary'"),
    ("unknown-category", "    category: identity\n", "    category: identiti\n", "category: identiti", "criteria[id=licence].category",
     "unknown category 'identiti'"),
    ("duplicate-criterion-id", "  - id: learning-curve\n", "  - id: licence\n", ("  - id: licence", 2), "criteria[2].id",
     "duplicate criterion id 'licence'"),
    ("framework-missing-value", "      express:\n        summary: Small API.\n        sources:\n          - title: Express hello world\n            url: https://expressjs.com/en/starter/hello-world.html\n",
     "", ("    values:", 3), "criteria[id=learning-curve].values", "no value for framework 'express'"),
    ("unknown-framework-value", "      express:\n        summary: MIT\n", "      expres:\n        summary: MIT\n", "expres:",
     "criteria[id=licence].values.expres", "unknown framework 'expres'"),
    ("ftp-source", "            url: https://github.com/pallets/flask/blob/main/LICENSE.txt\n",
     "            url: ftp://example.org/LICENSE\n", "ftp://", "criteria[id=licence].values.flask.sources[0].url", "not 'ftp:'"),
    ("typo-field", "    key_factor: true\n", "    key_factr: true\n", "key_factr", "criteria[id=licence].key_factr", "unknown field(s) 'key_factr'"),
    ("bad-verdict", '    verdict: "false"\n', "    verdict: wrong\n", "verdict: wrong", "claims[id=django-on-flask].verdict", "expected one of"),
    ("bad-date", "last_verified: 2026-11-01\n", "last_verified: 2026-13-45\n", "last_verified: 2026-13-45", "last_verified",
     "not a valid date"),
    ("bad-id", "  - id: ml-api\n", "  - id: ML API\n", "id: ML API", "use_cases[0].id", "does not have the expected form"),
    ("unknown-framework-in-use-case", "    fit: {flask: fits, express: not-best}\n", "    fit: {flaks: fits, express: not-best}\n",
     "fit: {flaks", "use_cases[id=ml-api].fit.flaks", "unknown framework 'flaks'"),
    ("use-case-without-a-framework", "    fit: {flask: fits, express: not-best}\n", "    fit: {flask: fits}\n",
     "fit: {flask: fits}", "use_cases[id=ml-api].fit", "no fit given for framework 'express'"),
    ("javascript-link", "    answer: It depends on the workload.\n", "    answer: See [this](javascript:alert(1)).\n",
     "javascript:", "faq[id=which-is-faster].answer", "link target 'javascript:alert(1'"),
    ("image", "    why: One language.\n", "    why: One language ![x](https://example.org/x.png).\n", "![x]",
     "use_cases[id=full-stack-js].why", "image"),
    ("sources-not-a-list", "    sources:\n      - title: Django FAQ\n        url: https://docs.djangoproject.com/en/stable/faq/general/\n",
     "    sources: Django FAQ\n", "sources: Django FAQ", "claims[id=django-on-flask].sources", "expected a list"),
    ("duplicate-pro-con-id", "      - id: no-orm\n", "      - id: small-core\n", ("      - id: small-core", 2), "pros_and_cons.flask.cons[id=small-core].id",
     "duplicate pro/con id 'small-core'"),
    ("duplicate-key", "    licence: MIT\n", "    licence: MIT\n    licence: ISC\n", "licence: ISC", "frameworks[1].licence", "duplicate key"),
    ("tab-indentation", "    creator: TJ Holowaychuk\n", "\tcreator: TJ Holowaychuk\n", "\tcreator", "(YAML syntax)", "tab"),
    # The one URL rule (safe_urls.py) for every URL field: each reason named, at the URL's line.
    ("url-closes-markdown-link", "        url: https://github.com/pallets/flask/blob/main/CHANGES.rst\n",
     "        url: 'https://github.com/pallets/flask/x){: onclick=\"alert(1)\"}'\n", "){: onclick", "frameworks[id=flask].sources[0].url",
     "')' must be percent-encoded (%29)"),
    ("url-javascript-homepage", "    homepage: https://expressjs.com/\n", "    homepage: javascript:alert(1)\n",
     "homepage: javascript:", "frameworks[id=express].homepage", "only http and https URLs are allowed, not 'javascript:'"),
    ("url-quote-repository", "    repository: https://github.com/pallets/flask\n",
     "    repository: 'https://github.com/pallets/flask\"onmouseover=\"alert(1)'\n", "onmouseover",
     "frameworks[id=flask].repository", "must be percent-encoded (%22)"),
    ("url-with-space", "        url: https://github.com/expressjs/express/blob/master/History.md\n",
     "        url: https://github.com/expressjs/express/blob/master/History .md\n", "History .md",
     "frameworks[id=express].sources[0].url", "U+0020"),
    ("url-with-credentials", "    homepage: https://flask.palletsprojects.com/\n",
     "    homepage: https://flask.palletsprojects.com@evil.example/\n", "@evil", "frameworks[id=flask].homepage",
     "user name or password"),
    ("alias-in-data", "    homepage: https://expressjs.com/\n", "    homepage: *somewhere\n", "*somewhere",
     "(YAML policy)", "alias '*somewhere' is not allowed"),
    ("explicit-tag", "    licence: MIT\n", "    licence: !!python/name:os.system MIT\n", "!!python", "(YAML policy)",
     "explicit tag '!!python/name:os.system'"),
    ("snippet-include", "    creator: TJ Holowaychuk\n", '    creator: --8<-- "/proc/self/environ"\n', "--8<--",
     "(YAML policy)", "snippet-include marker"),
]


@pytest.mark.parametrize("case_id, old, new, needle, path, words", CASES, ids=[c[0] for c in CASES])
def test_broken_data_names_file_line_path_and_expectation(tmp_path: Path, case_id, old, new, needle, path, words):
    assert BASE.count(old) >= 1, f"fixture edit for {case_id} no longer applies"
    text = BASE.replace(old, new, 1)
    broken = tmp_path / "comparison.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_comparison(broken)
    matching = [p for p in caught.value.problems if p.path == path and words in p.message + " " + p.hint]
    assert matching, f"no problem at {path} mentioning {words!r}; got:\n{caught.value}"
    problem = matching[0]
    assert problem.file == str(broken)
    assert problem.line == line_of(text, needle), str(caught.value)
    assert problem.column >= 1
    assert f"{broken}:{problem.line}:{problem.column}: {path}:" in str(caught.value)


def test_every_problem_is_reported_at_once(tmp_path: Path):
    text = BASE.replace("    category: identity\n", "    category: nope\n").replace('    verdict: "false"\n', "    verdict: maybe\n")
    broken = tmp_path / "comparison.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_comparison(broken)
    paths = {p.path for p in caught.value.problems}
    assert {"criteria[id=licence].category", "claims[id=django-on-flask].verdict"} <= paths
    assert str(caught.value).startswith("2 problems in the data:")


def test_valid_fixture_loads():
    comparison = load_comparison(MINIMAL)
    assert [f.id for f in comparison.frameworks] == ["flask", "express"]
    assert comparison.criteria[1].values["flask"].details == "Async views still hold a worker."
