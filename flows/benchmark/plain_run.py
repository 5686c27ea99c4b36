"""`python -m flows.benchmark.plain_run WORKBOOK OUT`: one round without Prefect."""

from __future__ import annotations

import sys
from pathlib import Path

from flows.pipeline.plain import run_plain
from flows.pipeline.round import RunOptions
from flows.settings import load_settings


def main() -> int:
    summary = run_plain(Path(sys.argv[1]), RunOptions(Path(sys.argv[2])), load_settings())
    print(summary.status, summary.documents)
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
