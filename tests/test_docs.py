"""README.md is executed: its ``console`` session in a scratch repository, then its ``pycon``
examples (doctest) against the bundled package and the releases the session wrote.

The scratch repository also holds ``my-articles/``, the made-up water-rate articles of
tests/data/water-rates/articles, for the "your own articles" walk-through (init → release)."""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_release import SYNTHETIC, set_version

from newstables.curation import DEFAULT_CURATION

DOC = Path(__file__).resolve().parents[1] / "README.md"
WATER = Path(__file__).resolve().parent / "data" / "water-rates" / "articles"
BLOCK = re.compile(r"^```(pycon|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@dataclass(frozen=True)
class Example:
    line: int
    command: str
    expected: str


def blocks(kind: str) -> list[tuple[int, str]]:
    """(line number, body) of each fenced block of a kind."""
    text = DOC.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 2, m.group(2))
        for m in BLOCK.finditer(text)
        if m.group(1) == kind
    ]


def console_examples() -> list[Example]:
    """Every ``$ command`` with the output lines below it."""
    examples: list[Example] = []
    for start, body in blocks("console"):
        for offset, line in enumerate(body.splitlines()):
            if line.startswith("$ "):
                examples.append(Example(start + offset, line[2:], ""))
            else:
                last = examples[-1]
                examples[-1] = Example(last.line, last.command, last.expected + line + "\n")
    return examples


@pytest.fixture(scope="module")
def session(seed_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """Run the console session in a scratch repository; return it and (example, output) pairs."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(seed_articles, root / "data" / "articles")
    shutil.copytree(DEFAULT_CURATION, root / "data" / "curation")
    set_version(root / "data" / "curation", "1.0.0")
    (root / "harbour.txt").write_text(SYNTHETIC, encoding="utf-8")
    shutil.copytree(WATER, root / "my-articles")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    results = []
    for example in console_examples():
        done = subprocess.run(
            ["bash", "-c", example.command],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        results.append((example, done.stdout))
    return root, results


def test_console_examples(session: tuple[Path, list]) -> None:
    checker = doctest.OutputChecker()
    _, results = session
    assert len(results) >= 10
    for example, output in results:
        if not checker.check_output(example.expected, output, FLAGS):
            pytest.fail(
                f"docs/loader.md:{example.line}: $ {example.command}\n"
                f"--- expected\n{example.expected}--- got\n{output}"
            )


def test_python_examples(session: tuple[Path, list], monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = session
    monkeypatch.chdir(root)  # ./dist holds the releases the console session wrote
    monkeypatch.delenv("NEWSTABLES_RELEASES", raising=False)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    parser = doctest.DocTestParser()
    report: list[str] = []
    globs: dict[str, object] = {}
    for line, body in blocks("pycon"):
        test = parser.get_doctest(body, globs, "docs/loader.md", str(DOC), line - 1)
        runner.run(test, out=report.append, clear_globs=False)
        globs = test.globs  # later blocks use the names earlier ones defined
    assert runner.summarize(verbose=False).attempted >= 10
    assert runner.failures == 0, "".join(report)
