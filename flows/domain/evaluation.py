"""Apply the rules to a validated round: scores, ranks, recommendations, round-wide checks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flows.domain.elections import ElectionWindow, window_for
from flows.domain.issues import Issue, IssueCollector
from flows.domain.models import Category, Official, Round, RoundKind
from flows.domain.recommendation import (
    Recommendation,
    Situation,
    apply_manual,
    recommend,
    values,
)
from flows.domain.ruleset import SENTENCES, RuleSet, fill
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
    """Formal sentences about this official's tenure and post, as the letters print them."""
    moves: bool = False
    """The computed outcome takes the official out of the post, into jabatan_sasaran."""
    manual_request: bool = False
    """``needs_request`` was set by the team (perlu_permohonan_manual)."""
    term_passed: bool = False
    """The computed outcome is the extension of a passed 5-year term (kept when the team
    words the recommendation itself)."""


@dataclass(frozen=True, slots=True)
class RoundEvaluation:
    kind: RoundKind
    results: tuple[OfficialResult, ...]
    """In worksheet order."""
    issues: tuple[Issue, ...]
    election: ElectionWindow | None = None
    """The regional-election window the round falls in, when someone moves; else None."""
    held_posts: tuple[str, ...] = ()
    """Sentences naming each proposed post still held by an official who stays."""
    approval_needed: bool = False
    """A move falls in an election window and no approval of the Minister is recorded:
    the round produces the request for it."""
    shortlist: int = 3
    """Names proposed per post in seleksi terbuka."""

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

    @property
    def moving(self) -> tuple[OfficialResult, ...]:
        """Officials whose outcome moves them, in rank order."""
        return tuple(r for r in self.ranked if r.moves)


def evaluate_round(rnd: Round, rules: RuleSet) -> RoundEvaluation:
    """Results for every official, and the problems the rules and the round-wide checks find."""
    issues = IssueCollector(sheet="Pejabat")
    officials = rnd.officials
    scores = [final_score(o.scores, rnd.weights) for o in officials]
    if rnd.jenis is RoundKind.SELEKSI_TERBUKA:
        ranks = ranks_by_group(scores, [o.jabatan_sasaran for o in officials])
    else:
        ranks = competition_ranks(scores)
    results = []
    for official, score, rank in zip(officials, scores, ranks, strict=True):
        results.append(_evaluate_one(rnd, rules, official, score, rank, issues))
    held = _check_posts(rnd.jenis, results, rules, issues)
    if rnd.jenis is RoundKind.SELEKSI_TERBUKA:
        _check_shortlists(results, rules, issues)
    election = None
    if any(r.moves for r in results):
        election = window_for(rnd.pilkada, rnd.tanggal_pelaksanaan, rnd.tanggal_surat_permohonan)
    needed = election is not None and rnd.persetujuan_mendagri is None
    if needed:
        assert election is not None
        issues.warning(
            None, "pilkada.persetujuan_mendagri",
            f"putaran berada dalam masa {election.nama} (penetapan pasangan calon "
            f"{election.penetapan_paslon:%d/%m/%Y} sampai {election.end:%d/%m/%Y}) dan ada "
            "pejabat yang diusulkan pindah: surat permohonan persetujuan tertulis Menteri Dalam "
            "Negeri ikut dibuat; bila persetujuan sudah ada, isi persetujuan_mendagri_nomor dan "
            "persetujuan_mendagri_tanggal", sheet="Putaran")
    return RoundEvaluation(rnd.jenis, tuple(results), tuple(issues.issues), election, held,
                           needed, rules.shortlist_size)


def _evaluate_one(rnd: Round, rules: RuleSet, official: Official, score: Decimal, rank: int,
                  issues: IssueCollector) -> OfficialResult:
    in_post = tenure(official.tmt_jabatan, rnd.tanggal_pelaksanaan)
    situation = Situation(
        kind=rnd.jenis, category=category(score, rnd.thresholds),
        predikat=official.predikat_kinerja, given_chance=official.sudah_diberi_kesempatan,
        jabatan=official.jabatan, jabatan_sasaran=official.jabatan_sasaran,
        tenure=in_post, rank=rank, exception=official.pengecualian_masa_jabatan,
    )
    rec = recommend(situation, rules)
    notes = _notes(situation, rec, official, rules)
    if rec.outcome == "rotasi_ditunda":
        issues.warning(
            _cell(official, "jabatan_sasaran"), "masa_jabatan.perlindungan",
            f"{official.full_name}: pemindahan ke {official.jabatan_sasaran} tidak diusulkan "
            f"karena masa jabatan {in_post} belum {rules.tenure.protection_years} tahun; bila "
            "ada dasar pengecualian, isi kolom pengecualian_masa_jabatan",
            found=str(in_post), expected=f"paling singkat {rules.tenure.protection_years} tahun")
    if official.rekomendasi_manual:
        issues.warning(
            _cell(official, "rekomendasi_manual"), "rekomendasi.manual",
            f'rekomendasi untuk {official.full_name} ditetapkan manual oleh tim: '
            f'"{official.rekomendasi_manual}" (hasil perhitungan: "{rec.text}")',
            found=official.rekomendasi_manual, expected=rec.text,
        )
        rec = apply_manual(rec, official.rekomendasi_manual, rules)
    needs = rec.needs_request
    manual_request = official.perlu_permohonan_manual is not None
    if manual_request:  # listed even when it agrees: an override is never silent
        said = "Ya" if official.perlu_permohonan_manual else "Tidak"
        issues.warning(
            _cell(official, "perlu_permohonan_manual"), "permohonan.manual",
            f"{official.full_name}: masuk surat permohonan ditetapkan manual oleh tim "
            f'("{said}"; hasil perhitungan: "{"Ya" if needs else "Tidak"}")',
            found=said, expected="Ya" if needs else "Tidak")
        needs = bool(official.perlu_permohonan_manual)
    return OfficialResult(
        official=official, final_score=score, category=situation.category, rank=rank,
        tenure=in_post, recommendation=rec.text, outcome=rec.outcome, needs_request=needs,
        manual=rec.manual, notes=notes, moves=rec.moves,
        manual_request=manual_request, term_passed=rec.term_passed,
    )


def _notes(s: Situation, rec: Recommendation, official: Official,
           rules: RuleSet) -> tuple[str, ...]:
    """The 2- and 5-year facts about one official, in the letters' formal sentences."""
    filled = {**values(s, rules), "nama": official.full_name,
              "dasar_perlindungan": rules.tenure.protection_basis,
              "dasar_masa_jabatan": rules.tenure.term_basis}
    notes = []
    if rec.exception_used:
        notes.append(fill(rules.sentences["pengecualian"], filled))
    elif rec.outcome == "rotasi_ditunda":
        notes.append(fill(rules.sentences["masa_perlindungan"], filled))
    if rec.term_passed:
        notes.append(fill(rules.sentences["masa_jabatan_lampau"], filled))
    return tuple(notes)


def _key(post: str) -> str:
    return " ".join(post.split()).casefold()


def _check_posts(kind: RoundKind, results: list[OfficialResult], rules: RuleSet,
                 issues: IssueCollector) -> tuple[str, ...]:
    """Two moves into one post (error); a proposed post held by someone who stays (warning)."""
    if kind is RoundKind.SELEKSI_TERBUKA:
        return ()
    first: dict[str, OfficialResult] = {}
    for r in results:
        if not r.moves or not r.official.jabatan_sasaran:
            continue
        key = _key(r.official.jabatan_sasaran)
        if key in first:
            other = first[key].official
            issues.error(
                _cell(r.official, "jabatan_sasaran"), "jabatan_sasaran.ganda",
                f"{r.official.full_name} (baris {r.official.row}) dan {other.full_name} "
                f"(baris {other.row}) sama-sama diusulkan pindah ke jabatan "
                f"{r.official.jabatan_sasaran}; satu jabatan hanya untuk satu pejabat",
                found=r.official.jabatan_sasaran,
                expected=f"jabatan sasaran yang berbeda dari baris {other.row}")
        else:
            first[key] = r
    stays = {_key(r.official.jabatan): r for r in results if not r.moves}
    held = []
    for key, r in first.items():
        holder = stays.get(key)
        if holder is None:
            continue
        o = r.official
        issues.warning(
            _cell(o, "jabatan_sasaran"), "jabatan_sasaran.masih_diduduki",
            f"{o.full_name} (baris {o.row}) diusulkan ke jabatan {o.jabatan_sasaran}, yang "
            f"masih diduduki {holder.official.full_name} (baris {holder.official.row}) yang "
            "tidak diusulkan pindah; saran pendapat menyebutkannya",
            found=o.jabatan_sasaran, expected="jabatan yang lowong atau ditinggalkan")
        filled = dict.fromkeys(SENTENCES["jabatan_masih_diduduki"], "")
        filled.update(jabatan_sasaran=o.jabatan_sasaran or "", nama=o.full_name,
                      jabatan=o.jabatan, pemegang=holder.official.full_name)
        held.append(fill(rules.sentences["jabatan_masih_diduduki"], filled))
    return tuple(held)


def _check_shortlists(results: list[OfficialResult], rules: RuleSet,
                      issues: IssueCollector) -> None:
    """A seleksi terbuka post with fewer candidates who pass than the PPK chooses from."""
    posts: dict[str, list[OfficialResult]] = {}
    for r in results:
        posts.setdefault(r.official.jabatan_sasaran or "", []).append(r)
    wanted = rules.shortlist_size
    for post, candidates in posts.items():
        passing = [r for r in candidates if r.category is not Category.KURANG]
        if len(passing) >= wanted:
            continue
        rows = ", ".join(str(r.official.row) for r in candidates)
        issues.warning(
            _cell(candidates[0].official, "jabatan_sasaran"), "seleksi.kurang_dari_tiga",
            f"jabatan {post} hanya memiliki {len(passing)} calon yang memenuhi syarat (baris "
            f"{rows}); Pejabat Pembina Kepegawaian memilih dari {wanted} calon (Peraturan "
            "Menteri PANRB Nomor 15 Tahun 2019)",
            found=str(len(passing)), expected=f"paling sedikit {wanted} calon")


def _cell(official: Official, field: str) -> str | None:
    return official.cells.get(field)
