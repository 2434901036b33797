"""Test helper: read the exported PDF with poppler-utils (pdftotext, pdfinfo) and its raw objects."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

# The exporter's page footer sits in the bottom margin (tools/export_pdf.py: 16 mm); cropping it
# away keeps "Page 3 of 60" out of text that runs across a page break, such as a long example.
FOOTER_HEIGHT_PT = 46


def _run(*command: str, timeout: float = 60) -> str:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True).stdout


def page_size(pdf: Path) -> tuple[float, float]:
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", str(pdf)))
    return float(match.group(1)), float(match.group(2))


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))


MODES = {"reading": [], "layout": ["-layout"], "raw": ["-raw"]}


def text(pdf: Path, first: int | None = None, last: int | None = None, with_footer: bool = False,
         mode: str = "reading") -> str:
    """The text of the PDF as pdftotext reads it, in one of three orders.

    "reading" suits headings and prose. "layout" keeps each printed line whole, which code needs:
    reading order moves a trailing comment away from its line and drops the hyphen where a wrapped
    line ends in one ("X-Request-Id"). "raw" is drawing order, which keeps a table cell's lines
    together where the other two interleave the lines of neighbouring cells.
    """
    width, height = page_size(pdf)
    command = ["pdftotext", "-enc", "UTF-8", *MODES[mode]]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    if not with_footer:
        command += ["-x", "0", "-y", "0", "-W", str(int(width) + 1), "-H", str(int(height - FOOTER_HEIGHT_PT))]
    return _run(*command, str(pdf), "-")


def squash(value: str) -> str:
    """Without any whitespace: line wrapping in the PDF (code, table cells) cannot break a match."""
    return re.sub(r"\s+", "", value)


def single_spaced(value: str) -> str:
    return " ".join(value.split())


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    x_max: float
    text: str


def words(pdf: Path) -> list[Word]:
    """Every word with its horizontal position, from `pdftotext -bbox`."""
    found, page = [], 0
    for line in _run("pdftotext", "-bbox", str(pdf), "-").splitlines():
        if "<page " in line:
            page += 1
        elif match := re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line):
            found.append(Word(page, float(match.group(1)), float(match.group(2)), match.group(3)))
    return found


def _pdf_string(token: bytes) -> str:
    """Decode a PDF string object: (literal) or <hex>, PDFDocEncoding or UTF-16 with a byte order mark."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode("ascii"))
    else:
        escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}

        def unescape(match):
            code = match.group(1)
            if code[:1].isdigit():
                return bytes([int(code, 8) & 0xFF])
            return escapes.get(code, code)

        raw = re.sub(rb"\\([0-7]{1,3}|.)", unescape, token[1:-1], flags=re.S)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


PDF_STRING = rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"


def outline_titles(pdf: Path) -> list[str]:
    """Titles of the PDF outline (bookmarks), read from the uncompressed objects Chromium writes."""
    data = pdf.read_bytes()
    if not re.search(rb"/Type\s*/Outlines", data):
        return []
    titles = []
    for obj in re.finditer(rb"\d+ 0 obj\s*<<(.*?)>>\s*endobj", data, re.S):
        body = obj.group(1)
        if b"/Parent" in body and (title := re.search(rb"/Title\s*" + PDF_STRING, body, re.S)):
            titles.append(_pdf_string(title.group(1)))
    return titles


def link_targets(pdf: Path) -> tuple[list[str], list[str]]:
    """(URIs of external links, destination names of internal links) of every link annotation."""
    data = pdf.read_bytes()
    uris = [_pdf_string(m.group(1)) for m in re.finditer(rb"/URI\s*" + PDF_STRING, data)]
    dests = [m.group(1).decode("latin-1") for m in re.finditer(rb"/Dest\s*/([^\s/>\]]+)", data)]
    return uris, dests


def named_destinations(pdf: Path) -> set[str]:
    """Names the internal links may point at (`pdfinfo -dests`)."""
    names = set()
    for line in _run("pdfinfo", "-dests", str(pdf)).splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 3:
            names.add(line.split('"')[1] if '"' in line else parts[-1])
    return names
