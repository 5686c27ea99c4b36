"""The round folder on disk: atomic files, the lock, the manifest and the rekap workbook."""
