"""Build round workbooks for tests: the samples, altered one fault at a time."""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from flows.domain.intake import Intake, intake
from flows.domain.layout import PUTARAN
from flows.samples import evaluasi_kinerja, seleksi_terbuka, uji_kompetensi
from flows.settings import default_rules
from flows.workbook.reader import read_workbook
from flows.workbook.writer import WorkbookContent, write_workbook

SAMPLES: dict[str, Callable[[], WorkbookContent]] = {
    "evaluasi_kinerja": evaluasi_kinerja,
    "uji_kompetensi": uji_kompetensi,
    "seleksi_terbuka": seleksi_terbuka,
}


def sample(kind: str = "evaluasi_kinerja") -> WorkbookContent:
    """A fresh, independent copy of a sample round's content."""
    return copy.deepcopy(SAMPLES[kind]())


def putaran_row(key: str) -> int:
    """Worksheet row of a Putaran key in workbooks written by the writer."""
    return 2 + [f.name for f in PUTARAN].index(key)


def pejabat_ref(content: WorkbookContent, column: str, index: int) -> str:
    """Cell of ``column`` for the official at ``index`` (0-based) in a written workbook."""
    col = list(content.pejabat_columns).index(column)
    return f"{chr(65 + col)}{index + 2}"


def set_putaran(content: WorkbookContent, key: str, value: object) -> None:
    content.putaran = [(k, value if k == key else v) for k, v in content.putaran]
    if key not in dict(content.putaran):
        content.putaran = [*content.putaran, (key, value)]


def write(tmp_path: Path, content: WorkbookContent, name: str = "putaran.xlsx") -> Path:
    path = tmp_path / name
    write_workbook(path, content)
    return path


def check(path: Path) -> Intake:
    return intake(read_workbook(path), default_rules())


def rewrite_parts(path: Path, transform: Callable[[str, bytes], bytes]) -> None:
    """Rewrite the parts of an xlsx in place: ``transform(name, data)`` returns new data."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info, transform(info.filename, data))


def cache_formula_values(path: Path, cached: dict[str, tuple[str, str | None]]) -> None:
    """Give formulas the cached values Excel would have saved.

    ``cached`` maps a formula's text (without ``=``) to (value, type): type ``e`` marks an
    Excel error value, None a number.
    """
    def transform(name: str, data: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return data
        text = data.decode("utf-8")
        for formula, (value, kind) in cached.items():
            pattern = re.compile(r'<c r="([A-Z]+\d+)"([^>]*)><f>' + re.escape(formula)
                                 + r"</f>(?:<v\s*/>|<v></v>)")
            t = f' t="{kind}"' if kind else ""
            text = pattern.sub(lambda m, v=value, t=t, f=formula:
                               f'<c r="{m[1]}"{m[2]}{t}><f>{f}</f><v>{v}</v>', text)
        return text.encode("utf-8")

    rewrite_parts(path, transform)
