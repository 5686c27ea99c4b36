"""Apply the rules to a validated round: scores, ranks, recommendations and warnings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flows.domain.issues import Issue, IssueCollector
from flows.domain.models import Category, Official, Round, RoundKind
from flows.domain.recommendation import Situation, apply_manual, recommend
from flows.domain.ruleset import RuleSet
from flows.domain.scoring import (
    Tenure,
    category,
    competition_ranks,
    final_score,
    ranks_by_group,
    tenure,
)


@dataclass(frozen=True, slots=True)
class OfficialResult:
    """The outcome of the round for one official."""

    official: Official
    final_score: Decimal
    category: Category
    rank: int
    tenure: Tenure
    recommendation: str
    outcome: str
    """Outcome key of the recommendation table, or ``manual``."""
    needs_request: bool
    manual: bool
    notes: tuple[str, ...]
    """Eligibility warnings about this official, as printed in the berita acara."""


@dataclass(frozen=True, slots=True)
class RoundEvaluation:
    kind: RoundKind
    results: tuple[OfficialResult, ...]
    """In worksheet order."""
    issues: tuple[Issue, ...]

    @property
    def ranked(self) -> tuple[OfficialResult, ...]:
        """Highest score first, ties in worksheet order; seleksi terbuka grouped by post."""
        groups: dict[str | None, int] = {}
        if self.kind is RoundKind.SELEKSI_TERBUKA:
            for r in self.results:
                groups.setdefault(r.official.jabatan_sasaran, len(groups))
        return tuple(sorted(self.results, key=lambda r: (
            groups.get(r.official.jabatan_sasaran, 0), r.rank, r.official.row)))

    @property
    def needing_request(self) -> tuple[OfficialResult, ...]:
        return tuple(r for r in self.ranked if r.needs_request)


def evaluate_round(rnd: Round, rules: RuleSet) -> RoundEvaluation:
    """Results for every official, and the warnings the rules raise."""
    issues = IssueCollector(sheet="Pejabat")
    officials = rnd.officials
    scores = [final_score(o.scores, rnd.weights) for o in officials]
    if rnd.jenis is RoundKind.SELEKSI_TERBUKA:
        ranks = ranks_by_group(scores, [o.jabatan_sasaran for o in officials])
    else:
        ranks = competition_ranks(scores)
    results = []
    for official, score, rank in zip(officials, scores, ranks, strict=True):
        in_post = tenure(official.tmt_jabatan, rnd.tanggal_pelaksanaan)
        situation = Situation(
            kind=rnd.jenis, category=category(score, rnd.thresholds),
            predikat=official.predikat_kinerja, given_chance=official.sudah_diberi_kesempatan,
            jabatan=official.jabatan, jabatan_sasaran=official.jabatan_sasaran,
            tenure=in_post, rank=rank,
        )
        rec = recommend(situation, rules)
        if official.rekomendasi_manual:
            issues.warning(
                _cell(official, "rekomendasi_manual"), "rekomendasi.manual",
                f'rekomendasi untuk {official.full_name} ditetapkan manual oleh tim: '
                f'"{official.rekomendasi_manual}" (hasil perhitungan: "{rec.text}")',
                found=official.rekomendasi_manual, expected=rec.text,
            )
            rec = apply_manual(rec, official.rekomendasi_manual, rules)
        notes = _eligibility_notes(rnd.jenis, official, in_post, rules)
        for note in notes:
            issues.warning(_cell(official, "tmt_jabatan"), "masa_jabatan.syarat",
                           f"{official.full_name}: {note}")
        results.append(OfficialResult(
            official=official, final_score=score, category=situation.category, rank=rank,
            tenure=in_post, recommendation=rec.text, outcome=rec.outcome,
            needs_request=rec.needs_request, manual=rec.manual, notes=notes,
        ))
    return RoundEvaluation(rnd.jenis, tuple(results), tuple(issues.issues))


def _eligibility_notes(kind: RoundKind, official: Official, in_post: Tenure,
                       rules: RuleSet) -> tuple[str, ...]:
    limits = rules.tenure
    notes = []
    moving = kind is RoundKind.UJI_KOMPETENSI or (
        kind is RoundKind.EVALUASI_KINERJA and official.jabatan_sasaran is not None)
    if moving and not in_post.at_least_years(limits.protection_years):
        what = "uji kompetensi" if kind is RoundKind.UJI_KOMPETENSI else "rotasi"
        notes.append(
            f"masa jabatan {in_post} kurang dari {limits.protection_years} tahun untuk {what} "
            "(masa perlindungan UU ASN; periksa pengecualian SE MenPANRB 19/2023)"
        )
    over = Tenure(limits.max_years_uji_kompetensi * 12)
    if kind is RoundKind.UJI_KOMPETENSI and in_post > over:
        notes.append(
            f"masa jabatan {in_post} lebih dari {limits.max_years_uji_kompetensi} tahun "
            "untuk uji kompetensi"
        )
    return tuple(notes)


def _cell(official: Official, field: str) -> str | None:
    return official.cells.get(field)
