"""The visible signature's text: in the letters' sans-serif (not Courier) and with the time in
the office's zone; the zone follows the province unless the office sets it."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader, PdfWriter

from flows.domain.indonesian import waktu, zona_waktu
from flows.pdf.signing import Appearance, specimen_signer


def _blank() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stamp_streams(pdf: bytes) -> list[tuple[bytes, set[str]]]:
    """The normal appearance of each signature widget (and its nested forms): the content and
    the fonts it uses."""
    found = []

    def walk(xobject) -> None:  # type: ignore[no-untyped-def]
        xobject = xobject.get_object()
        resources = xobject.get("/Resources", {})
        fonts = {str(f.get_object().get("/BaseFont")) for f in
                 resources.get("/Font", {}).values()} if "/Font" in resources else set()
        found.append((xobject.get_data(), fonts))
        for inner in resources.get("/XObject", {}).values() if "/XObject" in resources else ():
            if inner.get_object().get("/Subtype") == "/Form":
                walk(inner)

    for annot in PdfReader(io.BytesIO(pdf)).pages[0].get("/Annots", []):
        annot = annot.get_object()
        if annot.get("/FT") == "/Sig" or "/AP" in annot:
            walk(annot["/AP"]["/N"])
    return found


def test_the_stamp_shows_the_office_time_in_the_letters_font():
    signed = specimen_signer().sign(
        _blank(), reason="uji", location="Damar Jaya",
        appearance=Appearance(0, (300, 100, 520, 160), "naskah:verifikasi", None, "WITA"))
    streams = _stamp_streams(signed)
    text = b" ".join(data for data, _ in streams)
    fonts = set().union(*(f for _, f in streams))
    assert b"WITA" in text and b"UTC" not in text
    assert "/Helvetica" in fonts and "/Courier" not in fonts


def test_the_zone_of_a_province_and_the_time_as_an_office_reads_it():
    assert zona_waktu("Sulawesi Tenggara") == "WITA"
    assert zona_waktu("Provinsi Papua Barat Daya") == "WIT"
    assert zona_waktu("Maluku Utara") == "WIT"
    assert zona_waktu("Kalimantan Barat") == "WIB"
    assert zona_waktu("Kalimantan Timur") == "WITA"
    assert zona_waktu("Nusa Tenggara Timur") == "WITA"
    assert zona_waktu("DKI Jakarta") == "WIB"
    moment = dt.datetime(2026, 12, 2, 16, 45, tzinfo=dt.UTC)
    assert waktu(moment, "WITA") == "3 Desember 2026 00.45 WITA"
    assert waktu(moment, "WIB") == "2 Desember 2026 23.45 WIB"
