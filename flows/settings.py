"""Office settings: the optional ``naskah.toml`` of an office, over the shipped defaults.

Looked up in this order: the ``--settings`` option, the ``NASKAH_SETTINGS`` environment
variable, ``naskah.toml`` in the current folder. Without any, the defaults in
``flows/data/bawaan.toml`` apply. A few keys can also be set by environment variables
(``ENV_KEYS``), which win over both files.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from flows.domain.legal import LegalBasis
from flows.domain.numbering import NumberingSettings, build_numbering
from flows.domain.ruleset import RuleSet, build_ruleset, merge_settings
from flows.domain.values import ValueProblem
from flows.errors import SettingsError

T = TypeVar("T")

ENV_VAR = "NASKAH_SETTINGS"
DEFAULT_FILE = Path("naskah.toml")
PAPER_SIZES = {"A4": (210, 297), "F4": (215, 330)}
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
"""The desk's own address (``naskah web`` on its default port) when ``url_publik`` is empty."""
"""Paper sizes in millimetres."""


@dataclass(frozen=True, slots=True)
class LetterSettings:
    paper: str
    """``A4`` or ``F4``."""
    templates: Path | None
    """The office's own template folder, or None for the shipped ones."""
    mengingat: tuple[LegalBasis, ...]
    paper_keputusan: str = "F4"
    """Paper of a Keputusan (produk hukum daerah): ``F4`` or ``A4``."""
    recommendation_in_notice: bool = False
    """The result notice to an official shows the team's recommendation."""
    regional_offices: Mapping[str, str] = field(default_factory=dict)
    """The BKN regional office of each province (lower-case name, without "Provinsi")."""

    def regional_office(self, provinsi: str) -> str:
        """The BKN regional office of ``provinsi``, or the office in general."""
        key = provinsi.strip().lower().removeprefix("provinsi ").strip()
        return self.regional_offices.get(key) or "Kantor Regional Badan Kepegawaian Negara"
    time_zone: str = ""
    """``WIB``, ``WITA``, ``WIT``, or empty: from the round's provinsi."""

    @property
    def paper_mm(self) -> tuple[int, int]:
        return PAPER_SIZES[self.paper]

    @property
    def paper_keputusan_mm(self) -> tuple[int, int]:
        return PAPER_SIZES[self.paper_keputusan]


EMBLEM_KINDS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
"""The picture formats a kop emblem may have, by their first bytes."""


@dataclass(frozen=True, slots=True)
class KopSettings:
    """The office's kop: its emblems (picture files) and the unit's contact lines."""

    lambang_negara: Path | None = None
    """The Garuda Pancasila of the kepala daerah's documents; None: the placeholder frame."""
    lambang_daerah: Path | None = None
    """The region's emblem of the unit's letters; None: the placeholder frame."""
    alamat: str = ""
    telepon: str = ""
    laman: str = ""
    pos_el: str = ""

    def emblems(self) -> dict[str, bytes]:
        """The configured pictures by the alt text of the template's placeholder."""
        found = {}
        for name, path in (("naskah:lambang_negara", self.lambang_negara),
                           ("naskah:lambang_daerah", self.lambang_daerah)):
            if path is not None:
                try:
                    found[name] = path.read_bytes()
                except OSError as exc:
                    raise SettingsError(f"Gambar kop {path} tidak dapat dibaca: {exc}") from None
        return found

    def warning(self) -> str | None:
        """One warning (Indonesian) when an emblem is not set, else None."""
        missing = [label for label, path in (("lambang negara (kop.lambang_negara)",
                                              self.lambang_negara),
                                             ("lambang daerah (kop.lambang_daerah)",
                                              self.lambang_daerah)) if path is None]
        if not missing:
            return None
        return ("Gambar " + " dan ".join(missing) + " belum diatur di berkas pengaturan; kop "
                'naskah memakai bingkai pengganti bertuliskan "LAMBANG". Lihat '
                "docs/pengaturan.md, bagian [kop].")


@dataclass(frozen=True, slots=True)
class RunSettings:
    outputs: Path
    converters: int
    """LibreOffice processes at once (all rounds of a run together)."""
    batch_size: int
    rounds_at_once: int
    conversion_timeout_s: int
    pool: str = ""
    """The Prefect work pool the desk submits rounds to (several machines); empty: the
    desk's own worker on this machine."""
    background_minutes: int = 0
    """``naskah run`` without PREFECT_API_URL: the background Prefect server stays up this
    many minutes after its last run (flows.background_server); 0: a private server per run."""


@dataclass(frozen=True, slots=True)
class SigningSettings:
    certificate: Path | None
    """The office's PKCS#12 file; None: a SPESIMEN certificate."""
    passphrase_env: str
    per_kind: Mapping[str, tuple[Path, ...]]
    """Certificates of each kind of letter, when it has its own signers."""
    timestamp_url: str | None = None
    """An RFC 3161 timestamp authority: PAdES B-T instead of B-B."""
    visible: bool = True
    public_url: str = DEFAULT_PUBLIC_URL
    """``[web] url_publik``: the QR of every signed letter leads to ``{public_url}/cek/
    {kode}``."""
    footer: str = ""
    trust_roots: tuple[Path, ...] = ()
    """Certificate files an external signature must chain to (archive-signed, verify)."""

    def certificates(self, kind: str) -> tuple[Path | None, ...]:
        return self.per_kind.get(kind) or (self.certificate,)


@dataclass(frozen=True, slots=True)
class WebSettings:
    data: Path
    """Folder of the desk's database and uploaded workbooks."""
    max_upload_bytes: int
    approval_required: bool
    approval_timeout_s: int
    samples_per_kind: int
    login_failures: int
    login_pause_s: int
    session_s: int
    secure_cookie: bool
    checks_per_hour: int = 60
    """Uploads to /cek and unknown codes asked for, per address and hour."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses of reverse proxies whose X-Forwarded-For is believed."""

    @property
    def database(self) -> Path:
        return self.data / "naskah-web.sqlite"

    @property
    def uploads(self) -> Path:
        return self.data / "unggahan"


@dataclass(frozen=True, slots=True)
class Settings:
    rules: RuleSet
    numbering: NumberingSettings
    register: Path | str
    """A SQLite file, or a ``postgresql://`` URL (several machines)."""
    letters: LetterSettings
    run: RunSettings
    signing: SigningSettings
    web: WebSettings
    source: Path | None
    """The office file these came from, or None for the defaults."""
    kop: KopSettings = KopSettings()


ENV_KEYS: dict[str, tuple[str, str]] = {
    "NASKAH_REGISTER": ("penomoran", "register"),
    "NASKAH_FOLDER_TEMPLATE": ("surat", "folder_template"),
    "NASKAH_UKURAN_KERTAS": ("surat", "ukuran_kertas"),
    "NASKAH_FOLDER_KELUARAN": ("jalan", "folder_keluaran"),
    "NASKAH_PEKERJA_LIBREOFFICE": ("jalan", "pekerja_libreoffice"),
    "NASKAH_UKURAN_BATCH": ("jalan", "ukuran_batch"),
    "NASKAH_PUTARAN_BERSAMAAN": ("jalan", "putaran_bersamaan"),
    "NASKAH_SERTIFIKAT": ("tanda_tangan", "sertifikat"),
    "NASKAH_BATAS_WAKTU_KONVERSI": ("jalan", "batas_waktu_konversi"),
    "NASKAH_FOLDER_DATA_WEB": ("web", "folder_data"),
    "NASKAH_URL_PUBLIK": ("web", "url_publik"),
    "NASKAH_KOLAM_KERJA": ("jalan", "kolam_kerja"),
    "NASKAH_SERVER_LATAR_MENIT": ("jalan", "server_latar_menit"),
}
"""Environment variables that override one settings key each."""


@cache
def default_data() -> Mapping[str, Any]:
    """The shipped ``bawaan.toml`` as a mapping."""
    text = resources.files("flows.data").joinpath("bawaan.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def settings_path(explicit: Path | None = None) -> Path | None:
    """The settings file in force, or None."""
    if explicit is not None:
        return explicit
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    return DEFAULT_FILE if DEFAULT_FILE.is_file() else None


def read_office_file(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"Berkas pengaturan {path} tidak ditemukan.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Berkas pengaturan {path} tidak dapat dibaca: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Berkas pengaturan {path} bukan TOML yang sah: {exc}") from None


def load_settings(path: Path | None = None) -> Settings:
    """The settings in force: the shipped defaults, overridden by the office's file."""
    source = settings_path(path)
    office = read_office_file(source) if source else {}
    where = f"Berkas pengaturan {source}" if source else "Pengaturan"
    try:
        if "pola_url_qr" in office.get("tanda_tangan", {}):
            raise ValueProblem("tanda_tangan.pola_url_qr tidak dipakai lagi: QR surat kini "
                               "menuju halaman cek naskah sendiri; hapus kunci itu dan atur "
                               "alamat publik kantor di web.url_publik")
        environment = _environment()
        if environment:
            where += " (dengan variabel lingkungan NASKAH_*)"
        merged = merge_settings(merge_settings(default_data(), office), environment)
        return Settings(
            rules=_section("aturan", build_ruleset, merged),
            numbering=build_numbering(merged["penomoran"]),
            register=_register(merged["penomoran"]["register"]),
            letters=_letters(merged["surat"]),
            run=_run(merged["jalan"]),
            signing=_signing(merged["tanda_tangan"], _public_url(merged["web"]["url_publik"])),
            web=_web(merged["web"]),
            source=source,
            kop=_kop(merged["kop"], source),
        )
    except ValueProblem as problem:
        raise SettingsError(f"{where}: {problem.reason}.") from None


def _section(name: str, build: Callable[[Any], T], merged: Mapping[str, Any]) -> T:
    """Build one section, naming it in front of any key path in the message."""
    try:
        return build(merged[name])
    except ValueProblem as problem:
        raise ValueProblem(f"{name}.{problem.reason}") from None


def load_rules(path: Path | None = None) -> RuleSet:
    """The evaluation rules in force (see ``load_settings``)."""
    return load_settings(path).rules


def default_rules() -> RuleSet:
    """The shipped rules, ignoring any office settings."""
    return build_ruleset(default_data()["aturan"])


def _letters(data: Mapping[str, Any]) -> LetterSettings:
    paper, paper_keputusan = data["ukuran_kertas"], data["ukuran_kertas_keputusan"]
    for key, value in (("ukuran_kertas", paper), ("ukuran_kertas_keputusan", paper_keputusan)):
        if value not in PAPER_SIZES:
            raise ValueProblem(f'surat.{key} harus "A4" atau "F4"')
    mengingat = data["mengingat"]
    if not isinstance(mengingat, list):
        raise ValueProblem("surat.mengingat harus berupa daftar [[surat.mengingat]]")
    folder = data["folder_template"]
    if not isinstance(data["rekomendasi_di_pemberitahuan"], bool):
        raise ValueProblem("surat.rekomendasi_di_pemberitahuan harus true atau false")
    offices = {}
    for province, office in data["kantor_regional_bkn"].items():
        if not isinstance(office, str):
            raise ValueProblem(f'surat.kantor_regional_bkn."{province}" harus berupa teks')
        offices[province.strip().lower()] = office.strip()
    zone = data.get("zona_waktu", "")
    if zone not in ("", "WIB", "WITA", "WIT"):
        raise ValueProblem('surat.zona_waktu harus "WIB", "WITA", "WIT" atau "" (dari provinsi)')
    return LetterSettings(paper, _path(folder, "surat.folder_template") if folder else None,
                          tuple(_legal_basis(m, i) for i, m in enumerate(mengingat, start=1)),
                          paper_keputusan, data["rekomendasi_di_pemberitahuan"], offices, zone)


def _legal_basis(entry: object, i: int) -> LegalBasis:
    """One ``[[surat.mengingat]]``: teks, berlaku_sejak, dicabut_sejak (a bare text: always)."""
    where = f"surat.mengingat[{i}]"
    if isinstance(entry, str) and entry.strip():
        return LegalBasis(entry.strip())
    if not isinstance(entry, Mapping):
        raise ValueProblem(f"{where} harus berupa tabel {{teks, berlaku_sejak, dicabut_sejak}}")
    unknown = set(entry) - {"teks", "berlaku_sejak", "dicabut_sejak"}
    if unknown:
        raise ValueProblem(f"{where}: kunci tidak dikenal: {', '.join(sorted(unknown))}")
    text = entry.get("teks")
    if not isinstance(text, str) or not text.strip():
        raise ValueProblem(f"{where}.teks harus berupa teks yang tidak kosong")
    dates = {}
    for key in ("berlaku_sejak", "dicabut_sejak"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise ValueProblem(f"{where}.{key} harus tanggal TOML, misalnya 2023-10-31")
        dates[key] = value
    start, end = dates["berlaku_sejak"], dates["dicabut_sejak"]
    if start and end and end <= start:
        raise ValueProblem(f"{where}: dicabut_sejak harus sesudah berlaku_sejak")
    return LegalBasis(text.strip(), start, end)


def _kop(data: Mapping[str, Any], source: Path | None) -> KopSettings:
    """The ``[kop]`` section; an emblem path is relative to the settings file's folder."""
    texts = {}
    for key in ("alamat", "telepon", "laman", "pos_el"):
        if not isinstance(data[key], str):
            raise ValueProblem(f"kop.{key} harus berupa teks")
        texts[key] = data[key].strip()
    emblems: dict[str, Path | None] = {}
    for key in ("lambang_negara", "lambang_daerah"):
        value = data[key]
        if value == "":
            emblems[key] = None
            continue
        path = _path(value, f"kop.{key}")
        if not path.is_absolute() and source is not None:
            path = source.parent / path
        try:
            head = path.read_bytes()[:8]
        except OSError:
            raise ValueProblem(f"kop.{key}: gambar {path} tidak ditemukan") from None
        if not any(head.startswith(magic) for magic in EMBLEM_KINDS):
            raise ValueProblem(f"kop.{key}: {path} harus gambar PNG atau JPEG")
        emblems[key] = path
    return KopSettings(emblems["lambang_negara"], emblems["lambang_daerah"], **texts)


def _environment() -> dict[str, dict[str, Any]]:
    """The ENV_KEYS that are set, as a settings mapping (numbers parsed as numbers)."""
    found: dict[str, dict[str, Any]] = {}
    for name, (section, key) in ENV_KEYS.items():
        value = os.environ.get(name)
        if value is None:
            continue
        typed: Any = value
        if isinstance(default_data()[section][key], int):
            try:
                typed = int(value)
            except ValueError:
                raise ValueProblem(f"variabel lingkungan {name} harus bilangan bulat") from None
        found.setdefault(section, {})[key] = typed
    return found


def _run(data: Mapping[str, Any]) -> RunSettings:
    def whole(key: str, low: int) -> int:
        return _whole(data, "jalan", key, low)

    converters = whole("pekerja_libreoffice", 0) or (os.cpu_count() or 1)
    return RunSettings(
        outputs=_path(data["folder_keluaran"], "jalan.folder_keluaran"), converters=converters,
        batch_size=whole("ukuran_batch", 1), rounds_at_once=whole("putaran_bersamaan", 1),
        conversion_timeout_s=whole("batas_waktu_konversi", 5),
        pool=_pool(data["kolam_kerja"]),
        background_minutes=whole("server_latar_menit", 0),
    )


def _pool(value: object) -> str:
    if not isinstance(value, str) or (value.strip() and not re.fullmatch(
            r"[A-Za-z0-9][A-Za-z0-9_-]{0,62}", value.strip())):
        raise ValueProblem("jalan.kolam_kerja harus nama kolam kerja (huruf, angka, - atau _) "
                           "atau kosong")
    return value.strip()


def _whole(data: Mapping[str, Any], section: str, key: str, low: int) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueProblem(f"{section}.{key} harus bilangan bulat paling kecil {low}")
    return value


def _web(data: Mapping[str, Any]) -> WebSettings:
    def whole(key: str, low: int) -> int:
        return _whole(data, "web", key, low)

    for key in ("wajib_persetujuan", "cookie_aman"):
        if not isinstance(data[key], bool):
            raise ValueProblem(f"web.{key} harus true atau false")
    return WebSettings(
        data=_path(data["folder_data"], "web.folder_data"),
        max_upload_bytes=whole("ukuran_unggahan_maks_mb", 1) * 1024 * 1024,
        approval_required=data["wajib_persetujuan"],
        approval_timeout_s=whole("batas_tunggu_persetujuan_jam", 1) * 3600,
        samples_per_kind=whole("sampel_per_jenis", 1),
        login_failures=whole("batas_gagal_masuk", 1),
        login_pause_s=whole("jeda_gagal_masuk_menit", 1) * 60,
        session_s=whole("sesi_jam", 1) * 3600,
        secure_cookie=data["cookie_aman"],
        checks_per_hour=whole("batas_cek_per_jam", 1),
        trusted_proxies=_proxies(data.get("proksi_tepercaya", [])),
    )


def _public_url(value: object) -> str:
    if value == "":
        return DEFAULT_PUBLIC_URL
    if (not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value)
            or "{" in value):
        raise ValueProblem("web.url_publik harus alamat http(s):// tanpa ? atau #, misalnya "
                           "https://naskah.bkpsdm.contoh.go.id")
    return value.rstrip("/")


def _proxies(value: object) -> tuple[str, ...]:
    import ipaddress

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueProblem("web.proksi_tepercaya harus daftar alamat IP")
    try:
        return tuple(str(ipaddress.ip_address(v.strip())) for v in value)
    except ValueError:
        raise ValueProblem("web.proksi_tepercaya harus daftar alamat IP (misalnya "
                           '["127.0.0.1"])') from None


def _signing(data: Mapping[str, Any], public_url: str) -> SigningSettings:
    certificate = data["sertifikat"]
    env = data["variabel_kata_sandi"]
    if not isinstance(env, str) or not env.strip():
        raise ValueProblem("tanda_tangan.variabel_kata_sandi harus nama variabel lingkungan")
    per_kind = {}
    for kind, files in data["naskah"].items():
        if not isinstance(files, list) or not all(isinstance(f, str) and f for f in files):
            raise ValueProblem(f"tanda_tangan.naskah.{kind} harus daftar path berkas .p12")
        per_kind[kind] = tuple(Path(f).expanduser() for f in files)
    roots = data.get("akar_tepercaya", [])
    if not isinstance(roots, list) or not all(isinstance(r, str) and r.strip() for r in roots):
        raise ValueProblem("tanda_tangan.akar_tepercaya harus daftar path berkas sertifikat "
                           "(PEM atau DER)")
    if not isinstance(data["tampilan"], bool) or not isinstance(data["teks_kaki"], str):
        raise ValueProblem("tanda_tangan.tampilan harus true/false dan teks_kaki berupa teks")
    return SigningSettings(
        _path(certificate, "tanda_tangan.sertifikat") if certificate else None, env.strip(),
        per_kind, _url(data["url_stempel_waktu"]), data["tampilan"], public_url,
        data["teks_kaki"].strip(), tuple(Path(r).expanduser() for r in roots))


def _url(value: object) -> str | None:
    if value == "":
        return None
    if not isinstance(value, str) or not re.match(r"^https?://", value):
        raise ValueProblem("tanda_tangan.url_stempel_waktu harus alamat http(s)://")
    return value


def _register(value: object) -> Path | str:
    """A PostgreSQL URL as given; anything else a path."""
    if isinstance(value, str) and value.strip().startswith(("postgresql://", "postgres://")):
        return value.strip()
    return _path(value, "penomoran.register")


def _path(value: object, key: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueProblem(f"{key} harus berupa teks (path)")
    return Path(value).expanduser()
