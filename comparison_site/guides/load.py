"""Load data/guides.yaml and data/releases.yaml: parse, schema-validate, cross-check, build the model.

Cross-file rules: framework keys must be frameworks of data/comparison.yaml, cookbook ids must be
tasks of data/tasks.yaml, and every ecosystem package needs a release record in data/releases.yaml.
Every problem names file, line, data path and a hint, like the other data files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..cross_checks import links_are_safe
from ..errors import DataError, DataProblem
from ..model import Source
from ..schema_check import schema_problems
from ..suggestions import did_you_mean
from ..yaml_source import YamlDocument, load_yaml_document
from .model import (
    Advisory,
    Alternative,
    Construct,
    CrosswalkRow,
    DeploymentOption,
    EcosystemNeed,
    FrameworkFact,
    Guides,
    Indicator,
    Package,
    Release,
    SecurityPolicy,
    Trap,
    Unverified,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_GUIDES = PROJECT_ROOT / "data" / "guides.yaml"
GUIDES_SCHEMA = PROJECT_ROOT / "data" / "guides.schema.json"
DEFAULT_RELEASES = PROJECT_ROOT / "data" / "releases.yaml"
RELEASES_SCHEMA = PROJECT_ROOT / "data" / "releases.schema.json"
REFRESH_HINT = "run `make refresh-releases` to read it from the registry"


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def _document(path: Path | str, schema: Path) -> YamlDocument:
    path = Path(path)
    document = load_yaml_document(path, display_name(path))
    problems = schema_problems(document, schema)
    if problems:
        raise DataError(problems)
    return document


# ------------------------------------------------------------------------------------ releases

def load_releases(path: Path | str = DEFAULT_RELEASES) -> dict[tuple[str, str], Release]:
    """(registry, name) -> Release; raise DataError if the file is broken or lists a package twice."""
    document = _document(path, RELEASES_SCHEMA)
    releases: dict[tuple[str, str], Release] = {}
    problems = []
    for index, record in enumerate(document.data["packages"]):
        key = (record["registry"], record["name"])
        if key in releases:
            problems.append(document.problem(("packages", index, "name"), f"{key[0]} package '{key[1]}' is listed twice",
                                             "keep one record per package (the refresh command writes one)"))
        releases[key] = Release(**record)
    if problems:
        raise DataError(problems)
    return releases


# -------------------------------------------------------------------------------- cross-checks

def _rows(data: dict, *keys) -> list:
    node = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, list) else []


def _unique_ids(document: YamlDocument) -> Iterator[DataProblem]:
    sections = [("crosswalk",), ("ecosystem",), ("deployment",), ("security", "advisories"), ("alternatives",)]
    for keys in sections:
        yield from _duplicates(document, keys, _rows(document.data, *keys))
    # Indicators and unverified indicators share the community page's anchors.
    community = [(("community", "indicators"), i, r) for i, r in enumerate(_rows(document.data, "community", "indicators"))]
    community += [(("community", "unverified"), i, r) for i, r in enumerate(_rows(document.data, "community", "unverified"))]
    seen: dict[str, tuple] = {}
    for keys, index, row in community:
        if row["id"] in seen:
            yield document.problem(keys + (index, "id"), f"duplicate id '{row['id']}' (first used on line "
                                   f"{document.location(seen[row['id']])[0]})", "ids must be unique on the community page")
        seen.setdefault(row["id"], keys + (index,))


def _duplicates(document: YamlDocument, keys: tuple, rows: list) -> Iterator[DataProblem]:
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row["id"] in seen:
            first = document.location(keys + (seen[row["id"]],))[0]
            yield document.problem(keys + (index, "id"), f"duplicate id '{row['id']}' (first used on line {first})",
                                   "ids must be unique within a section: rename one of them")
        seen.setdefault(row["id"], index)


def _framework_references(document: YamlDocument, frameworks: list[str]) -> Iterator[DataProblem]:
    """Every place that names a framework: keys of per-framework maps and framework fields."""
    data = document.data
    places: list[tuple[tuple, str]] = []
    for section, field_name in [("crosswalk", "frameworks"), ("ecosystem", "packages"), ("deployment", "frameworks")]:
        for index, row in enumerate(_rows(data, section)):
            places += [((section, index, field_name, key), key) for key in row[field_name]]
    for index, row in enumerate(_rows(data, "crosswalk")):
        for position, trap in enumerate(row.get("traps", [])):
            places += [(("crosswalk", index, "traps", position, end), trap[end]) for end in ("from", "to")]
    for keys in [("security", "advisories"), ("security", "policies"), ("community", "indicators")]:
        places += [(keys + (index, "framework"), row["framework"]) for index, row in enumerate(_rows(data, *keys))]
    for index, row in enumerate(_rows(data, "alternatives")):
        places += [(("alternatives", index, "instead_of", position), key) for position, key in enumerate(row["instead_of"])]
    for path, framework_id in places:
        if framework_id not in frameworks:
            yield document.problem(path, f"unknown framework '{framework_id}'",
                                   f"{did_you_mean(framework_id, frameworks)}use a framework id from data/comparison.yaml: "
                                   f"{', '.join(frameworks)}")


def _traps_have_two_ends(document: YamlDocument) -> Iterator[DataProblem]:
    for index, row in enumerate(_rows(document.data, "crosswalk")):
        for position, trap in enumerate(row.get("traps", [])):
            if trap["from"] == trap["to"]:
                yield document.problem(("crosswalk", index, "traps", position, "to"),
                                       f"a trap from '{trap['from']}' to itself", "a porting trap needs two different frameworks")
            for end in ("from", "to"):
                if trap[end] not in row["frameworks"]:
                    yield document.problem(("crosswalk", index, "traps", position, end),
                                           f"the row has no construct for '{trap[end]}'",
                                           f"add '{trap[end]}:' under this row's frameworks first")


def _cookbook_references(document: YamlDocument, task_ids: set[str]) -> Iterator[DataProblem]:
    for index, row in enumerate(_rows(document.data, "crosswalk")):
        for position, task_id in enumerate(row.get("cookbook", [])):
            if task_id not in task_ids:
                yield document.problem(("crosswalk", index, "cookbook", position), f"unknown cookbook task '{task_id}'",
                                       f"{did_you_mean(task_id, task_ids)}use a task id from data/tasks.yaml: "
                                       f"{', '.join(sorted(task_ids))}")


def _releases_recorded(document: YamlDocument, releases: dict) -> Iterator[DataProblem]:
    for index, need in enumerate(_rows(document.data, "ecosystem")):
        for framework_id, packages in need["packages"].items():
            for position, package in enumerate(packages):
                if (package["registry"], package["name"]) not in releases:
                    yield document.problem(("ecosystem", index, "packages", framework_id, position, "name"),
                                           f"no release data for {package['registry']} package '{package['name']}' "
                                           f"in data/releases.yaml", REFRESH_HINT)


# ----------------------------------------------------------------------------------- the model

def _sources(items) -> tuple[Source, ...]:
    return tuple(Source(s["title"], s["url"], s.get("accessed")) for s in items)


def build_guides(document: YamlDocument, framework_names: dict[str, str],
                 releases: dict[tuple[str, str], Release]) -> Guides:
    data = document.data

    def line(*path) -> int:
        return document.location(path)[0]

    def meta(row: dict) -> dict:
        return {"basis": row.get("basis", "documented"), "last_verified": row.get("last_verified")}

    crosswalk = tuple(
        CrosswalkRow(
            id=r["id"], topic=r["topic"], concept=r["concept"],
            frameworks={k: Construct(v["construct"], v.get("note")) for k, v in r["frameworks"].items()},
            sources=_sources(r["sources"]), cookbook=tuple(r.get("cookbook", ())),
            traps=tuple(Trap(t["from"], t["to"], t["text"]) for t in r.get("traps", ())),
            line=line("crosswalk", i), **meta(r))
        for i, r in enumerate(data["crosswalk"]))
    ecosystem = tuple(
        EcosystemNeed(
            id=r["id"], need=r["need"], note=r.get("note"), line=line("ecosystem", i), **meta(r),
            packages={k: tuple(Package(p["registry"], p["name"], p["role"], _sources(p["sources"]),
                                       releases.get((p["registry"], p["name"])),
                                       _sources(p.get("deprecated", {}).get("sources", ())),
                                       p.get("deprecated", {}).get("since")) for p in v)
                      for k, v in r["packages"].items()})
        for i, r in enumerate(data["ecosystem"]))
    deployment = tuple(
        DeploymentOption(id=r["id"], kind=r["kind"], title=r["title"], line=line("deployment", i), **meta(r),
                         frameworks={k: FrameworkFact(v["summary"], _sources(v["sources"])) for k, v in r["frameworks"].items()})
        for i, r in enumerate(data["deployment"]))
    security = data["security"]
    advisories = tuple(
        Advisory(**{**a, "sources": _sources(a["sources"])}, line=line("security", "advisories", i))
        for i, a in enumerate(security["advisories"]))
    policies = tuple(
        SecurityPolicy(**{**p, "sources": _sources(p["sources"])}, line=line("security", "policies", i))
        for i, p in enumerate(security["policies"]))
    alternatives = tuple(
        Alternative(**{**a, "instead_of": tuple(a["instead_of"]), "sources": _sources(a["sources"])},
                    line=line("alternatives", i))
        for i, a in enumerate(data["alternatives"]))
    indicators = tuple(
        Indicator(**{**x, "sources": _sources(x["sources"])}, line=line("community", "indicators", i))
        for i, x in enumerate(data["community"]["indicators"]))
    unverified = tuple(Unverified(**u, line=line("community", "unverified", i))
                       for i, u in enumerate(data["community"]["unverified"]))
    return Guides(document.file, data["last_verified"], data["maintenance"]["unmaintained_after_days"],
                  dict(framework_names), crosswalk, ecosystem, deployment, policies, advisories, alternatives,
                  indicators, unverified, advisories_since=security.get("since"), raw=data)


def _default_framework_names() -> dict[str, str]:
    from ..load import load_comparison

    return {f.id: f.name for f in load_comparison().frameworks}


def _default_task_ids() -> set[str]:
    from ..cookbook import load_tasks

    return {task.id for task in load_tasks().tasks}


def load_guides(path: Path | str = DEFAULT_GUIDES, releases_path: Path | str = DEFAULT_RELEASES,
                framework_names: dict[str, str] | None = None, task_ids: set[str] | None = None) -> Guides:
    """Return the validated guides model; raise DataError listing every problem.

    `framework_names` (id -> name, in display order) and `task_ids` default to those of the
    site's data/comparison.yaml and data/tasks.yaml; the site passes the ones it builds with.
    """
    document = _document(path, GUIDES_SCHEMA)
    releases = load_releases(releases_path)
    framework_names = _default_framework_names() if framework_names is None else framework_names
    task_ids = _default_task_ids() if task_ids is None else task_ids
    problems = [
        *_unique_ids(document),
        *_framework_references(document, list(framework_names)),
        *_traps_have_two_ends(document),
        *_cookbook_references(document, task_ids),
        *_releases_recorded(document, releases),
        *links_are_safe(document),
    ]
    if problems:
        raise DataError(problems)
    return build_guides(document, framework_names, releases)


def check_guides(comparison, cookbook, files: dict) -> None:
    """The guides' checks against the other data files, for site_data's cross-file step: raise
    DataError listing every problem. Schema problems are left to the per-file step (no repeats)."""
    guides_file = files.get("guides")
    if guides_file is None or not Path(guides_file.path).exists():
        return
    if schema_problems(load_yaml_document(guides_file.path, guides_file.display), GUIDES_SCHEMA):
        return
    releases_file = files.get("releases")
    load_guides(guides_file.path, releases_file.path if releases_file else DEFAULT_RELEASES,
                {f.id: f.name for f in comparison.frameworks}, {t.id for t in cookbook.tasks})
