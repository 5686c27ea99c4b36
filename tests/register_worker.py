"""A separate process that allocates numbers, for the register's concurrency tests.

python -m tests.register_worker REGISTER KODE_PUTARAN COUNT

REGISTER is a SQLite path or a postgresql:// URL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from flows.domain.numbering import Series
from flows.register import open_register


def main(path: str, kode_putaran: str, count: int) -> None:
    register = open_register(path if path.startswith("postgresql://") else Path(path))
    series = Series("800.1.5.3", "BKPSDM", 2024)
    for i in range(count):
        register.allocate((kode_putaran, "undangan", f"{i:018d}"), series,
                          lambda urut: f"800.1.5.3/{urut}/BKPSDM/2024")
        print(i, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
