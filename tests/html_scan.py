"""Test helper: read built pages and find what a browser would load from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Attributes through which a browser fetches something when the page loads.
LOADING_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
    ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
    ("object", "data"), ("input", "src"), ("track", "src"), ("image", "href"), ("use", "href"),
}
# <link rel=...> values that make the browser fetch the href.
LOADING_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "preconnect", "dns-prefetch",
                     "modulepreload", "manifest", "apple-touch-icon", "mask-icon"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", re.IGNORECASE)


class Page(HTMLParser):
    """Collects tags with attributes, script bodies and visible text of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text_parts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text_parts).append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def external_loads(site: Path) -> list[str]:
    """Every URL outside the site that a browser would fetch when opening any built page."""
    found = []
    for html_file in site.rglob("*.html"):
        page = parse(html_file)
        for tag, attrs in page.tags:
            for attribute, value in attrs.items():
                if (tag, attribute) in LOADING_ATTRIBUTES and EXTERNAL.match(value):
                    found.append(f"{html_file.relative_to(site)}: <{tag} {attribute}={value}>")
            rels = set(attrs.get("rel", "").lower().split())
            if tag == "link" and rels & LOADING_LINK_RELS and EXTERNAL.match(attrs.get("href", "")):
                found.append(f"{html_file.relative_to(site)}: <link rel={attrs['rel']} href={attrs['href']}>")
            if EXTERNAL.match(attrs.get("style", "")) or CSS_URL.search(attrs.get("style", "") or ""):
                for match in CSS_URL.finditer(attrs["style"]):
                    url = match.group(1) or match.group(2)
                    if EXTERNAL.match(url):
                        found.append(f"{html_file.relative_to(site)}: style url({url})")
    for css_file in site.rglob("*.css"):
        for match in CSS_URL.finditer(css_file.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if EXTERNAL.match(url):
                found.append(f"{css_file.relative_to(site)}: url({url})")
    return found
