"""bundel.pdf: every unsigned PDF of the round in one file, one bookmark per letter, for
reading and printing (signed letters are archived one by one: merging breaks signatures).

The bundle is written front to back, one letter at a time: a letter's pages and everything
they use are copied object by object, renumbered, as they are read, and only the objects'
offsets are kept for the cross-reference table. pypdf's PdfWriter held every page of every
letter until it wrote (1.0 GiB for 5,004 letters), and so does qpdf (0.6 GiB, even joining
250 letters at a time): both build the whole document in memory.
"""

from __future__ import annotations

import hashlib
import io
from array import array
from pathlib import Path
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    StreamObject,
    TextStringObject,
)

from flows.outputs.files import atomic_file, sha256_bytes, sha256_file
from flows.outputs.manifest import DocumentRecord

BUNDLE = "bundel.pdf"


def write_bundle(folder: Path, records: list[DocumentRecord],
                 previous: dict[str, str] | None) -> dict[str, str] | None:
    """The bundle's manifest entry; rebuilt only when one of its PDFs changed."""
    parts = [r for r in records if r.pdf and r.sha256.get("pdf")]
    if not parts:
        return None
    sources = sha256_bytes("\n".join(r.sha256["pdf"] or "" for r in parts).encode())
    path = folder / BUNDLE
    if (previous and previous.get("sources_sha256") == sources and path.is_file()
            and sha256_file(path) == previous.get("sha256")):
        return previous
    labels = [f"{r.title} {r.number}" + (f" (NIP {r.nip})" if r.nip else "") for r in parts]
    with atomic_file(path) as tmp:
        join_pdfs([folder / (r.pdf or "") for r in parts], labels, f"Bundel {folder.name}", tmp)
        digest = sha256_file(tmp)
    return {"path": BUNDLE, "sha256": digest, "sources_sha256": sources}


def join_pdfs(files: list[Path], labels: list[str], title: str, out: Path) -> None:
    """Write to ``out`` the pages of ``files`` in order in one PDF, a top-level bookmark
    ``labels[i]`` at the first page of ``files[i]``, and ``title`` as its Info title.

    One letter at a time: its pages and everything they use are copied object by object
    (renumbered) to ``out`` as they are read, so memory holds one letter and the objects'
    offsets, never the round."""
    with out.open("wb") as handle:
        writer = _StreamingWriter(handle)
        tree = writer.reserve()
        kids: list[int] = []
        firsts: list[int] = []
        for path in files:
            firsts.append(len(kids))
            kids += writer.copy_pages(PdfReader(path), tree)
        outlines = writer.reserve()
        items = [writer.reserve() for _ in labels]
        for i, (number, label) in enumerate(zip(items, labels, strict=True)):
            entry = [b"/Title ", _pdf_string(label), b" /Parent ", _ref(outlines),
                     b" /Dest [", _ref(kids[firsts[i]]), b" /Fit]"]
            if i:
                entry += [b" /Prev ", _ref(items[i - 1])]
            if i + 1 < len(items):
                entry += [b" /Next ", _ref(items[i + 1])]
            writer.write(number, b"<<" + b"".join(entry) + b">>")
        if items:
            writer.write(outlines, b"<</Type /Outlines /First " + _ref(items[0]) + b" /Last "
                         + _ref(items[-1]) + b" /Count " + str(len(items)).encode() + b">>")
        else:
            writer.write(outlines, b"<</Type /Outlines /Count 0>>")
        writer.write(tree, b"<</Type /Pages /Count " + str(len(kids)).encode() + b" /Kids ["
                     + b" ".join(_ref(k) for k in kids) + b"]>>")
        info = writer.reserve()
        writer.write(info, b"<</Title " + _pdf_string(title) + b" /Producer "
                     + _pdf_string("naskah") + b">>")
        root = writer.reserve()
        writer.write(root, b"<</Type /Catalog /Pages " + _ref(tree) + b" /Outlines "
                     + _ref(outlines) + b">>")
        identity = hashlib.md5("\n".join([title, *labels]).encode(), usedforsecurity=False)
        writer.finish(root, info, identity.hexdigest())


def _ref(number: int) -> bytes:
    return b"%d 0 R" % number


def _pdf_string(text: str) -> bytes:
    buffer = io.BytesIO()
    TextStringObject(text).write_to_stream(buffer)
    return buffer.getvalue()


class _StreamingWriter:
    """A PDF written front to back: objects as they come, the cross-reference table at the
    end (offsets kept in a compact array)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.offsets = array("q", [0])
        handle.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def write(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.handle.tell()
        self.handle.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def copy_pages(self, reader: PdfReader, tree: int) -> list[int]:
        """Every page of ``reader`` and all they use, renumbered; the pages' new numbers."""
        numbers: dict[tuple[int, int], int] = {}
        queue: list[IndirectObject] = []
        special: dict[tuple[int, int], Any] = {}

        def renumber(ref: IndirectObject) -> int | None:
            key = (ref.idnum, ref.generation)
            if key not in numbers:
                target = ref.get_object()
                kind = target.get("/Type") if isinstance(target, DictionaryObject) else None
                if kind == "/Pages":
                    return tree
                if kind == "/Catalog":
                    return None
                numbers[key] = self.reserve()
                queue.append(ref)
            return numbers[key]

        result = []
        for page in reader.pages:
            ref = page.indirect_reference
            assert ref is not None
            key = (ref.idnum, ref.generation)
            # pypdf has already copied into the page what it inherits from its page tree
            # (/Resources, /MediaBox, /CropBox, /Rotate): the page stands alone
            flat = DictionaryObject(page)
            flat[NameObject("/Parent")] = NullObject()
            special[key] = flat
            numbers[key] = self.reserve()
            queue.append(ref)
            result.append(numbers[key])
        while queue:
            ref = queue.pop()
            key = (ref.idnum, ref.generation)
            obj = special.pop(key, None)
            body = (_serialize(obj, renumber, tree) if obj is not None
                    else _serialize(ref.get_object(), renumber, None))
            self.write(numbers[key], body)
        return result

    def finish(self, root: int, info: int, identity: str) -> None:
        start = self.handle.tell()
        size = len(self.offsets)
        self.handle.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for offset in self.offsets[1:]:
            self.handle.write(b"%010d 00000 n \n" % offset)
        self.handle.write(b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\n"
                          b"startxref\n%d\n%%%%EOF\n" % (size, root, info, identity.encode(),
                                                       identity.encode(), start))


def _serialize(obj: Any, renumber: Any, parent: int | None) -> bytes:
    """``obj`` as PDF bytes, every reference renumbered (``/Parent`` of a page: ``parent``)."""
    out = io.BytesIO()

    def put(value: Any) -> None:
        if isinstance(value, IndirectObject):
            number = renumber(value)
            out.write(b"null" if number is None else _ref(number))
        elif isinstance(value, StreamObject):
            data = value._data  # the stream as stored (still encoded)
            out.write(b"<<")
            for name, item in value.items():
                if name != "/Length":
                    name.write_to_stream(out)
                    out.write(b" ")
                    put(item)
                    out.write(b" ")
            out.write(b"/Length %d>>\nstream\n" % len(data))
            out.write(data)
            out.write(b"\nendstream")
        elif isinstance(value, DictionaryObject):
            out.write(b"<<")
            for name, item in value.items():
                name.write_to_stream(out)
                out.write(b" ")
                if name == "/Parent" and parent is not None and isinstance(item, NullObject):
                    out.write(_ref(parent))
                else:
                    put(item)
                out.write(b" ")
            out.write(b">>")
        elif isinstance(value, ArrayObject):
            out.write(b"[")
            for item in value:
                put(item)
                out.write(b" ")
            out.write(b"]")
        else:
            value.write_to_stream(out)

    put(obj)
    return out.getvalue()
