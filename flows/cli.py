"""The `naskah` command line. Everything printed here is for clerks, in Indonesian."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from flows import __version__
from flows.errors import EngineError, WorkbookError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)",
     r"perintah \2 tidak dikenal; pilih salah satu: \3"),
    (r"argument (\S+): expected one argument", r"\1 memerlukan satu nilai"),
    (r"argument (\S+): (.*)", r"argumen \1: \2"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian headings and error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def format_usage(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups,
                            prefix="Penggunaan: ")
        return formatter.format_help()

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "Penggunaan: ", 1)

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="naskah",
        description="Naskah: surat-surat putaran evaluasi Pejabat Pimpinan Tinggi Pratama "
                    "dari satu workbook Excel.",
    )
    parser.add_argument("--version", action="version", version=f"naskah {__version__}",
                        help="tampilkan versi lalu keluar")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah",
                                     parser_class=_Parser)
    commands.required = True

    template = commands.add_parser(
        "template-workbook", help="tulis workbook putaran kosong untuk diisi",
        description="Menulis workbook putaran kosong: semua sheet dan judul kolom, sheet "
                    "Petunjuk, dan daftar pilihan.")
    template.add_argument("path", metavar="PATH", type=Path, help="berkas .xlsx yang ditulis")
    template.add_argument("--force", action="store_true",
                          help="timpa berkas bila sudah ada")
    template.add_argument("--jenis", choices=("evaluasi_kinerja", "uji_kompetensi",
                                              "seleksi_terbuka"),
                          help="workbook untuk satu jenis putaran: jenisnya sudah terisi dan "
                               "hanya kolom nilai yang berbobot untuk jenis itu")
    template.add_argument("--settings", metavar="PATH", type=Path,
                          help="berkas pengaturan kantor (bobot bawaan per jenis)")
    template.set_defaults(handler=_template_workbook)

    validate = commands.add_parser(
        "validate", help="periksa workbook putaran dan tampilkan setiap masalah",
        description="Memeriksa workbook putaran. Setiap masalah ditampilkan dengan sel "
                    "tempatnya. Keluar dengan kode 0 bila sah (peringatan boleh), 1 bila ada "
                    "kesalahan.")
    validate.add_argument("workbook", metavar="WORKBOOK", type=Path, help="workbook .xlsx")
    validate.add_argument("--json", action="store_true",
                          help="keluaran JSON untuk dibaca program lain")
    validate.add_argument("--settings", metavar="PATH", type=Path,
                          help="berkas pengaturan kantor (bawaan: $NASKAH_SETTINGS atau "
                               "./naskah.toml)")
    validate.set_defaults(handler=_validate)

    check = commands.add_parser(
        "check-templates", help="periksa template Word kantor sebelum dipakai",
        description="Memeriksa setiap template Word: variabel yang tidak dikenal, variabel yang "
                    "tidak dipakai, dan tag yang terpecah oleh Word. Keluar dengan kode 1 bila "
                    "ada kesalahan.")
    check.add_argument("folder", metavar="DIR", type=Path, nargs="?",
                       help="folder template (bawaan: folder template yang berlaku)")
    check.add_argument("--settings", metavar="PATH", type=Path,
                       help="berkas pengaturan kantor")
    check.set_defaults(handler=_check_templates)

    run = commands.add_parser(
        "run", help="buat semua surat putaran: nomor, Word, PDF, tanda tangan",
        description="Menjalankan alur putaran untuk setiap workbook (beberapa workbook atau "
                    "folder = massal). Hasil di DIR/<kode_putaran>/. Keluar dengan kode 0 bila "
                    "semua putaran selesai, 1 bila ada yang gagal atau tidak sah.")
    run.add_argument("workbooks", metavar="WORKBOOK", type=Path, nargs="+",
                     help="workbook .xlsx, atau folder berisi workbook")
    run.add_argument("--out", metavar="DIR", type=Path,
                     help="folder hasil (bawaan: outputs/, atau pengaturan jalan)")
    run.add_argument("--no-pdf", action="store_true", help="hanya dokumen Word, tanpa PDF")
    run.add_argument("--no-sign", action="store_true", help="tanpa tanda tangan elektronik")
    run.add_argument("--templates", metavar="DIR", type=Path,
                     help="folder template Word kantor (periksa dulu dengan check-templates)")
    run.add_argument("--require-approval", action="store_true",
                     help="tunggu persetujuan (di Prefect UI) sebelum surat ditandatangani; "
                          "perlu server Prefect bersama (PREFECT_API_URL)")
    run.add_argument("--settings", metavar="PATH", type=Path, help="berkas pengaturan kantor")
    run.add_argument("--pool", metavar="NAMA",
                     help="kirim setiap putaran ke kolam kerja NAMA (beberapa mesin, lihat "
                          "naskah deploy) alih-alih menjalankannya di sini; mencetak id flow "
                          "run; perlu PREFECT_API_URL")
    run.add_argument("--wait", action="store_true",
                     help="bersama --pool: tunggu sampai semua putaran selesai lalu cetak "
                          "ringkasannya")
    run.set_defaults(handler=_run)

    deploy = commands.add_parser(
        "deploy", help="daftarkan alur putaran pada kolam kerja Prefect (beberapa mesin)",
        description="Membuat kolam kerja jenis process bila belum ada, mendaftarkan deployment "
                    "putaran, putaran-massal dan putaran-web padanya, membuat batas global "
                    "LibreOffice (naskah-libreoffice) dan otomasi untuk mesin yang mati. Perlu "
                    "PREFECT_API_URL. Aman dijalankan lagi (lihat docs/skala.md).")
    deploy.add_argument("--pool", metavar="NAMA", default="naskah",
                        help="nama kolam kerja (bawaan: naskah)")
    deploy.add_argument("--batas-libreoffice", metavar="N", type=int,
                        help="konversi LibreOffice sekaligus di semua mesin (bawaan: 4 saat "
                             "dibuat; tanpa pilihan ini nilai yang ada tidak diubah)")
    deploy.set_defaults(handler=_deploy)

    worker = commands.add_parser(
        "worker", help="jalankan pekerja kolam kerja di mesin ini",
        description="Menjalankan pekerja Prefect kolam kerja di mesin ini: mengambil putaran "
                    "dari server (PREFECT_API_URL) dan menjalankannya. Jalur relatif pengaturan "
                    "kantor dibaca dari folder tempat perintah ini dijalankan. Berjalan sampai "
                    "dihentikan (Ctrl-C).")
    worker.add_argument("--pool", metavar="NAMA", default="naskah",
                        help="nama kolam kerja (bawaan: naskah)")
    worker.add_argument("--limit", metavar="N", type=int,
                        help="putaran sekaligus di mesin ini (bawaan: tanpa batas)")
    worker.add_argument("--name", metavar="NAMA", help="nama pekerja di Prefect UI")
    worker.set_defaults(handler=_worker)

    register = commands.add_parser(
        "register", help="kelola register nomor",
        description="Register nomor surat. 'export' memindahkan register SQLite kantor ke "
                    "PostgreSQL tanpa mengubah satu nomor pun.")
    register_commands = register.add_subparsers(dest="register_command", metavar="PERINTAH",
                                                title="perintah register", parser_class=_Parser)
    register_commands.required = True
    export = register_commands.add_parser(
        "export", help="pindahkan register SQLite ke PostgreSQL",
        description="Menyalin setiap seri, nomor dan riwayat register SQLite ke register "
                    "PostgreSQL yang masih kosong, dalam satu transaksi. Setelah itu setel "
                    "[penomoran] register ke URL tersebut.")
    export.add_argument("--ke", metavar="URL", required=True,
                        help="register tujuan, misalnya postgresql://naskah@db/naskah")
    export.add_argument("--dari", metavar="PATH", type=Path,
                        help="register SQLite (bawaan: [penomoran] register yang berlaku)")
    export.add_argument("--settings", metavar="PATH", type=Path, help="berkas pengaturan kantor")
    export.set_defaults(handler=_register)

    serve = commands.add_parser(
        "serve", help="sajikan alur putaran di Prefect UI agar petugas dapat menjalankannya",
        description="Menyajikan alur putaran sebagai deployment Prefect. Tanpa PREFECT_API_URL "
                    "server Prefect lokal (dengan UI) dijalankan. Berjalan sampai dihentikan "
                    "(Ctrl-C).")
    serve.add_argument("--inputs", metavar="DIR", type=Path, default=Path("inputs"),
                       help="folder workbook yang dapat dipilih (bawaan: inputs/)")
    serve.add_argument("--out", metavar="DIR", type=Path, default=Path("outputs"),
                       help="folder hasil (bawaan: outputs/)")
    serve.add_argument("--port", type=int, default=4200,
                       help="port server Prefect lokal (bawaan: 4200)")
    serve.set_defaults(handler=_serve)

    server = commands.add_parser(
        "server", help="server Prefect latar milik naskah run (lihat atau hentikan)",
        description="Tanpa PREFECT_API_URL, naskah run memakai server Prefect yang berjalan di "
                    "latar dan berhenti sendiri setelah [jalan] server_latar_menit menit tanpa "
                    "putaran. 'status' menampilkannya, 'hentikan' menghentikannya sekarang.")
    server.add_argument("aksi", choices=("status", "hentikan"), metavar="AKSI",
                        help="status atau hentikan")
    server.set_defaults(handler=_server)

    cari = commands.add_parser(
        "cari", help="cari surat di arsip semua putaran (nama, NIP, nomor, jenis, tahun)",
        description="Mencari surat di semua folder putaran: menurut nama, NIP, nomor atau kode "
                    "putaran, jenis surat atau jenis putaran, dan tahun; dengan status "
                    "suratnya (ditandatangani, ditandatangani di luar, digantikan, belum).")
    cari.add_argument("teks", metavar="TEKS", nargs="*", help="nama, NIP, nomor atau kode")
    cari.add_argument("--jenis", default="", help="jenis surat (undangan …) atau putaran")
    cari.add_argument("--tahun", default="", help="tahun, misalnya 2024")
    cari.add_argument("--out", metavar="DIR", type=Path,
                      help="folder hasil (bawaan: [jalan] folder_keluaran)")
    cari.add_argument("--settings", metavar="PATH", type=Path, help="berkas pengaturan kantor")
    cari.set_defaults(handler=_cari)

    verify = commands.add_parser(
        "verify", help="periksa keutuhan berkas dan tanda tangan sebuah putaran",
        description="Menghitung ulang hash setiap berkas di manifest dan memeriksa setiap tanda "
                    "tangan. Keluar dengan kode 0 bila utuh, 1 bila ada yang berubah atau "
                    "tidak sah.")
    verify.add_argument("folder", metavar="ROUND_DIR", type=Path,
                        help="folder putaran, misalnya outputs/EVKIN-BUTENG-2024")
    verify.add_argument("--settings", metavar="PATH", type=Path,
                        help="berkas pengaturan kantor (akar tepercaya, register)")
    verify.set_defaults(handler=_verify)

    archive = commands.add_parser(
        "archive-signed", help="arsipkan PDF yang ditandatangani di luar (BSrE/SRIKANDI)",
        description="Menerima PDF yang ditandatangani di luar naskah. Setiap PDF harus salah "
                    "satu PDF putaran ini tanpa perubahan, ditambah revisi tanda tangan yang "
                    "utuh; selain itu ditolak dengan alasannya. Keluar dengan kode 1 bila ada "
                    "yang ditolak.")
    archive.add_argument("folder", metavar="ROUND_DIR", type=Path, help="folder putaran")
    archive.add_argument("files", metavar="FILE", type=Path, nargs="+",
                         help="PDF bertanda tangan")
    archive.add_argument("--settings", metavar="PATH", type=Path,
                         help="berkas pengaturan kantor (akar tepercaya, register, sertifikat)")
    archive.set_defaults(handler=_archive_signed)

    cek = commands.add_parser(
        "cek", help="periksa apakah sebuah PDF surat asli (sama dengan arsip)",
        description="Mencari PDF di arsip surat (folder hasil): ASLI bila sama persis dengan "
                    "surat bertanda tangan yang diarsipkan dan tanda tangannya utuh, TELAH "
                    "DIUBAH bila surat dikenal tetapi isinya lain atau ada perubahan sesudah "
                    "ditandatangani, TIDAK DIKENAL selain itu. Keluar dengan kode 0 hanya "
                    "bila asli.")
    cek.add_argument("file", metavar="FILE", type=Path, help="berkas PDF surat")
    cek.add_argument("--arsip", metavar="DIR", type=Path,
                     help="folder arsip berisi folder putaran (bawaan: folder hasil, outputs/)")
    cek.add_argument("--settings", metavar="PATH", type=Path, help="berkas pengaturan kantor")
    cek.set_defaults(handler=_cek)

    web = commands.add_parser(
        "web", help="jalankan Meja Naskah: halaman web untuk mengunggah, menjalankan, "
                    "menyetujui dan mengarsipkan putaran",
        description="Menjalankan Meja Naskah di peramban (bawaan http://127.0.0.1:8000/), "
                    "beserta pekerja putaran dan, tanpa PREFECT_API_URL, server Prefect lokal. "
                    "Buat akun admin pertama dulu dengan: naskah user add. Berjalan sampai "
                    "dihentikan (Ctrl-C).")
    web.add_argument("--host", default="127.0.0.1",
                     help="alamat yang didengar (bawaan: 127.0.0.1, hanya komputer ini)")
    web.add_argument("--port", type=int, default=8000, help="port halaman (bawaan: 8000)")
    web.add_argument("--prefect-port", type=int, default=4200,
                     help="port server Prefect lokal (bawaan: 4200)")
    web.set_defaults(handler=_web)

    bench = commands.add_parser(
        "benchmark", help="ukur kecepatan alur pada putaran sintetis, berdampingan dengan acuan",
        description="Membuat putaran sintetis N pejabat (±2N surat), menjalankan alur "
                    "sungguhan dari awal sampai akhir, lalu mengukur acuan pada surat yang "
                    "sama: docxtpl polos, soffice polos paralel, pyHanko polos, dan satu "
                    "soffice per surat. Mencetak setiap angka dengan target LULUS/GAGAL. "
                    "Keluar dengan kode 0 bila semua target lulus.")
    bench.add_argument("--n", type=int, default=300, help="jumlah pejabat (bawaan: 300)")
    bench.add_argument("--naive", type=int, default=20,
                       help="surat untuk acuan naif (bawaan: 20)")
    bench.add_argument("--scale", action="store_true",
                       help="ukur juga 500 dan 5.000 surat (memori, keterskalaan; lama)")
    bench.add_argument("--folder", type=Path,
                       help="folder kerja yang disimpan (bawaan: folder sementara)")
    bench.add_argument("--json", type=Path, help="tulis hasil lengkap ke berkas JSON ini")
    bench.set_defaults(handler=_benchmark)

    user = commands.add_parser(
        "user", help="kelola akun Meja Naskah",
        description="Akun Meja Naskah. Peran: operator (unggah, jalankan), penyetuju (setujui, "
                    "tandatangani), auditor (lihat, periksa keutuhan), admin (semua, kelola "
                    "akun). Kata sandi ditanyakan, atau diambil dari variabel "
                    "NASKAH_KATA_SANDI_BARU.")
    user_commands = user.add_subparsers(dest="user_command", metavar="PERINTAH_AKUN",
                                        title="perintah akun", parser_class=_Parser)
    user_commands.required = True
    add = user_commands.add_parser("add", help="buat akun baru")
    add.add_argument("username", metavar="NAMA_AKUN", help="nama akun, misalnya budi.s")
    add.add_argument("--peran", required=True,
                     help="peran, dipisah koma: operator, penyetuju, auditor, admin")
    add.add_argument("--nama", help="nama lengkap yang tampil di halaman dan riwayat")
    user_commands.add_parser("list", help="daftar akun")
    passwd = user_commands.add_parser("passwd", help="ganti kata sandi akun")
    passwd.add_argument("username", metavar="NAMA_AKUN")
    disable = user_commands.add_parser("disable", help="nonaktifkan akun")
    disable.add_argument("username", metavar="NAMA_AKUN")
    user.set_defaults(handler=_user)
    return parser


def _template_workbook(args: argparse.Namespace) -> int:
    from flows.workbook.writer import write_workbook

    path: Path = args.path
    if path.suffix.lower() != ".xlsx":
        raise EngineError(f"Nama berkas harus berakhiran .xlsx: {path}")
    if path.exists() and not args.force:
        raise EngineError(f"Berkas {path} sudah ada. Pilih nama lain, atau tambahkan --force "
                          "untuk menimpanya.")
    content = None
    if args.jenis:
        from flows.domain.models import RoundKind
        from flows.settings import load_settings
        from flows.workbook.writer import blank_for

        content = blank_for(RoundKind(args.jenis), load_settings(args.settings).rules)
    write_workbook(path, content)
    print(f"Workbook kosong ditulis ke {path}. Isi sheet Putaran, Tim dan Pejabat (lihat sheet "
          "Petunjuk), lalu periksa dengan: naskah validate " + str(path))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from flows import reporting
    from flows.domain.intake import intake
    from flows.settings import load_settings
    from flows.workbook.reader import read_workbook

    settings = load_settings(args.settings)
    rules = settings.rules
    try:
        raw = read_workbook(args.workbook)
    except WorkbookError as exc:
        if args.json:
            _print_json(reporting.unreadable_json(args.workbook, str(exc)))
            return EXIT_FAILED
        raise
    result = intake(raw, rules)
    kop_warning = settings.kop.warning()
    if args.json:
        _print_json(reporting.json_report(args.workbook, result))
        if kop_warning:
            print(f"PERINGATAN  {kop_warning}", file=sys.stderr)
    else:
        print(reporting.text_report(args.workbook, result))
        if kop_warning:
            print(f"\nPERINGATAN  Pengaturan: {kop_warning}")
    return EXIT_OK if result.report.ok else EXIT_FAILED


def _check_templates(args: argparse.Namespace) -> int:
    from flows.documents.checking import check_folder
    from flows.documents.produce import templates_folder
    from flows.settings import load_settings

    settings = load_settings(args.settings)
    folder = templates_folder(settings, args.folder)
    if not folder.is_dir():
        raise EngineError(f"Folder template {folder} tidak ditemukan.")
    print(f"Memeriksa template di {folder}")
    labels = {"error": "KESALAHAN", "warning": "PERINGATAN", "info": "INFO"}
    errors = warnings = 0
    if kop_warning := settings.kop.warning():
        print(f"Pengaturan [kop]:\n  {labels['warning']:<10} {kop_warning}")
        warnings += 1
    for report in check_folder(folder):
        status = "OK" if report.ok else "TIDAK SAH"
        print(f"{report.name}: {status}")
        for finding in report.findings:
            print(f"  {labels[finding.severity]:<10} {finding.message}")
            errors += finding.severity == "error"
            warnings += finding.severity == "warning"
    print(f"\nRingkasan: {errors} kesalahan, {warnings} peringatan.")
    return EXIT_OK if errors == 0 else EXIT_FAILED


def _run(args: argparse.Namespace) -> int:
    from flows.running import run_command

    return run_command(args)


def _cek(args: argparse.Namespace) -> int:
    from flows.cek.command import cek_command

    return cek_command(args)


def _deploy(args: argparse.Namespace) -> int:
    from flows.pool import deploy_command

    if args.batas_libreoffice is not None and args.batas_libreoffice < 1:
        raise EngineError("--batas-libreoffice paling kecil 1.")
    return deploy_command(args)


def _worker(args: argparse.Namespace) -> int:
    from flows.pool import worker_command

    return worker_command(args)


def _register(args: argparse.Namespace) -> int:
    from flows.register import display, is_url
    from flows.register_pg import export_sqlite
    from flows.settings import load_settings

    if not is_url(args.ke):
        raise EngineError(f"--ke harus URL postgresql://…, bukan {args.ke}.")
    source = args.dari
    if source is None:
        current = load_settings(args.settings).register
        if is_url(current):
            raise EngineError(f"Register yang berlaku sudah PostgreSQL ({display(current)}); "
                              "sebutkan berkas SQLite dengan --dari.")
        source = Path(current)
    counts = export_sqlite(source, args.ke)
    print(f"Register {source} dipindahkan ke {display(args.ke)}: {counts['allocation']} nomor, "
          f"{counts['series']} seri, {counts['history']} riwayat; tidak ada nomor yang "
          "berubah.")
    print("Setel sekarang [penomoran] register (atau NASKAH_REGISTER) ke URL tersebut di "
          "setiap mesin, dan simpan berkas SQLite lama bersama arsip.")
    return EXIT_OK


def _web(args: argparse.Namespace) -> int:
    from flows.web.server import web_command

    return web_command(args)


def _benchmark(args: argparse.Namespace) -> int:
    from flows.benchmark.command import benchmark_command

    if args.n < 2 or args.naive < 1:
        raise EngineError("--n paling kecil 2 dan --naive paling kecil 1.")
    return benchmark_command(args)


def _user(args: argparse.Namespace) -> int:
    from flows.web.accounts import user_command

    return user_command(args)


def _serve(args: argparse.Namespace) -> int:
    from flows.serving import serve_command

    args.inputs, args.out = args.inputs.resolve(), args.out.resolve()
    return serve_command(args)


def _server(args: argparse.Namespace) -> int:
    from flows import background_server as latar

    if args.aksi == "hentikan":
        with latar.unused() as idle:  # no run starts using it while it is stopped
            if not idle:
                print("Server Prefect latar sedang dipakai putaran yang berjalan, jadi tidak "
                      "dihentikan. Jalankan lagi perintah ini setelah putaran itu selesai.")
                return EXIT_FAILED
            stopped = latar.stop()
        print("Server Prefect latar dihentikan." if stopped else
              "Tidak ada server Prefect latar yang berjalan.")
        return EXIT_OK
    print(latar.status_text())
    return EXIT_OK


def _cari(args: argparse.Namespace) -> int:
    from flows.outputs.archive import search
    from flows.settings import load_settings

    out = args.out or load_settings(args.settings).run.outputs
    found = search(out, " ".join(args.teks), args.jenis.strip().lower(), args.tahun.strip())
    for f in found:
        who = f"  NIP {f.nip} {f.name}" if f.nip else ""
        note = f" ({f.note})" if f.note else ""
        print(f"{f.kode_putaran}  {f.title} {f.number}{who}  [{f.state}{note}]  "
              f"{out / f.kode_putaran / (f.path or '')}")
    print(f"{len(found)} surat ditemukan." if found else "Tidak ada surat yang cocok.")
    return EXIT_OK if found else EXIT_FAILED


def _verify(args: argparse.Namespace) -> int:
    from flows.settings import load_settings
    from flows.verify import verify_round

    settings = load_settings(args.settings)
    checked, problems = verify_round(args.folder, settings.signing.trust_roots,
                                     settings.register)
    for problem in problems:
        print(f"TIDAK UTUH  {problem.path}: {problem.message}")
    if problems:
        print(f"{len(problems)} masalah pada {checked} berkas di {args.folder}.")
        return EXIT_FAILED
    print(f"Utuh: {checked} berkas di {args.folder} sesuai manifest, semua tanda tangan utuh.")
    from flows.outputs.seal import SEAL, check_seal

    if (args.folder / SEAL).is_file():
        from flows.pdf.signing import common_names

        sealer = "; ".join(common_names(check_seal(args.folder, []).subject))
        print(f"Manifest bersegel oleh: {sealer}")
    return EXIT_OK


def _archive_signed(args: argparse.Namespace) -> int:
    from flows.archive_signed import archive_signed
    from flows.settings import ENV_VAR

    if args.settings is not None:  # read again below, down to the manifest's seal
        os.environ[ENV_VAR] = str(args.settings)
    results = archive_signed(args.folder, args.files)
    for r in results:
        if r.target:
            print(f"DIARSIPKAN  {r.source.name} -> {r.target}")
        else:
            print(f"DITOLAK     {r.source.name}: {r.reason}")
    return EXIT_OK if all(r.target for r in results) else EXIT_FAILED


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; never lets a traceback reach a clerk."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except EngineError as exc:
        print(f"KESALAHAN: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("NASKAH_DEBUG"):
            raise
        log = _write_crash_log()
        print("KESALAHAN INTERNAL: terjadi kesalahan yang tidak terduga. "
              f"{_what_was_written(args, exc)} Kirim berkas {log} kepada pengelola aplikasi.",
              file=sys.stderr)
        return EXIT_INTERNAL


READ_ONLY = frozenset({"validate", "check-templates", "cari", "verify"})
"""The commands that write nothing (a crash in them changed no file)."""


def _what_was_written(args: argparse.Namespace, exc: Exception) -> str:
    """What a crashed command may have left behind, as true as can be told."""
    from flows.running import RunCrashed

    if isinstance(exc, RunCrashed):
        return (f"Putaran sudah dimulai: nomor surat mungkin sudah diberikan dan folder "
                f"{exc.out}/ mungkin berisi hasil sebagian. Jalankan perintah yang sama lagi "
                "untuk melanjutkan: nomor yang sudah diberikan tetap dipakai dan surat yang "
                "sudah selesai tidak dibuat ulang.")
    command = getattr(args, "command", "")
    if command == "run":
        return "Putaran belum dimulai: tidak ada nomor surat atau berkas hasil yang ditulis."
    if command in READ_ONLY:
        return "Tidak ada berkas yang diubah."
    return "Perintah berhenti di tengah jalan: berkas yang sedang ditulisnya mungkin belum lengkap."


def _write_crash_log() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    fd, name = tempfile.mkstemp(prefix=f"naskah-galat-{stamp}-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"naskah {__version__}\n{' '.join(sys.argv)}\n\n")
        handle.write(traceback.format_exc())
    return Path(name)
