"""What an uploaded file really is: PDF, JPEG or PNG, decided by its content, never by its name.

A file is accepted only if its bytes are one of the three formats from beginning to end:
- JPEG and PNG are opened and verified by Pillow (the image library WeasyPrint already brings), which
  reads the whole structure and fails on a file that only starts like an image;
- a PDF must begin with "%PDF-1." or "%PDF-2.", end with "%%EOF" after a "startxref" whose byte offset
  points, inside the file, at a cross-reference table ("xref") or a cross-reference stream object
  ("n 0 obj") (ISO 32000-1:2008 7.5.5, file trailer). A PDF with embedded JavaScript or a launch action is
  refused: a caseworker opens these files, and a document sent as proof needs neither.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}

_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF\s*$")
_XREF_AT = re.compile(rb"\s*(xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


@dataclass(frozen=True)
class Checked:
    content_type: str
    extension: str


class NotAllowed(ValueError):
    """The content is not a PDF, JPEG or PNG (or is damaged)."""


def check(data: bytes) -> Checked:
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return Checked(PDF, EXTENSIONS[PDF])
    if data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n"):
        content_type = _check_image(data)
        return Checked(content_type, EXTENSIONS[content_type])
    raise NotAllowed("not a PDF, JPEG or PNG")


def _check_pdf(data: bytes) -> None:
    if not re.match(rb"%PDF-[12]\.\d", data):
        raise NotAllowed("bad PDF header")
    tail = data[-2048:]
    found = _STARTXREF.search(tail)
    if found is None:
        raise NotAllowed("PDF without startxref/%%EOF trailer")
    offset = int(found.group(1))
    if offset <= 0 or offset >= len(data) or not _XREF_AT.match(data, offset):
        raise NotAllowed("PDF cross-reference offset does not point at a cross-reference section")
    if _ACTIVE.search(data):
        raise NotAllowed("PDF with active content")


def _check_image(data: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
        with Image.open(io.BytesIO(data)) as image:  # verify() leaves the image unusable: decode it anew
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
        raise NotAllowed("damaged image") from e
    if kind == "JPEG":
        return JPEG
    if kind == "PNG":
        return PNG
    raise NotAllowed("image of another format")
