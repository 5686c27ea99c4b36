"""Failures of the infrastructure around the core; the CLI turns them into exit codes."""

from __future__ import annotations


class EngineError(Exception):
    """Base of every error a clerk is shown as a message, never as a traceback.

    The message is in Indonesian and says what to do.
    """


class WorkbookError(EngineError):
    """The file cannot be read as a round workbook at all."""


class SettingsError(EngineError):
    """The office settings file is missing, malformed or has unknown keys."""


class RoundBusy(EngineError):
    """Another process is running the same round (the round lock of flows.outputs.lock, on
    this machine's file system or in a PostgreSQL register)."""
