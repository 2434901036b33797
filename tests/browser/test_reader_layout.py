"""Each kind of page at phone (390 px) and desktop (1280 px) width, light and dark: nothing wider
than the screen, no copy button over code, and screenshots in artifacts/screenshots/ for people
to look at (reader-<kind>-<width>-<scheme>.png: the first screen, plus the first table and code
block of the page where it has them)."""

from __future__ import annotations

import pytest

from .test_accessibility import open_in_scheme

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}

# Page kind -> how to find one in the build (a path, or a folder whose first page is taken).
KINDS = {
    "home": "",
    "comparison-overview": "comparison/",
    "comparison-category": "comparison/*/",
    "framework": "flask/",
    "use-cases": "use-cases/",
    "claims": "claims-checked/",
    "cookbook-index": "cookbook/",
    "cookbook-task": "cookbook/*/",
    "porting-guide": "porting-guide/",
    "porting-topic": "porting-guide/*/",
    "benchmarks": "benchmarks/",
    "sources": "sources/",
    "data-reference": "data-reference/",
}

LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px content in ${width}px`);
  for (const wrap of document.querySelectorAll('.md-typeset__scrollwrap')) {
    if (wrap.offsetParent && wrap.scrollWidth > wrap.clientWidth + 1) {
      const header = [...wrap.querySelectorAll('th')].map(th => th.textContent.trim()).join(' | ');
      problems.push(`table wider than its column (${wrap.scrollWidth}px in ${wrap.clientWidth}px): ${header}`);
    }
  }
  // The copy button must not cover the first line of its code block. Every block has been on
  // screen (MOUNT_EVERY_CODE_BLOCK), so each has its button.
  for (const pre of document.querySelectorAll('article pre')) {
    const nav = pre.querySelector(':scope > .md-code__nav'), code = pre.querySelector(':scope > code');
    if (!code || !pre.offsetParent) continue;
    if (!nav) { problems.push(`no copy button on a code block: ${code.textContent.trim().slice(0, 60)}`); continue; }
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT, n => n.textContent.trim() ? 1 : 3);
    const first = walker.nextNode();
    if (!first) continue;
    const range = document.createRange();
    range.selectNodeContents(first);
    const line = range.getClientRects()[0], button = nav.getBoundingClientRect();
    if (line && line.top < button.bottom && line.bottom > button.top && line.right > button.left)
      problems.push(`copy button over the first line of code: ${first.textContent.trim().slice(0, 60)}`);
  }
  return problems;
}"""


# Material mounts a code block (its copy button) when the block first scrolls into view
# (`content.lazy`): each block is brought on screen, so the check covers the whole page.
MOUNT_EVERY_CODE_BLOCK = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 30)));
  for (const pre of document.querySelectorAll('article pre')) {
    if (!pre.offsetParent) continue;
    pre.scrollIntoView({block: 'center'});
    for (let tries = 0; tries < 20 && !pre.querySelector(':scope > .md-code__nav'); tries++) await frame();
  }
  window.scrollTo(0, 0);
  await frame();
}"""


def find_page(site, pattern: str) -> str:
    if "*" not in pattern:
        return pattern
    folder = site.directory / pattern.split("*")[0]
    first = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())[0]
    return f"{first.relative_to(site.directory).as_posix()}/"


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen_and_are_photographed(served_site, page, screenshots, width):
    page.set_viewport_size(WIDTHS[width])
    problems = []
    for mode, scheme in SCHEMES.items():
        page.emulate_media(color_scheme="dark" if mode == "dark" else "light")
        for kind, pattern in KINDS.items():
            href = find_page(served_site, pattern)
            open_in_scheme(page, served_site.url(href), scheme)
            page.evaluate(MOUNT_EVERY_CODE_BLOCK)
            problems += [f"/{href} at {width} width, {mode}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
            stem = f"reader-{kind}-{WIDTHS[width]['width']}-{mode}"
            page.screenshot(path=str(screenshots / f"{stem}.png"))
            for part, selector in (("table", ".md-typeset__table"), ("code", "pre")):
                element = page.locator(f"article.md-content__inner {selector}").first
                if element.count() and element.is_visible():
                    element.scroll_into_view_if_needed()
                    element.screenshot(path=str(screenshots / f"{stem}-{part}.png"))
    assert not problems, "layout problems:\n" + "\n".join(problems)
