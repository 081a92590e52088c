"""Uploads are judged by their content: PDF, JPEG and PNG pass; anything else, or a damaged file, fails."""

import pytest

from bistand.residentcomm import filecheck
from tests.residentcomm.files import FAKE_PDF, image, small_pdf


def test_a_real_pdf_passes():
    assert filecheck.check(small_pdf()).content_type == "application/pdf"


@pytest.mark.parametrize(("kind", "expected"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_real_images_pass(kind, expected):
    assert filecheck.check(image(kind)).content_type == expected


@pytest.mark.parametrize(
    "data",
    [
        FAKE_PDF,  # text with a .pdf name: judged by content, not name
        b"%PDF-1.4\nbara en rubrik och sedan inget mer\n",  # starts like a PDF but has no trailer
        small_pdf()[:-40],  # a PDF cut off before its end
        small_pdf().replace(b"startxref\n", b"startxref\n9"),  # the offset points outside the file
        b"GIF89a" + b"\x00" * 40,  # another image format
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 30,  # a PNG signature with nothing real after it
        image("PNG")[:60],  # a truncated PNG
        b"MZ\x90\x00" + b"\x00" * 60,  # a Windows program
        b"",
    ],
)
def test_other_content_is_refused(data):
    with pytest.raises(filecheck.NotAllowed):
        filecheck.check(data)


def test_a_pdf_with_javascript_is_refused():
    pdf = small_pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (x) >>")
    with pytest.raises(filecheck.NotAllowed):
        filecheck.check(pdf)
