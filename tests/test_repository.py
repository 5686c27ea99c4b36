"""The repository keeps its promises: README commands, CI, pins, ignored outputs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_the_readme_has_exactly_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].startswith("bash scripts/install.sh && .venv/bin/naskah ")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_the_sample_named_in_the_readme_exists():
    sample = readme_commands()[0].split()[-1]
    assert (ROOT / sample).is_file()


def test_every_locked_dependency_is_pinned_exactly():
    for name in ("requirements.lock", "requirements-dev.lock"):
        lines = [line for line in (ROOT / name).read_text().splitlines()
                 if line and not line.startswith("#")]
        assert lines
        for line in lines:
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.+\-]*", line), line
    runtime = set((ROOT / "requirements.lock").read_text().splitlines())
    dev = set((ROOT / "requirements-dev.lock").read_text().splitlines())
    assert {line for line in runtime if "==" in line} <= dev


def test_generated_outputs_and_office_files_stay_out_of_git():
    ignored = (ROOT / ".gitignore").read_text()
    for pattern in ("/outputs/*", "/naskah.toml", "/.venv/", "*.p12"):
        assert pattern in ignored
