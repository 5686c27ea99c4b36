"""The recommendation tables of rules.md (v2): first matching row wins."""

from __future__ import annotations

from dataclasses import dataclass

from flows.domain import indonesian as fmt
from flows.domain.models import Category, Predikat, RoundKind
from flows.domain.ruleset import MOVES, RuleSet, fill
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
    exception: str | None = None
    """pengecualian_masa_jabatan: the ground for a move within the protected period."""


@dataclass(frozen=True, slots=True)
class Recommendation:
    outcome: str
    """Outcome key of the table (``rotasi`` …), or ``manual``."""
    text: str
    needs_request: bool
    manual: bool = False
    moves: bool = False
    """The computed outcome takes the official out of the post (into jabatan_sasaran)."""
    protected: bool = False
    """The official is within the protected period (and a move was asked for)."""
    exception_used: bool = False
    """A move within the protected period, on the ground of pengecualian_masa_jabatan."""
    term_passed: bool = False
    """The 5-year term has passed and the outcome is the extension."""


def values(s: Situation, rules: RuleSet) -> dict[str, str]:
    """The placeholders of the outcome wording and the sentences, for one official."""
    return {
        "jabatan_sasaran": s.jabatan_sasaran or "", "jabatan": s.jabatan,
        "peringkat": str(s.rank), "masa": fmt.masa(s.tenure.years, s.tenure.months),
        "pengecualian_masa_jabatan": s.exception or "",
        "tahun_perlindungan": fmt.jumlah(rules.tenure.protection_years),
        "tahun_perpanjangan": fmt.jumlah(_term_years(s.kind, rules)),
    }


def recommend(s: Situation, rules: RuleSet) -> Recommendation:
    """The computed recommendation for one official."""
    key = _outcome_key(s, rules)
    outcome = rules.outcome(s.kind, key)
    filled = values(s, rules)
    text = outcome.fill(filled)
    protected = bool(s.jabatan_sasaran) and _protected(s, rules)
    exception_used = key == "rotasi" and protected
    if exception_used:
        text += fill(rules.exception_suffix, filled)
    needs = outcome.needs_request
    if s.kind is RoundKind.SELEKSI_TERBUKA and key == "diusulkan":
        needs = needs and s.rank <= rules.request_max_rank
    return Recommendation(key, text, needs, moves=key in MOVES,
                          protected=protected and s.kind is not RoundKind.SELEKSI_TERBUKA,
                          exception_used=exception_used, term_passed=key == "perpanjangan")


def _term_years(kind: RoundKind, rules: RuleSet) -> int:
    if kind is RoundKind.UJI_KOMPETENSI:
        return rules.tenure.max_years_uji_kompetensi
    return rules.tenure.extension_years


def _protected(s: Situation, rules: RuleSet) -> bool:
    return not s.tenure.at_least_years(rules.tenure.protection_years)


def _outcome_key(s: Situation, rules: RuleSet) -> str:
    blocked = bool(s.jabatan_sasaran) and _protected(s, rules) and not s.exception
    if s.kind is RoundKind.EVALUASI_KINERJA:
        underperforming = (s.category is Category.KURANG
                           or s.predikat in rules.predikat_needing_improvement)
        if underperforming:
            return "uji_kompetensi_kembali" if s.given_chance else "kesempatan_perbaikan"
        if blocked:
            return "rotasi_ditunda"
        if s.jabatan_sasaran:
            return "rotasi"
        if s.tenure.at_least_years(rules.tenure.extension_years):
            return "perpanjangan"
        return "dipertahankan" if s.category is Category.BAIK else "dipertahankan_pembinaan"
    if s.kind is RoundKind.UJI_KOMPETENSI:
        if s.category is Category.KURANG:
            return "belum_direkomendasikan"
        if blocked:
            return "rotasi_ditunda"
        if s.jabatan_sasaran:
            return "rotasi"
        if s.tenure.at_least_years(rules.tenure.max_years_uji_kompetensi):
            return "perpanjangan"
        return "dipertahankan"
    if s.category is Category.KURANG:
        return "tidak_memenuhi_syarat"
    return "diusulkan" if s.rank <= rules.shortlist_size else "tidak_tiga_besar"


def apply_manual(computed: Recommendation, manual_text: str, rules: RuleSet) -> Recommendation:
    """A recommendation typed by the team replaces the computed one, and says so.

    ``needs_request`` stays as computed (``perlu_permohonan_manual`` overrides it).
    """
    return Recommendation("manual", f"{manual_text} {rules.manual_marker}",
                          computed.needs_request, manual=True, moves=computed.moves,
                          protected=computed.protected, exception_used=computed.exception_used,
                          term_passed=computed.term_passed)
