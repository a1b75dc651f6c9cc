"""``newstables release``: the semver bump is checked, CHANGELOG.md written, the zip reproducible.

The end-to-end scenario builds the seed articles (release 1.0.0), adds a sixth, synthetic article
and rebuilds: a MINOR release whose diff holds only new rows.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_diff import figure, write_package

from newstables.build import build
from newstables.cli import main
from newstables.curation import DEFAULT_CURATION
from newstables.diff import diff_packages
from newstables.load import open_package
from newstables.release import (
    Level,
    ReleaseError,
    archive_members,
    bump,
    classify,
    previous_release,
    release,
)

NAME = "newstables-korea-kursk"
# About nothing the seed articles or the entity registry mention: it must add rows only.
SYNTHETIC = """Harbour town to raise its sea wall

Port Elmsworth will raise its sea wall before next winter, its mayor said on Tuesday.

"We have waited twenty years for this wall," Mayor Hilda Brackwater told reporters. She said the
work would cost about 4 million euros and employ more than 120 builders from the town.
"""


@dataclass
class Scenario:
    root: Path
    package: Path
    curation: Path
    articles: Path
    dist: Path
    changelog: Path
    refusals: dict[str, str]


def set_version(curation: Path, version: str) -> None:
    path = curation / "package.yaml"
    text = re.sub(r"(?m)^version: .*$", f"version: {version}", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


def refusal(scenario: Scenario) -> str:
    with pytest.raises(ReleaseError) as caught:
        release(scenario.package, scenario.curation, scenario.dist, changelog=scenario.changelog)
    return str(caught.value)


@pytest.fixture(scope="module")
def scenario(seed_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """Release 1.0.0 of the seeds, then a sixth article released as 1.1.0 (refusals recorded)."""
    root = tmp_path_factory.mktemp("release")
    s = Scenario(
        root=root,
        package=root / "package",
        curation=Path(shutil.copytree(DEFAULT_CURATION, root / "curation")),
        articles=Path(shutil.copytree(seed_articles, root / "articles")),
        dist=root / "dist",
        changelog=root / "CHANGELOG.md",
        refusals={},
    )
    set_version(s.curation, "1.0.0")
    build(s.articles, s.package, curation_dir=s.curation)
    assert main(["release", str(s.package), "--curation", str(s.curation), "--dist", str(s.dist),
                 "--changelog", str(s.changelog)]) == 0  # fmt: skip
    (s.articles / "005_harbour_wall.txt").write_text(SYNTHETIC, encoding="utf-8")
    build(s.articles, s.package, curation_dir=s.curation)
    s.refusals["missing bump"] = refusal(s)
    set_version(s.curation, "2.0.0")
    s.refusals["stale build"] = refusal(s)
    build(s.articles, s.package, curation_dir=s.curation)
    s.refusals["too big a bump"] = refusal(s)
    set_version(s.curation, "1.1.0")
    build(s.articles, s.package, curation_dir=s.curation)
    result = release(s.package, s.curation, s.dist, changelog=s.changelog)
    assert result.level is Level.MINOR and result.written
    return s


def test_a_new_article_is_a_minor_release_of_new_rows_only(scenario: Scenario) -> None:
    old = open_package(scenario.dist / f"{NAME}-1.0.0.zip")
    new = open_package(scenario.dist / f"{NAME}-1.1.0.zip")
    result = diff_packages(old, new)
    assert [r["article_id"] for r in result.table("articles").added] == ["005_harbour_wall"]
    for table in result.tables:
        assert not table.deleted and not table.modified and not table.schema, table.summary()
        assert all(
            r.get("article_id", "005_harbour_wall") == "005_harbour_wall" for r in table.added
        )
    for table in ("entities", "quotations", "figures"):  # Mayor Brackwater, her quote, 2 figures
        assert result.table(table).added, f"{table}: the synthetic article added no rows"
    assert classify(result)[0] is Level.MINOR
    assert new.version == "1.1.0"


def test_wrong_or_missing_bumps_are_refused(scenario: Scenario) -> None:
    assert "need a MINOR release" in scenario.refusals["missing bump"]
    assert "set `version: 1.1.0`" in scenario.refusals["missing bump"]
    assert "(it says 1.0.0)" in scenario.refusals["missing bump"]
    assert "run `newstables build` first" in scenario.refusals["stale build"]
    assert "set `version: 1.1.0`" in scenario.refusals["too big a bump"]
    assert "(it says 2.0.0)" in scenario.refusals["too big a bump"]
    assert not (scenario.dist / f"{NAME}-2.0.0.zip").exists()


def test_changelog_has_one_section_per_release_newest_first(scenario: Scenario) -> None:
    text = scenario.changelog.read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert re.findall(r"(?m)^## (\S+)", text) == ["1.1.0", "1.0.0"]
    assert "MINOR release since 1.0.0: articles: 1 new row" in text
    assert "- articles: +1 −0 ~0" in text and "- new articles: 005_harbour_wall" in text
    assert "Initial release." in text
    again = release(
        scenario.package, scenario.curation, scenario.dist, changelog=scenario.changelog
    )
    assert again.already_released and scenario.changelog.read_text(encoding="utf-8") == text


def test_the_archive_is_reproducible_and_complete(scenario: Scenario, tmp_path: Path) -> None:
    archive = scenario.dist / f"{NAME}-1.1.0.zip"
    copy = Path(shutil.copytree(scenario.package, tmp_path / "copy"))
    for path in copy.rglob("*"):
        path.touch()  # new timestamps must not change the bytes
    again = release(copy, scenario.curation, tmp_path / "dist", previous=archive.with_name(
        f"{NAME}-1.0.0.zip"), changelog=tmp_path / "CHANGELOG.md")  # fmt: skip
    assert again.archive.read_bytes() == archive.read_bytes()
    with zipfile.ZipFile(archive) as zipped:
        infos = zipped.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert "datapackage.json" in names and "data/articles/005_harbour_wall.txt" in names
    for table in ("articles", "figures", "quotations"):
        assert {f"data/{table}.csv", f"data/{table}.json", f"schema/{table}.json"} <= set(names)
    assert "CHANGELOG.md" not in names


def test_the_sqlite_database_ships_when_present(scenario: Scenario, tmp_path: Path) -> None:
    copy = Path(shutil.copytree(scenario.package, tmp_path / "copy"))
    shutil.rmtree(copy / "site", ignore_errors=True)
    package = open_package(copy)
    assert "newstables.db" not in archive_members(package)
    (copy / "site").mkdir()
    (copy / "site" / "newstables.db").write_bytes(b"SQLite format 3\x00")  # where the site puts it
    assert archive_members(package)["newstables.db"] == "site/newstables.db"
    changelog = tmp_path / "CHANGELOG.md"
    dry = release(copy, scenario.curation, tmp_path / "dist", changelog=changelog, dry_run=True)
    assert not dry.archive.exists() and not changelog.exists()
    real = release(copy, scenario.curation, tmp_path / "dist", changelog=changelog)
    assert real.archive == dry.archive and real.sha256 == dry.sha256
    assert "newstables.db" in zipfile.ZipFile(real.archive).namelist()


def test_corrections_are_patch_and_removed_columns_are_major(tmp_path: Path) -> None:
    old = open_package(write_package(tmp_path / "old", [figure(1), figure(2)]))
    fixed = open_package(write_package(tmp_path / "fixed", [figure(1), figure(2, value=2000.0)]))
    assert classify(diff_packages(old, fixed)) == (Level.PATCH, ["figures: 1 row corrected"])
    grown = open_package(write_package(tmp_path / "grown", [figure(1), figure(2), figure(3)]))
    assert classify(diff_packages(old, grown)) == (Level.MINOR, ["figures: 1 new row"])
    shrunk = tmp_path / "shrunk"
    write_package(shrunk, [figure(1), figure(2)])
    descriptor = (shrunk / "datapackage.json").read_text(encoding="utf-8")
    (shrunk / "datapackage.json").write_text(
        descriptor.replace('"name": "vague"', '"name": "fuzzy"'), encoding="utf-8"
    )
    level, reasons = classify(diff_packages(old, open_package(shrunk)))
    assert level is Level.MAJOR and "figures: column removed: vague" in reasons
    assert classify(diff_packages(old, old)) == (None, [])


def test_versions_bump_and_never_go_back(tmp_path: Path) -> None:
    assert bump("1.2.3", Level.MAJOR) == "2.0.0"
    assert bump("1.2.3", Level.MINOR) == "1.3.0"
    assert bump("1.2.3", Level.PATCH) == "1.2.4"
    for version in ("1.0.0", "1.2.0", "1.10.0"):
        (tmp_path / f"demo-{version}.zip").write_bytes(b"")
    assert previous_release(tmp_path, "demo", "1.11.0") == tmp_path / "demo-1.10.0.zip"
    with pytest.raises(ReleaseError, match="already has release 1.10.0, newer than 1.3.0"):
        previous_release(tmp_path, "demo", "1.3.0")
    with pytest.raises(ReleaseError, match="not MAJOR.MINOR.PATCH"):
        bump("v1", Level.PATCH)
