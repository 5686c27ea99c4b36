"""Checking a letter: its verification code, the archive index behind `/cek` and `naskah cek`.

Every signed version of a letter gets a random verification code (``code.new_code``), kept in
the manifest and printed with the QR that leads to ``{url_publik}/cek/{kode}``. The archive
index (``archive.ArchiveIndex``) reads the round manifests of the office's output folder;
``check.check_pdf`` answers "asli", "telah diubah" or "tidak dikenal" for a PDF.
"""
