"""The wheel: built from the project, installed offline into a fresh venv, used outside the repo.

An editable install reads the repository and hides packaging mistakes, so this test builds a real
wheel (bundling a package built for the test), installs it with ``uv --offline`` (pandas and
pydantic come from uv's cache: no network, no engine extras) and loads every table from a
temporary working directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = Path(sys.executable).with_name("uv")

CHECK = """
import json, sys
import newstables
report = {
    "file": newstables.__file__,
    "data_version": newstables.__data_version__,
    "rows": {t: len(newstables.load(t)) for t in newstables.tables()["table"]},
    "models": len(newstables.load("articles", as_models=True)),
    "dtype": str(newstables.load("figures").dtypes["qualifier"]),
    "doc": newstables.describe("figures").columns[0].name,
    "heavy": [m for m in ("spacy", "yaml", "frictionless", "datasette") if m in sys.modules],
}
try:
    import spacy  # noqa: F401
    report["spacy_installed"] = True
except ImportError:
    report["spacy_installed"] = False
print(json.dumps(report))
"""


def execute(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["UV_OFFLINE"] = "1"
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def run(*command: str | Path, cwd: Path | None = None) -> str:
    done = execute(*command, cwd=cwd)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(built_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the project bundling the test's own built package."""
    project = tmp_path_factory.mktemp("project")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(built_package / "datapackage.json", project / "datapackage.json")
    (project / "data").mkdir()
    for table in built_package.glob("data/*.csv"):
        shutil.copyfile(table, project / "data" / table.name)
    out = tmp_path_factory.mktemp("wheels")
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, project)
    (found,) = out.glob("newstables-*.whl")
    return found


def test_the_wheel_bundles_the_tables_but_not_the_texts(wheel: Path, built_package: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    descriptor = json.loads((built_package / "datapackage.json").read_text(encoding="utf-8"))
    assert "newstables/package/datapackage.json" in names
    for resource in descriptor["resources"]:
        assert f"newstables/package/{resource['path']}" in names, resource["path"]
    texts = [n for n in names if n.startswith("newstables/package/") and n.endswith(".txt")]
    assert not texts  # the article texts stay out (engine word lists may be .txt)


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel and the loader's dependencies, installed offline."""
    venv = tmp_path_factory.mktemp("venv")
    run(UV, "venv", "--quiet", "--python", sys.executable, venv)
    run(UV, "pip", "install", "--offline", "--quiet", "--python", venv / "bin" / "python", wheel)
    return venv


def test_the_wheel_version_is_the_data_version(wheel: Path, built_package: Path) -> None:
    descriptor = json.loads((built_package / "datapackage.json").read_text(encoding="utf-8"))
    assert wheel.name.startswith(f"newstables-{descriptor['version']}-")


def test_the_loader_cli_works_without_the_engine(
    venv: Path, built_package: Path, tmp_path: Path
) -> None:
    newstables = venv / "bin" / "newstables"
    assert "init" in run(newstables, "--help", cwd=tmp_path)
    figures = run(newstables, "load", "figures", "--limit", "2", cwd=tmp_path)
    assert figures.splitlines()[0].startswith("figure_id,article_id,surface")
    assert len(figures.splitlines()) == 3
    validated = execute(newstables, "validate", built_package, cwd=tmp_path)
    assert validated.returncode == 0 and validated.stdout.strip().endswith("valid")
    assert 'pip install "newstables[build]"' in validated.stderr
    same = run(newstables, "diff", "--brief", built_package, built_package, cwd=tmp_path)
    assert "figures: +0 −0 ~0" in same
    run(newstables, "init", tmp_path / "project", cwd=tmp_path)
    for command in (["build"], ["evaluate", "bench"], ["serve"]):
        done = execute(newstables, *command, cwd=tmp_path / "project")
        assert done.returncode == 1, command
        assert 'pip install "newstables[' in done.stderr and "Traceback" not in done.stderr


def test_the_wheel_installs_and_loads_offline_outside_the_repo(
    venv: Path, built_package: Path, tmp_path: Path
) -> None:
    python = venv / "bin" / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    report = json.loads(run(python, "-c", CHECK, cwd=elsewhere))
    assert report["file"].startswith(str(venv)), report["file"]
    descriptor = json.loads((built_package / "datapackage.json").read_text(encoding="utf-8"))
    assert report["data_version"] == descriptor["version"]
    articles = len((built_package / "data" / "articles.csv").read_text().splitlines()) - 1
    assert report["rows"]["articles"] == report["models"] == articles
    assert set(report["rows"]) == {r["name"] for r in descriptor["resources"]}
    assert report["dtype"] == "category" and report["doc"] == "figure_id"
    assert report["heavy"] == [] and report["spacy_installed"] is False
