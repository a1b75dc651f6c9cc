"""``newstables benchmark``: speed and memory of the build on synthetic corpora, in one run.

The corpora are made from the real seed articles, each copy with its own id, publication
date, shifted dates and numbers and a unique closing quotation, so nothing merges away.
Every build runs in a child process (``newstables build``) so its peak RSS is its own.

>>> main(["benchmark", "--sizes", "100,1000"])            # about 5 minutes on 2 cores
>>> main(["benchmark"])                                   # 100, 1,000, 10,000: ~45 minutes

A size takes about (words / 6,000 per second) twice over on 2 cores (raw spaCy, then a cold
build); 10,000 articles are ~5.3 million words.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .curation import DEFAULT_ARTICLES, DEFAULT_CURATION

SIZES = (100, 1_000, 10_000)
BASE_DATE = dt.date(2025, 4, 28)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b( \d{4})?")
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b(, \d{4})?")
_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d,.])\d{3,}(?![\d,])")
FIRST = [
    "Anna",
    "Boris",
    "Chen",
    "Dilnoza",
    "Emil",
    "Farida",
    "Goran",
    "Hana",
    "Ivan",
    "Jae-won",
    "Kofi",
    "Lena",
    "Mateo",
]
LAST = [
    "Abe",
    "Brandt",
    "Costa",
    "Dahl",
    "Eze",
    "Fonseca",
    "Grau",
    "Haas",
    "Ivanova",
    "Jung",
    "Kovacs",
    "Lind",
    "Moreau",
]


# ---------------------------------------------------------------- synthetic corpora


def _shift_dates(text: str, delta: dt.timedelta) -> str:
    """Shift "28 April 2025" and "June 20" style dates by ``delta`` (year kept if not given)."""

    def day_month(m: re.Match[str]) -> str:
        year = int(m[3]) if m[3] else BASE_DATE.year
        try:
            day = dt.date(year, MONTHS.index(m[2]) + 1, int(m[1])) + delta
        except ValueError:
            return m[0]
        return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if m[3] else "")

    def month_day(m: re.Match[str]) -> str:
        year = int(m[3][2:]) if m[3] else BASE_DATE.year
        try:
            day = dt.date(year, MONTHS.index(m[1]) + 1, int(m[2])) + delta
        except ValueError:
            return m[0]
        return f"{MONTHS[day.month - 1]} {day.day}" + (f", {day.year}" if m[3] else "")

    return _MONTH_DAY.sub(month_day, _DAY_MONTH.sub(day_month, text))


def _shift_numbers(text: str, offset: int) -> str:
    """Add ``offset`` to every number of three or more digits that is not a year."""

    def shift(m: re.Match[str]) -> str:
        value = int(m[0].replace(",", ""))
        if "," not in m[0] and 1900 <= value <= 2100:
            return m[0]
        return f"{value + offset:,}" if "," in m[0] else str(value + offset)

    return _NUMBER.sub(shift, text)


def synthetic_article(seed: str, index: int) -> tuple[str, dt.date]:
    """One varied copy of a seed text and its publication date.

    >>> text, published = synthetic_article("Putin said on 28 April 2025 that 1,200 died.", 7)
    """
    delta = dt.timedelta(days=index % 700)
    name = f"{FIRST[index % len(FIRST)]} {LAST[index // len(FIRST) % len(LAST)]}"
    text = _shift_numbers(_shift_dates(seed, delta), index)
    closing = f"\n\n“We have counted {index + 2:,} reports so far,” {name}, a spokesperson, said.\n"
    return text.rstrip("\n") + closing, BASE_DATE + delta


def synthesize(size: int, folder: Path, seeds: Path = DEFAULT_ARTICLES) -> int:
    """Write ``size`` synthetic articles plus articles.csv into ``folder``; return the words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    rows, words = ["article_id,outlet,url,title,published,notes"], 0
    for index in range(size):
        text, published = synthetic_article(texts[index % len(texts)], index)
        article_id = f"syn{index:06d}"
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{article_id},Synthetic Wire,,,{published.isoformat()},benchmark copy")
        words += len(text.split())
    (folder / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return words


# ---------------------------------------------------------------- measurements


@dataclass
class Run:
    """One child process: wall time, its largest process's peak RSS, and the tree's peak sum."""

    seconds: float
    max_rss_mb: float
    tree_rss_mb: float | None
    returncode: int


def _tree_rss(pid: int) -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total / 2**20


def measure(command: list[str], timeout: float | None = None) -> Run:
    """Run a command, sampling the RSS of its process tree; peak RSS from ``os.wait4``.

    A run longer than ``timeout`` seconds is killed and raises TimeoutError.
    """
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak: list[float] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            if (rss := _tree_rss(child.pid)) is not None:
                peak.append(rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    killer = threading.Timer(timeout, child.kill) if timeout else None
    if killer:
        killer.start()
    errors = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if killer:
        killer.cancel()
        if seconds >= timeout:
            raise TimeoutError(f"{' '.join(command[2:5])} … took over {timeout:.0f}s")
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.stderr.write(errors.decode("utf-8", "replace")[-3000:])
    return Run(seconds, usage.ru_maxrss / 1024, max(peak) if peak else None, child.returncode)


def build_command(articles: Path, out: Path, processes: int) -> list[str]:
    """``newstables build`` in a child interpreter (quiet, all workers)."""
    return [
        sys.executable,
        "-m",
        "newstables.cli",
        "build",
        "--articles",
        str(articles),
        "--out",
        str(out),
        "--curation",  # synthetic copies of the seeds: measured with this dataset's curation
        str(DEFAULT_CURATION),
        "--processes",
        str(processes),
        "--quiet",
    ]


def raw_spacy(articles: Path, processes: int) -> float:
    """Seconds for the bare pipeline (load + ``nlp.pipe``) over the same texts, no extraction."""
    code = (
        "import sys, pathlib\n"
        "from newstables.curation import Curation\n"
        "from newstables.nlp import build_pipeline\n"
        "nlp = build_pipeline(Curation.load(pathlib.Path(sys.argv[2])).registry)\n"
        "paths = sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))\n"
        "texts = (p.read_text(encoding='utf-8') for p in paths)\n"
        "for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=8):\n"
        "    pass\n"
    )
    command = [sys.executable, "-c", code, str(articles), str(DEFAULT_CURATION), str(processes)]
    run = measure(command)
    if run.returncode:
        raise RuntimeError("raw spaCy run failed")
    return run.seconds


def time_loader(package: Path, repeats: int = 5) -> tuple[float, float] | None:
    """Best-of seconds for ``newstables.load("figures")`` and ``pandas.read_csv`` on its file."""
    try:
        from .load import load
    except ImportError:
        return None
    import pandas as pd

    def best(function: Callable[[], Any]) -> float:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
        return min(times)

    csv_path = package / "data" / "figures.csv"
    return best(lambda: load("figures", package=package)), best(lambda: pd.read_csv(csv_path))


def time_datasette(package: Path, repeats: int = 20) -> dict[str, tuple[float, float]] | str:
    """p50/p95 milliseconds of every canned query through Datasette's test client.

    Serves the package's ``site/`` config directory (database, metadata, plugins) as
    ``datasette site/`` would.
    """
    site = package / "site"
    if not (site / "metadata.yml").exists() or not list(site.glob("*.db")):
        return "no Datasette site in the package (publish/site.py not available)"
    import yaml
    from datasette.app import Datasette

    metadata = yaml.safe_load((site / "metadata.yml").read_text(encoding="utf-8"))
    app = Datasette(config_dir=site)
    canned = {
        (database, name)
        for database, settings in metadata.get("databases", {}).items()
        for name in settings.get("queries", {})
    }
    if not canned:
        return "no canned queries in site/metadata.yml"

    async def run() -> dict[str, tuple[float, float]]:
        timings = {}
        for database, name in sorted(canned):
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                response = await app.client.get(f"/{database}/{name}.json?_shape=array")
                samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{name}: HTTP {response.status_code}")
            samples.sort()
            timings[name] = (statistics.median(samples), samples[int(0.95 * (len(samples) - 1))])
        return timings

    return asyncio.run(run())


# ---------------------------------------------------------------- the run


@dataclass
class SizeResult:
    """Everything measured at one corpus size."""

    articles: int
    words: int
    raw_seconds: float
    cold: Run
    warm: Run

    @property
    def pipeline_wps(self) -> float:
        return self.words / self.cold.seconds

    @property
    def raw_wps(self) -> float:
        return self.words / self.raw_seconds


@dataclass
class Report:
    """The whole benchmark: machine, sizes, loader and Datasette timings."""

    machine: dict[str, str]
    processes: int
    sizes: list[SizeResult] = field(default_factory=list)
    loader: tuple[float, float] | None = None
    datasette: dict[str, tuple[float, float]] | str = ""


def machine() -> dict[str, str]:
    """nproc, CPU model, RAM and Python of this machine."""
    cpu = "unknown"
    memory = "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.*)", info)[1]  # type: ignore[index]
        kib = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())[1])  # type: ignore[index]
        memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, TypeError):
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": memory,
        "python": platform.python_version(),
    }


def bench_size(
    size: int, work: Path, processes: int, say: Callable[[str], None], timeout: float
) -> SizeResult:
    """Synthesize, then time raw spaCy, a cold build and an unchanged rebuild."""
    articles, out = work / f"articles-{size}", work / f"package-{size}"
    words = synthesize(size, articles)
    say(f"[{size:,}] {words:,} words; raw spaCy nlp.pipe …")
    raw = raw_spacy(articles, processes)
    say(f"[{size:,}] raw {raw:.1f}s; cold build …")
    cold = measure(build_command(articles, out, processes), timeout)
    say(f"[{size:,}] cold {cold.seconds:.1f}s; unchanged rebuild …")
    warm = measure(build_command(articles, out, processes), timeout)
    if cold.returncode or warm.returncode:
        raise RuntimeError(f"build failed at {size} articles")
    return SizeResult(size, words, raw, cold, warm)


def _verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def render(report: Report) -> str:
    """The results as a Markdown section (machine, per-size table, targets)."""
    m = report.machine
    lines = [
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram']} RAM, Python {m['python']}; "
        f"builds with {report.processes} worker processes.",
        "",
        "| articles | words | raw spaCy w/s | pipeline w/s | ratio | cold build | rebuild "
        "| cold/rebuild | peak RSS (largest process) | peak RSS (all processes) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in report.sizes:
        tree = f"{s.cold.tree_rss_mb:,.0f} MB" if s.cold.tree_rss_mb else "n/a"
        lines.append(
            f"| {s.articles:,} | {s.words:,} | {s.raw_wps:,.0f} | {s.pipeline_wps:,.0f} "
            f"| {s.pipeline_wps / s.raw_wps:.2f} | {s.cold.seconds:.1f}s | {s.warm.seconds:.1f}s "
            f"| {s.cold.seconds / s.warm.seconds:.1f}× | {s.cold.max_rss_mb:,.0f} MB | {tree} |"
        )
    lines += ["", "Targets:"]
    big = report.sizes[-1]
    lines.append(
        f"- pipeline / raw nlp.pipe at {big.articles:,}: {big.pipeline_wps / big.raw_wps:.2f} "
        f"(≥ 0.8) {_verdict(big.pipeline_wps / big.raw_wps >= 0.8)}"
    )
    by_size = {s.articles: s for s in report.sizes}
    if 1_000 in by_size and 10_000 in by_size:
        ratio = by_size[10_000].cold.seconds / by_size[1_000].cold.seconds
        lines.append(f"- time 10k / 1k: {ratio:.1f} (≤ 11) {_verdict(ratio <= 11)}")
    peak = big.cold.tree_rss_mb or big.cold.max_rss_mb
    lines.append(
        f"- peak RSS at {big.articles:,}: {peak:,.0f} MB (≤ 1,536 MB) {_verdict(peak <= 1536)}"
    )
    speedup = big.cold.seconds / big.warm.seconds
    lines.append(
        f"- unchanged rebuild at {big.articles:,}: {speedup:.1f}× faster (≥ 20) "
        f"{_verdict(speedup >= 20)}"
    )
    if report.loader is None:
        lines.append("- load('figures') vs pandas.read_csv: loader not available")
    else:
        ours, theirs = report.loader
        lines.append(
            f"- load('figures') {ours * 1000:.1f} ms vs pandas.read_csv {theirs * 1000:.1f} ms: "
            f"{ours / theirs:.2f}× (≤ 2) {_verdict(ours / theirs <= 2)}"
        )
    if isinstance(report.datasette, str):
        lines.append(f"- Datasette canned queries: {report.datasette}")
    else:
        for name, (p50, p95) in report.datasette.items():
            lines.append(f"- Datasette `{name}`: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    return "\n".join(lines)


def run_benchmark(args: argparse.Namespace) -> int:
    """Run every size, then the loader and Datasette timings on the largest package
    (or, with ``--hostile``, the hostile inputs of ``newstables.hostile``)."""
    if args.hostile:
        from .hostile import run_hostile

        return run_hostile(args)
    say = (lambda message: None) if args.quiet else (lambda m: print(m, file=sys.stderr))
    sizes = sorted(int(s) for s in args.sizes.split(","))
    processes = args.processes or os.cpu_count() or 1
    work = Path(args.workdir or tempfile.mkdtemp(prefix="newstables-bench-"))
    report = Report(machine=machine(), processes=processes)
    try:
        for size in sizes:
            try:
                report.sizes.append(bench_size(size, work, processes, say, args.timeout))
            except TimeoutError as err:
                print(f"{size:,} articles: MISSED, a build timed out: {err}")
                break
        if not report.sizes:
            return 1
        biggest = work / f"package-{report.sizes[-1].articles}"
        report.loader = time_loader(biggest)
        report.datasette = time_datasette(biggest)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    text = render(report)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=2, default=str) + "\n")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``newstables benchmark`` to the CLI."""
    bench = commands.add_parser("benchmark", help="time and measure builds of synthetic corpora")
    bench.add_argument(
        "--sizes",
        default=",".join(str(s) for s in SIZES),
        help="comma-separated corpus sizes (default 100,1000,10000: ~45 min on 2 cores)",
    )
    bench.add_argument("--processes", type=int, default=0, help="worker processes (0: all)")
    bench.add_argument("--workdir", help="keep corpora and packages here (default: a temp dir)")
    bench.add_argument("--keep", action="store_true", help="keep the temporary folder")
    bench.add_argument("--json", help="also write the raw numbers to this JSON file")
    bench.add_argument("--quiet", action="store_true", help="no progress lines")
    bench.add_argument("--timeout", type=float, default=3600, help="seconds per build (3600)")
    bench.add_argument("--hostile", action="store_true", help="build the hostile inputs instead")
    bench.add_argument("--only", help="with --hostile: comma-separated input names")
    bench.set_defaults(run=run_benchmark)
