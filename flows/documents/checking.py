"""`naskah check-templates`: an office's own Word templates against the context naskah gives.

Finds, without rendering: Jinja syntax errors, variables and attributes the context does not
have (following loops into list items), context variables a template never uses, and tags that
Word split across several runs or paragraphs.
"""

from __future__ import annotations

import dataclasses
import io
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from flows.documents import REGISTRY
from flows.documents.base import DocumentSpec
from flows.documents.rendering import jinja_env

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LOOP_ATTRS = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length",
                        "cycle", "depth", "depth0", "previtem", "nextitem", "changed"})
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_LOOP = object()
_ANY = object()


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    """``error``, ``warning`` or ``info``."""
    message: str


@dataclass
class TemplateReport:
    name: str
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def check_folder(folder: Path) -> list[TemplateReport]:
    """A report per kind (missing templates included) and per unknown .docx file."""
    reports = [check_template(folder / spec.template, spec) for spec in REGISTRY.values()]
    known = {spec.template for spec in REGISTRY.values()}
    for path in sorted(folder.glob("*.docx")):
        if path.name not in known and not path.name.startswith("~$"):
            reports.append(TemplateReport(path.name, None, [Finding(
                "warning", "bukan template naskah yang dikenal; diabaikan (nama yang dikenal: "
                + ", ".join(sorted(known)) + ")")]))
    return reports


def check_template(path: Path, spec: DocumentSpec) -> TemplateReport:
    report = TemplateReport(path.name, spec.kind)
    if not path.is_file():
        report.findings.append(Finding("error", "template tidak ditemukan"))
        return report
    try:
        data = path.read_bytes()
        document = Document(io.BytesIO(data))
    except Exception as exc:  # a damaged or non-Word file
        report.findings.append(Finding("error", f"bukan dokumen Word (.docx) yang sah ({exc})"))
        return report
    parts = _xml_parts(document)
    for xml in parts:
        report.findings += _split_tags(xml)
    template = DocxTemplate(io.BytesIO(data))
    source = "".join(template.patch_xml(xml) for xml in parts)
    try:
        tree = jinja_env().parse(source)
    except TemplateSyntaxError as exc:
        report.findings.append(Finding("error", f"penulisan tag Jinja salah: {exc.message}"))
        return report
    checker = _Checker(spec.context_type, report)
    checker.visit(tree, {})
    unused = sorted({f.name for f in dataclasses.fields(spec.context_type)} - report.used)
    if unused:
        report.findings.append(Finding(
            "info", "variabel tersedia tetapi tidak dipakai: " + ", ".join(unused)))
    return report


def _xml_parts(document) -> list[str]:  # type: ignore[no-untyped-def]
    """The body, headers and footers of a document as XML text."""
    parts = [etree.tostring(document.element.body, encoding="unicode")]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if not part.is_linked_to_previous:
                parts.append(etree.tostring(part._element, encoding="unicode"))
    return parts


def _split_tags(xml: str) -> list[Finding]:
    """Tags Word split across runs (a warning) or across paragraphs (an error)."""
    findings = []
    root = etree.fromstring(xml.encode("utf-8"))
    for paragraph in root.iter(f"{W}p"):
        pieces = [t.text or "" for t in paragraph.iter(f"{W}t")]
        text = "".join(pieces)
        if not any(mark in text for mark in ("{{", "{%", "{#", "}}", "%}", "#}")):
            continue
        for opener, closer in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
            if text.count(opener) != text.count(closer):
                findings.append(Finding(
                    "error", f'tag {opener} … {closer} tidak lengkap dalam satu paragraf: '
                             f'"{_short(text)}"'))
        starts, offset = [], 0
        for piece in pieces:
            starts.append(offset)
            offset += len(piece)
        for m in _TAG.finditer(text):
            first = max(i for i, s in enumerate(starts) if s <= m.start())
            last = max(i for i, s in enumerate(starts) if s < m.end())
            if first != last:
                findings.append(Finding(
                    "warning", f'tag "{_short(m[0])}" terpecah di {last - first + 1} bagian '
                               "format (run) Word; bila hasilnya salah, ketik ulang tag itu "
                               "sekaligus tanpa mengubah format di tengahnya"))
    return findings


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Checker:
    """Walks the template's syntax tree, resolving each name against the context types."""

    def __init__(self, context_type: type, report: TemplateReport) -> None:
        self.root = _hints(context_type)
        self.report = report

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            item = _element(self.resolve(node.iter, scope))
            inner = {**scope, "loop": _LOOP, **self.bind(node.target, item)}
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            scope.update(self.bind(node.target, _ANY))
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            self.resolve(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def bind(self, target: nodes.Node, item: Any) -> dict[str, Any]:
        if isinstance(target, nodes.Name):
            return {target.name: item}
        if isinstance(target, nodes.Tuple):
            return {n.name: _ANY for n in target.items if isinstance(n, nodes.Name)}
        return {}

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.root:
                self.report.used.add(node.name)
                return self.root[node.name]
            if node.name in jinja_env().globals:
                return _ANY
            self.error(f'variabel "{node.name}" tidak dikenal', self.root)
            return _ANY
        if isinstance(node, nodes.Getattr):
            base = self.resolve(node.node, scope)
            return self.attribute(base, node.attr, _path(node))
        if isinstance(node, nodes.Getitem):
            base = self.resolve(node.node, scope)
            self.visit(node.arg, scope)
            return _element(base)
        self.visit(node, scope)
        return _ANY

    def attribute(self, base: Any, name: str, path: str) -> Any:
        if base is _LOOP:
            if name not in LOOP_ATTRS:
                self.error(f'"{path}" tidak dikenal', {a: None for a in LOOP_ATTRS})
            return _ANY
        if dataclasses.is_dataclass(base):
            hints = _hints(base)
            if name in hints:
                return hints[name]
            self.error(f'"{path}" tidak dikenal', hints)
        return _ANY

    def error(self, message: str, known: dict[str, Any]) -> None:
        choices = ", ".join(sorted(known))
        self.report.findings.append(Finding("error", f"{message} (yang tersedia: {choices})"))


def _path(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_path(node.node)}[…]"
    return "…"


def _hints(cls: object) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _element(container: Any) -> Any:
    """The item type of ``tuple[X, ...]``; unknown otherwise."""
    if typing.get_origin(container) is tuple:
        args = typing.get_args(container)
        return args[0] if args else _ANY
    return _ANY
