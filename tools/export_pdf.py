"""Export the whole site as one PDF: `make pdf` writes dist/flask-vs-express.pdf.

Steps: build the site with mkdocs.print.yml (the print-site plugin adds one page holding every
page in nav order, with a cover and a table of contents), serve that build on 127.0.0.1, open the
print page in the system's headless Chromium and print it with page numbers and a PDF outline.
Nothing is fetched from outside the local server: such a request is blocked and fails the export.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so that `python tools/export_pdf.py` finds the tools package

from tools.chromium import ChromiumUnavailable, browser_context, find_chromium  # noqa: E402
from tools.site_build import strict_build  # noqa: E402
from tools.static_server import configured_site_url, published_prefix, serve_directory  # noqa: E402

PRINT_CONFIG = ROOT / "mkdocs.print.yml"
DEFAULT_OUTPUT = ROOT / "dist" / "flask-vs-express.pdf"
PRINT_PAGE = "print_page/index.html"
# The whole export, build included, stops with an error after this long instead of hanging.
DEADLINE_S = 600

# Chromium fills these placeholders in the footer. The footer is rendered outside the page, so it
# needs its own styles and font size.
FOOTER_TEMPLATE = (
    '<div style="width:100%; font-size:8px; color:#555; padding:0 12mm; display:flex; '
    'justify-content:space-between; font-family:sans-serif;">'
    '<span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    "</div>"
)
PAGE_MARGINS = {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}


class ExportError(RuntimeError):
    """The export cannot go on; the message says why and what to do."""


def build_print_site(destination: Path) -> None:
    strict_build(PRINT_CONFIG, destination, "print build", ExportError)
    if not (destination / PRINT_PAGE).is_file():
        raise ExportError(f"the print build did not write {PRINT_PAGE}: is the print-site plugin in {PRINT_CONFIG.name}?")


def print_to_pdf(site: Path, output: Path) -> dict:
    """Print the built print page to `output`; returns what happened (page URL, blocked requests, errors)."""
    blocked: list[str] = []
    console_errors: list[str] = []
    with serve_directory(site, published_prefix(PRINT_CONFIG)) as base_url, browser_context(color_scheme="light") as context:
        origin = urlsplit(base_url).netloc

        def only_local(route):
            if urlsplit(route.request.url).netloc == origin:
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        page.goto(base_url + PRINT_PAGE, wait_until="load")
        # print-site.js copies the table of contents from the sidebar once the page has loaded.
        page.wait_for_selector("#print-page-toc nav ul", state="attached")
        # The footer shows the document title; the print page's own is "<page title> - <site name>".
        page.evaluate("document.title = document.querySelector('.fvx-cover__title').textContent.trim()")
        _links_to_the_published_site(page, base_url, configured_site_url(PRINT_CONFIG))
        page.emulate_media(media="print", color_scheme="light")
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".part")
        page.pdf(
            path=str(partial),
            format="A4",
            print_background=True,  # code and table header shading; print.css keeps them light
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER_TEMPLATE,
            margin=PAGE_MARGINS,
            outline=True,  # PDF bookmarks from the headings
            tagged=True,  # the outline is derived from the tagged structure
        )
        partial.replace(output)  # never leave a half-written PDF under the final name
    if blocked:
        raise ExportError("the print page tried to load from outside the site (blocked):\n  " + "\n  ".join(blocked))
    return {"console_errors": console_errors}


def _links_to_the_published_site(page, base_url: str, site_url: str) -> None:
    """Point links to files that are not pages (e.g. data/comparison.json) at the published site.

    print-site turns links between pages into links inside the print page, but links to other
    files resolve against the local server, which is gone once the PDF is written.
    """
    page.evaluate(
        """([base, published]) => {
            const here = location.href.split('#')[0];
            for (const link of document.querySelectorAll('a[href]')) {
                const target = link.href;
                if (target.startsWith(base) && target.split('#')[0] !== here && published) {
                    link.href = published + target.slice(base.length);
                }
            }
        }""",
        [base_url, site_url],
    )


def export(output: Path = DEFAULT_OUTPUT, keep_site: Path | None = None) -> dict:
    find_chromium()  # before the build: a missing browser should not cost a whole build to find out
    with tempfile.TemporaryDirectory(prefix="fvx-print-site-") as scratch:
        site = keep_site or Path(scratch) / "site"
        build_print_site(site)
        return print_to_pdf(site, output)


def _stop_after(seconds: int) -> threading.Timer:
    """Exit with an error if the export is still running after `seconds` (a last resort against hangs).

    The caller cancels the returned timer when the export ends: `main` also runs inside other
    processes (the tests call it), which must not be ended minutes later by a forgotten timer."""
    def give_up():
        print(f"error: the PDF export did not finish within {seconds} s and was stopped", file=sys.stderr)
        os._exit(124)
    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the PDF")
    parser.add_argument("--keep-site", type=Path, help="build the print site here and keep it (for debugging)")
    args = parser.parse_args(argv)
    deadline = _stop_after(DEADLINE_S)
    started = time.monotonic()
    try:
        report = export(args.output.resolve(), args.keep_site.resolve() if args.keep_site else None)
    except (ExportError, ChromiumUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        deadline.cancel()
    for message in report["console_errors"]:
        print(f"warning: browser console: {message}", file=sys.stderr)
    size_kib = args.output.stat().st_size // 1024
    shown = args.output.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    print(f"wrote {shown} ({size_kib} KiB) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
