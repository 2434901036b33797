"""Test helper: the pages of a built site in navigation order, and the content tabs on a page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Links of the primary navigation: <a href="comparison/" class="md-nav__link"><span class="md-ellipsis">Comparison
NAV_LINK = re.compile(r'<a href="([^"#][^"]*|\.)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                      re.S)


@dataclass(frozen=True)
class NavPage:
    title: str
    href: str  # relative to the site root, as the site links it: "" for home, "comparison/" or "comparison.html"

    def file(self, site: Path) -> Path:
        return site / (self.href + "index.html" if self.href == "" or self.href.endswith("/") else self.href)

    @property
    def is_cookbook(self) -> bool:
        """The cookbook's overview or one of its task pages."""
        return self.href.startswith("cookbook")

    @property
    def is_cookbook_task(self) -> bool:
        return self.href.startswith("cookbook/") and self.href not in ("cookbook/", "cookbook/index.html")


def nav_pages(site: Path) -> list[NavPage]:
    """Every page in the site's navigation, in order, read from the built home page."""
    text = (site / "index.html").read_text(encoding="utf-8")
    start, end = text.index("md-nav--primary"), text.index("md-sidebar--secondary")
    pages, seen = [], set()
    for href, title in NAV_LINK.findall(text[start:end]):
        href = "" if href in (".", "./", "index.html") else href.removeprefix("./")
        if href.startswith(("http:", "https:")) or href in seen:
            continue
        seen.add(href)
        pages.append(NavPage(html.unescape(re.sub(r"<[^>]+>", "", title)).strip(), href))
    return pages


@dataclass
class Tab:
    label: str
    text: str = ""
    code: list[str] = field(default_factory=list)


class _TabbedSets(HTMLParser):
    """Collects the top-level pymdownx.tabbed sets of a page: labels, block text and code blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sets: list[list[Tab]] = []
        self._divs: list[str] = []  # classes of the open <div>s
        self._set_depth: int | None = None
        self._labels: list[str] = []
        self._in_label = False
        self._block: int = -1
        self._block_depth: int | None = None
        self._in_pre = False
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            self._divs.append(" ".join(classes))
            depth = len(self._divs)
            if "tabbed-set" in classes and self._set_depth is None:
                self._set_depth, self._labels, self._block = depth, [], -1
                self.sets.append([])
            elif "tabbed-block" in classes and self._set_depth is not None and depth == self._set_depth + 2:
                self._block += 1
                self._block_depth = depth
                label = self._labels[self._block] if self._block < len(self._labels) else f"tab {self._block + 1}"
                self.sets[-1].append(Tab(label))
        elif tag == "label" and self._set_depth is not None and self._block_depth is None:
            self._in_label = True
            self._labels.append("")
        elif tag == "pre":
            self._in_pre = True
        elif tag == "code" and self._block_depth is not None and self._in_pre:
            self._in_code = True
            self.sets[-1][-1].code.append("")

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            depth = len(self._divs)
            self._divs.pop()
            if depth == self._block_depth:
                self._block_depth = None
            if depth == self._set_depth:
                self._set_depth = None
        elif tag == "label":
            self._in_label = False
        elif tag == "pre":
            self._in_pre = False
        elif tag == "code":
            self._in_code = False

    def handle_data(self, data):
        if self._in_label:
            self._labels[-1] += data
        if self._block_depth is not None:
            tab = self.sets[-1][-1]
            tab.text += data
            if self._in_code:
                tab.code[-1] += data


def tabbed_sets(page_file: Path) -> list[list[Tab]]:
    """The content-tab sets of a built page; each set is its tabs in order, labels stripped."""
    parser = _TabbedSets()
    parser.feed(page_file.read_text(encoding="utf-8"))
    for tabs in parser.sets:
        for tab in tabs:
            tab.label = tab.label.strip()
    return parser.sets
