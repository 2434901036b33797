"""The registry parsers and data/releases.yaml writer, on recorded registry answers (no network)."""

from __future__ import annotations

import datetime
import json

import pytest

from comparison_site.errors import DataError
from comparison_site.guides.load import load_releases
from comparison_site.guides.model import Guides, Release
from comparison_site.guides.releases import (
    RegistryDataError,
    packages_named_in,
    parse_npm,
    parse_pypi,
    refresh,
    render_releases_yaml,
)

from .conftest import FIXTURES

RECORDED = FIXTURES / "registry"


def recorded(name: str) -> dict:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def test_pypi_last_release_is_the_newest_upload_and_version_the_latest():
    release = parse_pypi("Flask-Login", recorded("pypi-flask-login.json"), "2026-11-22")
    assert (release.latest_version, release.last_release) == ("0.6.3", "2023-10-30")
    assert release.source == "https://pypi.org/pypi/Flask-Login/json"
    assert release.original_dates


def test_pypi_yanked_files_do_not_count_as_releases():
    payload = recorded("pypi-flask-login.json")
    for file in payload["releases"]["0.6.3"]:
        file["yanked"] = True
    assert parse_pypi("Flask-Login", payload, "2026-11-22").last_release == "2022-07-25"


def test_npm_mirror_times_are_recorded_as_not_original():
    release = parse_npm("helmet", recorded("npm-helmet-mirror.json"), "2026-11-22")
    assert release.latest_version == "8.3.0"
    assert release.original_dates is False
    # The mirror "published" 0.0.5 in 2026: exactly why these dates are not shown as release dates.
    assert release.last_release == "2026-07-12"


def test_npm_upstream_shape_gives_original_dates_and_deprecation():
    payload = recorded("npm-helmet-mirror.json")
    payload["time"].update({"created": "2012-01-01T00:00:00.000Z", "modified": "2026-07-12T02:17:55.000Z"})
    payload["deprecated"] = "use something else"
    release = parse_npm("helmet", payload, "2026-11-22")
    assert release.original_dates and release.deprecated
    assert release.last_release == "2026-07-12"  # `modified` is not a release


@pytest.mark.parametrize("payload", [{}, {"info": {"version": "1"}}, {"info": {"version": "1"}, "releases": {}}])
def test_pypi_answers_without_the_needed_fields_are_refused(payload):
    with pytest.raises(RegistryDataError):
        parse_pypi("x", payload, "2026-11-22")


def test_npm_answer_without_dist_tags_is_refused():
    with pytest.raises(RegistryDataError, match="dist-tags"):
        parse_npm("x", {"time": {"1.0.0": "2020-01-01T00:00:00Z"}}, "2026-11-22")


def test_written_file_passes_its_schema_and_reads_back(tmp_path):
    releases = [parse_pypi("Flask-Login", recorded("pypi-flask-login.json"), "2026-11-22"),
                parse_npm("helmet", recorded("npm-helmet-mirror.json"), "2026-11-22")]
    path = tmp_path / "releases.yaml"
    path.write_text(render_releases_yaml(releases), encoding="utf-8")
    loaded = load_releases(path)
    assert loaded[("pypi", "Flask-Login")] == releases[0]
    assert loaded[("npm", "helmet")] == releases[1]


def test_a_package_listed_twice_is_a_located_error(tmp_path):
    release = parse_pypi("Flask-Login", recorded("pypi-flask-login.json"), "2026-11-22")
    path = tmp_path / "releases.yaml"
    path.write_text(render_releases_yaml([release, release]), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_releases(path)
    assert "releases.yaml:" in str(error.value) and "listed twice" in str(error.value)


GUIDES_WITH_TWO_PACKAGES = """\
ecosystem:
  - id: auth
    packages:
      flask: [{registry: pypi, name: Flask-Login}]
      express: [{registry: npm, name: helmet}, {registry: pypi, name: Flask-Login}]
"""


def test_refresh_reads_each_package_once_and_keeps_old_records_on_failure(tmp_path):
    guides = tmp_path / "guides.yaml"
    guides.write_text(GUIDES_WITH_TWO_PACKAGES, encoding="utf-8")
    assert packages_named_in(guides) == [("pypi", "Flask-Login"), ("npm", "helmet")]
    old = Release("npm", "helmet", "8.0.0", "2025-01-01", "2025-06-01", "https://www.npmjs.com/package/helmet")
    calls = []

    def pypi(name):
        calls.append(name)
        return recorded("pypi-flask-login.json")

    def npm_down(name):
        raise OSError("registry unreachable")

    parsers = {"pypi": (pypi, parse_pypi), "npm": (npm_down, parse_npm)}
    releases, warnings = refresh(guides, tmp_path / "releases.yaml", datetime.date(2026, 11, 22), parsers,
                                 previous={("npm", "helmet"): old})
    assert calls == ["Flask-Login"]
    assert releases[1] is old
    assert warnings == ["npm helmet: registry unreachable; kept the previous record"]


def _guides(days: int) -> Guides:
    return Guides("data/guides.yaml", "2026-11-22", days, {"flask": "Flask"}, (), (), (), (), (), (), (), ())


@pytest.mark.parametrize("last_release, expected", [("2024-11-22", "maintained"), ("2024-11-21", "unmaintained")])
def test_the_unmaintained_rule_counts_days_before_the_read_date(last_release, expected):
    release = Release("pypi", "x", "1.0", last_release, "2026-11-22", "https://pypi.org/pypi/x/json")
    assert release.days_without_release() in (730, 731)
    assert _guides(730).maintenance(release) == expected


def test_deprecated_is_unmaintained_and_mirror_dates_are_not_assessed():
    fresh = dict(registry="npm", name="x", latest_version="1.0", last_release="2026-11-01", read_on="2026-11-22",
                 source="https://www.npmjs.com/package/x")
    assert _guides(730).maintenance(Release(**fresh, deprecated=True)) == "unmaintained"
    assert _guides(730).maintenance(Release(**fresh, original_dates=False)) == "not-assessed"
    assert _guides(730).maintenance(None) == "not-assessed"
