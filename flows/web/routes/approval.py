"""The approver's decision on a round waiting for approval (after opening the sample)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from flows.web.files import RoundFiles
from flows.web.policy import Action, review_sample
from flows.web.routes.context import Desk
from flows.web.security import Refused
from flows.web.store import RoundRow


def add_routes(app: FastAPI, desk: Desk) -> None:
    store, web = desk.store, desk.web

    @app.post("/putaran/{round_id}/keputusan")
    async def decide(request: Request, round_id: int) -> Response:
        session, form = await desk.posted(request, Action.APPROVE, 8192)
        row, _ = desk.refreshed(desk.round_or_404(round_id))
        if row.state != "menunggu persetujuan" or not row.flow_run_id:
            raise Refused(409, "Putaran ini tidak sedang menunggu persetujuan.")
        approved = form.get("keputusan") == "setuju"
        reason = str(form.get("alasan", "")).strip()[:500]
        if not approved and len(reason) < 5:
            raise Refused(400, "Tuliskan alasan penolakan (paling sedikit 5 karakter), agar "
                               "operator tahu apa yang harus diperbaiki.")
        if approved:
            letters = RoundFiles(desk.settings.run.outputs, row.kode_putaran).letters()
            sample = review_sample([x.kind for x in letters], web.samples_per_kind,
                                   row.flow_run_id)
            missing = set(sample) - store.viewed(row.id, row.flow_run_id, session.user.username)
            if missing:
                raise Refused(409, f"Buka dulu {len(missing)} surat sampel yang belum Anda "
                                   "periksa, lalu setujui.")
        who = f"{session.user.full_name} ({session.user.username})"
        at, proof, detail = issued_approval(desk, row, approved, who)
        await run_in_threadpool(desk.runner.answer, row.flow_run_id, approved, reason, who, at,
                                proof)
        store.update_round(row.id, state="berjalan" if approved else "ditolak",
                           message="" if approved else f"Ditolak: {reason}")
        store.log(session.user.username, "setujui" if approved else "tolak", row.id,
                  f"{reason} ({detail})" if reason else detail)
        return RedirectResponse(f"/putaran/{row.id}", status_code=303)


def issued_approval(desk: Desk, row: RoundRow, approved: bool,
                    who: str) -> tuple[str, str, str]:
    """The time, the desk's MAC and an audit line of this decision over the PDFs of the
    round as its manifest lists them now (the worker checks them against its own)."""
    import datetime as dt

    from flows import approval
    from flows.credentials import approval_key

    assert row.flow_run_id is not None
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    pdfs = approval.manifest_pdfs(RoundFiles(desk.settings.run.outputs,
                                             row.kode_putaran).manifest())
    proof = approval.issue(approval_key(desk.web.data), kode_putaran=row.kode_putaran,
                           flow_run_id=row.flow_run_id, approved=approved, approver=who,
                           at=at, pdfs=pdfs)
    return at, proof, f"{len(pdfs)} PDF, waktu {at}, pengesahan {proof[:16]}"
