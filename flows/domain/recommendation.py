"""The recommendation table of rules.md: first matching row wins."""

from __future__ import annotations

from dataclasses import dataclass

from flows.domain.models import Category, Predikat, RoundKind
from flows.domain.ruleset import RuleSet
from flows.domain.scoring import Tenure


@dataclass(frozen=True, slots=True)
class Situation:
    """What the recommendation depends on, for one official."""

    kind: RoundKind
    category: Category
    predikat: Predikat | None
    given_chance: bool
    jabatan: str
    jabatan_sasaran: str | None
    tenure: Tenure
    rank: int


@dataclass(frozen=True, slots=True)
class Recommendation:
    outcome: str
    """Outcome key of the table (``rotasi`` …), or ``manual``."""
    text: str
    needs_request: bool
    manual: bool = False


def recommend(s: Situation, rules: RuleSet) -> Recommendation:
    """The computed recommendation for one official."""
    key = _outcome_key(s, rules)
    outcome = rules.outcome(s.kind, key)
    text = outcome.fill({
        "jabatan_sasaran": s.jabatan_sasaran or "", "jabatan": s.jabatan, "peringkat": str(s.rank),
    })
    needs = outcome.needs_request
    if s.kind is RoundKind.SELEKSI_TERBUKA and key == "diusulkan":
        needs = needs and s.rank <= rules.request_max_rank
    return Recommendation(key, text, needs)


def _outcome_key(s: Situation, rules: RuleSet) -> str:
    if s.kind is RoundKind.EVALUASI_KINERJA:
        underperforming = (s.category is Category.KURANG
                           or s.predikat in rules.predikat_needing_improvement)
        if underperforming:
            return "uji_kompetensi_kembali" if s.given_chance else "kesempatan_perbaikan"
        if s.jabatan_sasaran:
            return "rotasi"
        if s.tenure.at_least_years(rules.tenure.extension_years):
            return "perpanjangan"
        return "dipertahankan" if s.category is Category.BAIK else "dipertahankan_pembinaan"
    if s.kind is RoundKind.UJI_KOMPETENSI:
        if s.category is Category.KURANG:
            return "belum_direkomendasikan"
        return "rotasi" if s.jabatan_sasaran else "dipertahankan"
    if s.category is Category.KURANG:
        return "tidak_memenuhi_syarat"
    return "diusulkan" if s.rank <= rules.shortlist_size else "tidak_tiga_besar"


def apply_manual(computed: Recommendation, manual_text: str, rules: RuleSet) -> Recommendation:
    """A recommendation typed by the team replaces the computed one, and says so.

    ``needs_request`` stays as computed: the team's wording is free text.
    """
    return Recommendation("manual", f"{manual_text} {rules.manual_marker}",
                          computed.needs_request, manual=True)
