"""Fixtures for the browser and PDF tests: one PDF export, one offline build, one served site and one
headless Chromium per test session (each is slow to make; the tests only read them)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.chromium import ChromiumUnavailable, browser_context, find_chromium
from tools.export_pdf import export
from tools.offline_site import build_offline_site
from tools.static_server import published_prefix, serve_directory

from ..conftest import ROOT
from .site_pages import NavPage, nav_pages

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


def _require_chromium() -> None:
    # Fail (not skip) without Chromium: skipping would hide that nothing was checked. CI installs it.
    try:
        find_chromium()
    except ChromiumUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def exported_pdf(tmp_path_factory) -> tuple[Path, Path]:
    """(the PDF, the print build it was printed from), made once with the real exporter."""
    _require_chromium()
    scratch = tmp_path_factory.mktemp("pdf")
    pdf, site = scratch / "flask-vs-express.pdf", scratch / "print-site"
    export(pdf, keep_site=site)
    yield pdf, site
    shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class SiteUnderTest:
    """A built site as the browser reaches it: its files, its base URL and what counts as inside it."""

    name: str
    directory: Path
    base_url: str
    pages: list[NavPage] = field(default_factory=list)

    def url(self, page: NavPage | str) -> str:
        href = page.href if isinstance(page, NavPage) else page
        if self.base_url.startswith("file:") and (href == "" or href.endswith("/")):
            href += "index.html"  # no server to pick index.html for a folder
        return self.base_url + href

    def is_inside(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return True  # made by the page itself (inline images, the file:// search worker shim)
        return url.startswith(self.base_url)


@pytest.fixture(scope="session")
def served_site(built_site) -> SiteUnderTest:
    """The ordinary build (mkdocs.yml) served over HTTP under its published path, like GitHub Pages."""
    with serve_directory(built_site, published_prefix(ROOT / "mkdocs.yml")) as base_url:
        yield SiteUnderTest("served", built_site, base_url, nav_pages(built_site))


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> SiteUnderTest:
    """The offline copy (mkdocs.offline.yml), opened from file:// with no server."""
    destination = tmp_path_factory.mktemp("offline") / "site"
    build_offline_site(destination)
    yield SiteUnderTest("offline", destination, destination.as_uri() + "/", nav_pages(destination))
    shutil.rmtree(destination.parent, ignore_errors=True)


@pytest.fixture(params=["served", "offline"])
def site(request) -> SiteUnderTest:
    return request.getfixturevalue(f"{request.param}_site")


class RecordingBrowser:
    """One Chromium for the session. Every request any page makes is recorded; anything not on
    127.0.0.1 or file:// is also aborted, so a failing test cannot reach the network either."""

    def __init__(self, context):
        self.context = context
        self.requests: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.route("**/*", self._only_local)

    @staticmethod
    def _only_local(route):
        url = route.request.url
        local = url.startswith(("file:", "data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1"
        route.continue_() if local else route.abort()

    def new_page(self):
        """A fresh tab with console errors collected in `page.errors`."""
        page = self.context.new_page()
        page.errors = []
        page.on("console", lambda message: message.type == "error" and page.errors.append(
            f"{message.text} ({message.location.get('url')})"))
        page.on("pageerror", lambda error: page.errors.append(f"uncaught: {error}"))
        return page


@pytest.fixture(scope="module")  # module, not session: the PDF export starts its own Playwright,
def browser():                   # and two sync Playwrights cannot run in one thread at once
    _require_chromium()
    with browser_context(viewport=VIEWPORT, color_scheme="light", service_workers="block") as context:
        yield RecordingBrowser(context)


@pytest.fixture
def page(browser):
    """A tab whose every page load starts from the default (light) palette and the first tab:
    Material keeps both choices in localStorage, which the session's browser profile shares."""
    tab = browser.new_page()
    tab.add_init_script("try { localStorage.clear() } catch (error) {}")
    browser.requests.clear()
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
