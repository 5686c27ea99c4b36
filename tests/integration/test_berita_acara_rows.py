"""A real berita acara (rendered, converted by LibreOffice) whose team members' names start
alike: each member's signature goes in their own row of the signature table."""

from __future__ import annotations

from dataclasses import replace

from flows.pdf.placement import row_box
from flows.pipeline import steps
from flows.pipeline.round import RunOptions, open_round, plan_round
from flows.settings import load_settings
from tests.conftest import require_program
from tests.workbooks import sample, write

NAMES = ["Ahmad", "Ahmad Fauzi, S.H.", "Siti Aminah", "Siti Aminah Lubis",
         "Prof. Dr. Ir. Muhammad Ridwan Hakim Pawennari, S.Kom., M.T., M.Sc."]
"""The last one wraps in its cell (two lines)."""


def test_members_whose_names_start_alike_sign_in_their_own_rows(tmp_path):
    require_program("soffice")
    content = sample()
    content.pejabat = content.pejabat[:1]
    content.tim = [dict(member, nama=name)
                   for member, name in zip(content.tim, NAMES, strict=True)]
    workbook = write(tmp_path, content)
    settings = replace(load_settings(None), register=tmp_path / "register.sqlite")
    plan = plan_round(workbook, open_round(workbook, settings), settings,
                      RunOptions(tmp_path / "hasil", sign=False))
    (item,) = [i for i in plan.items if i.record.kind == "berita_acara"]
    steps.render_batch(plan.letters, plan.folder, [item])
    steps.convert_items(plan.folder, [item], 300)
    assert not item.failure, item.failure
    assert item.signer_rows == NAMES
    pdf = (plan.folder / item.record.pdf).read_bytes()
    places = [row_box(pdf, name) for name in NAMES]
    assert all(places), places
    # one row each, top to bottom (and page by page) in the table's order
    order = [(page, -box[3]) for page, box in places]  # type: ignore[misc]
    assert order == sorted(order) and len(set(order)) == len(NAMES), places
