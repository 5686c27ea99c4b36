"""Rewrite the bundled sample workbooks in inputs/ from flows/samples.py."""

from pathlib import Path

from flows.samples import write_samples

if __name__ == "__main__":
    for path in write_samples(Path(__file__).resolve().parent.parent / "inputs"):
        print(f"ditulis: {path}")
