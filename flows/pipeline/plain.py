"""A round through the same steps and batches as the Prefect flow, with a plain thread pool
instead of Prefect: the reference for Prefect's share of a run (`naskah benchmark`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flows.outputs.lock import round_lock
from flows.pdf.signing import PdfSigner
from flows.pipeline import resources, steps
from flows.pipeline.round import RoundSummary, RunOptions, finish_round, open_round, plan_round
from flows.pipeline.work import WorkItem, batches
from flows.settings import Settings

WORKERS = 8
"""As many threads as the flow's task runner."""


def run_plain(workbook: Path, options: RunOptions, settings: Settings,
              signer: PdfSigner | None = None) -> RoundSummary:
    """The round's letters; ``signer`` replaces the office's signers (tests)."""
    result = open_round(workbook, settings)
    if result.round is None:
        raise ValueError(f"{workbook} tidak sah")
    rnd = result.round
    res = resources.build(settings)
    with round_lock(options.out / rnd.kode_putaran, rnd.kode_putaran, settings.register):
        plan = plan_round(workbook, result, settings, options)
        if options.sign and signer is None:
            res.signers.preload(sorted({i.record.kind for i in plan.items if i.sign}))
        visible = (steps.Visible(settings.signing.public_url, settings.signing.footer,
                                 rnd.kode_putaran, plan.zone)
                   if settings.signing.visible else None)

        def chain(batch: list[WorkItem]) -> None:
            steps.render_batch(plan.letters, plan.folder, batch, res.clock)
            steps.convert_items(plan.folder, batch, settings.run.conversion_timeout_s,
                                res.converter, res.clock)
            if options.sign:
                steps.sign_items(plan.folder, batch, lambda kind, members=(): [signer] if signer
                                 else res.signers.of(kind, members), rnd.ibu_kota, visible,
                                 clock=res.clock)

        work = batches(plan.items, settings.run.batch_size, settings.run.converters)
        with ThreadPoolExecutor(WORKERS) as pool:
            for future in [pool.submit(chain, batch) for batch in work]:
                future.result()
        return finish_round(plan)
