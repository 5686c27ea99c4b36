"""What the verification page says about a letter, read once when the letter is rendered:
its date and issuer (from the round) and its Sifat, Hal and addressee (from the letter's own
text, so an office's templates are read as they are)."""

from __future__ import annotations

import html
import re
import zipfile
from io import BytesIO
from typing import Any

from flows.domain.indonesian import tanggal

_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.S)
_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
LABELS = {"sifat": "sifat", "hal": "hal", "perihal": "hal", "yth.": "kepada", "kepada": "kepada"}


def paragraphs(docx: bytes) -> list[str]:
    """The non-empty paragraph texts of a Word document's body, in order (table cells too)."""
    try:
        with zipfile.ZipFile(BytesIO(docx)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        return []
    found = (html.unescape(b"".join(_TEXT.findall(p)).decode("utf-8", "replace")).strip()
             for p in _PARAGRAPH.findall(xml))
    return [" ".join(text.split()) for text in found if text]


def letter_facts(rnd: Any, kind_date: Any, docx: bytes) -> dict[str, str]:
    """``tanggal``, ``unit``, ``sifat``, ``hal`` and ``kepada`` of one letter.

    ``rnd`` is the round, ``kind_date`` the date the letter carries."""
    texts = paragraphs(docx)
    facts: dict[str, str] = {}
    for label, colon, value in zip(texts, texts[1:], texts[2:], strict=False):
        key = LABELS.get(label.lower())
        if key and colon == ":" and key not in facts:
            facts[key] = value
    for index, text in enumerate(texts):
        if "kepada" not in facts and text.startswith("Yth. "):
            facts["kepada"] = text.removeprefix("Yth. ").strip()
        if "hal" not in facts and text.upper() == "TENTANG" and index + 1 < len(texts):
            facts["hal"] = texts[index + 1]
    head = texts[0].upper() if texts else ""
    unit = (rnd.kepala_daerah_jabatan if head == rnd.kepala_daerah_jabatan.upper()
            else f"{rnd.unit_pengelola} {rnd.pemerintah_daerah}")
    return {"tanggal": tanggal(kind_date), "unit": unit, "sifat": facts.get("sifat", ""),
            "hal": facts.get("hal", ""), "kepada": facts.get("kepada", "")}


def secret(facts: dict[str, str]) -> bool:
    """A letter whose Sifat is Rahasia: the page shows no addressee (and never results)."""
    return "rahasia" in facts.get("sifat", "").lower()
