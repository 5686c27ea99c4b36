"""Render a Word template with one strict, sandboxed, escaping Jinja environment.

- Sandboxed: a template cannot call into Python beyond reading the context it is given.
- Autoescaping: ``&``, ``<`` or ``<w:t>`` in a name become text, never XML.
- Strict: an unknown variable stops the render with the template and name in the message.
- Control characters in a value are refused (Word cannot hold them).
The result is a docx whose XML is checked strictly and whose zip is byte-for-byte repeatable.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from flows.errors import EngineError
from flows.outputs.files import repeatable_zip

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RenderError(EngineError):
    """A template could not be rendered into a valid document."""


class _ControlCharacter(ValueError):
    pass


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and _CONTROL.search(value):
        raise _ControlCharacter(value)
    return value


class _CompilingOnce(SandboxedEnvironment):
    """Compiles each template source once: docxtpl asks for the same parts of the same
    template for every letter, and compiling costs more than rendering."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Any] = {}
        self._compiled_lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[no-untyped-def]
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._compiled_lock:
            found = self._compiled.get(source)
        if found is None:
            found = super().from_string(source)
            with self._compiled_lock:
                if len(self._compiled) >= COMPILED_LIMIT:
                    self._compiled.clear()
                self._compiled[source] = found
        return found


COMPILED_LIMIT = 256
"""Template parts kept compiled (a round uses about 20)."""


@cache
def jinja_env() -> SandboxedEnvironment:
    """The one environment every template is rendered with."""
    return _CompilingOnce(autoescape=True, undefined=StrictUndefined, finalize=_finalize)


_PATCHED: dict[str, str] = {}
_PATCHED_LOCK = threading.Lock()


class _StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no types
    """docxtpl parses its rendered XML with ``recover=True``, which silently drops what it
    cannot parse; check it strictly first, so a bad render fails instead of losing text.
    Its tag clean-up of a template part is remembered, as the part is the same every time."""

    def patch_xml(self, src_xml: str) -> str:
        with _PATCHED_LOCK:
            found = _PATCHED.get(src_xml)
        if found is None:
            found = super().patch_xml(src_xml)
            with _PATCHED_LOCK:
                if len(_PATCHED) >= COMPILED_LIMIT:
                    _PATCHED.clear()
                _PATCHED[src_xml] = found
        return found

    def fix_tables(self, xml: str):  # type: ignore[no-untyped-def]
        try:
            etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise RenderError(f"hasil render bukan XML yang sah: {exc}") from exc
        return super().fix_tables(xml)


@dataclass(frozen=True, slots=True)
class Template:
    """A Word template loaded once, rendered many times."""

    name: str
    data: bytes

    @classmethod
    def load(cls, path: Path) -> Template:
        try:
            return cls(path.name, path.read_bytes())
        except OSError as exc:
            raise RenderError(f"Template {path} tidak dapat dibaca: {exc}") from exc

    def render(self, context: dict[str, Any], paper_mm: tuple[int, int] | None = None,
               properties: dict[str, str] | None = None,
               emblems: Mapping[str, bytes] | None = None) -> bytes:
        """The rendered docx as bytes; RenderError says what went wrong and where.

        ``properties`` (title, subject, keywords, author) become the document's core
        properties, which LibreOffice carries into the PDF's metadata (Info and XMP alike).
        ``emblems`` replace the pictures whose alt text is their key (the kop's placeholder
        frames ``naskah:lambang_negara`` and ``naskah:lambang_daerah``).
        """
        doc = _StrictDocxTemplate(io.BytesIO(self.data))
        try:
            doc.render(context, jinja_env=jinja_env())
        except UndefinedError as exc:
            raise RenderError(f"Template {self.name}: {_undefined_message(exc)}") from exc
        except TemplateSyntaxError as exc:
            around = " … ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
            raise RenderError(f"Template {self.name}: penulisan tag Jinja salah ({exc.message})"
                              + (f' di sekitar teks "{around[:120]}"' if around else "")) from exc
        except SecurityError as exc:
            raise RenderError(f"Template {self.name}: perintah tidak diizinkan ({exc})") from exc
        except _ControlCharacter as exc:
            raise RenderError(f"Template {self.name}: nilai {str(exc)!r} berisi karakter "
                              "kendali yang tidak dapat dimuat dalam dokumen Word") from exc
        except TemplateError as exc:
            raise RenderError(f"Template {self.name}: {exc}") from exc
        except RenderError as exc:
            raise RenderError(f"Template {self.name}: {exc}") from exc
        for name, value in (properties or {}).items():
            setattr(doc.docx.core_properties, name, _property(value))
        if emblems:
            place_emblems(doc.docx, emblems)
        if paper_mm is not None:
            for section in doc.docx.sections:
                section.page_width, section.page_height = Mm(paper_mm[0]), Mm(paper_mm[1])
        out = io.BytesIO()
        doc.save(out)
        return repeatable_zip(out.getvalue())


def place_emblems(document: Any, emblems: Mapping[str, bytes]) -> None:
    """Put each picture of ``emblems`` where the document has a picture with that alt text:
    inside the placeholder's box, keeping the picture's own proportions."""
    part = document.part
    for doc_pr in list(part.element.body.iter(qn("wp:docPr"))):
        data = emblems.get(doc_pr.get("descr", ""))
        container = doc_pr.getparent()
        blips = container.findall(".//" + qn("a:blip"))
        if data is None or len(blips) != 1:
            continue
        old = blips[0].get(qn("r:embed"))
        try:
            rid, image = part.get_or_add_image(io.BytesIO(data))
        except Exception as exc:  # python-docx raises its own kinds for unknown pictures
            raise RenderError(f"gambar kop tidak dapat dipakai: {exc}") from exc
        blips[0].set(qn("r:embed"), rid)
        extent = container.find(qn("wp:extent"))
        box_cx, box_cy = int(extent.get("cx")), int(extent.get("cy"))
        ratio = image.px_width / image.px_height
        if ratio >= box_cx / box_cy:
            cx, cy = box_cx, round(box_cx / ratio)
        else:
            cx, cy = round(box_cy * ratio), box_cy
        for ext in [extent, *container.xpath(".//pic:spPr/a:xfrm/a:ext")]:
            ext.set("cx", str(cx))
            ext.set("cy", str(cy))
        if old and old != rid:
            part.drop_rel(old)


CORE_PROPERTY_MAX = 255
"""python-docx refuses a longer core property (title, subject, keywords, author)."""


def _property(value: str) -> str:
    """A core property within python-docx's limit: a long name is cut, with an ellipsis."""
    return value if len(value) <= CORE_PROPERTY_MAX else value[:CORE_PROPERTY_MAX - 1] + "…"


def _undefined_message(exc: UndefinedError) -> str:
    text = str(exc.message or exc)
    m = re.search(r"'([^']+)' is undefined", text) or re.search(r"has no attribute '([^']+)'",
                                                                 text)
    name = m[1] if m else text
    return (f'variabel "{name}" tidak dikenal. Periksa ejaannya; daftar variabel ada di '
            "docs/variabel-template.md, atau jalankan naskah check-templates.")
