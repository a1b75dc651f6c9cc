"""The command line as a shell user meets it."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from newstables.cli import main


class ClosedPipe(io.StringIO):
    """A stdout whose reader has gone (``newstables … | head -n 1`` after the first line)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(built_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["validate", str(built_package)]) == 0
    print("after the pipe closed")  # stdout now goes nowhere, without an error
