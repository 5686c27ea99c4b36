"""naskah: evaluation-round paperwork for BKPSDM offices, from one workbook to signed letters."""

__version__ = "0.1.0"
