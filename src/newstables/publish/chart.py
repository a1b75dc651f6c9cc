"""The estimates chart: who claims which number, per kind of quantity, across articles.

One panel per quantity kind; one row per distinct claim (value or range, qualifier, claimant);
single values are points (the marker says the qualifier: ``>`` more than, ``<`` up to, ``o``
about, ``D`` exact), ranges are bars. Every row is labelled with its claimant and the numbers of
its source articles, which the caption under the chart lists. Written as PNG and SVG with fixed
metadata and hash salt, so the same tables always give the same bytes.

>>> draw_estimates(tables["figures"], tables["entities"], tables["articles"], Path("."))
[PosixPath('charts/estimates.png'), PosixPath('charts/estimates.svg')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from ..edtf import label as edtf_label  # noqa: E402
from ..models import Article, Entity, Figure, Qualifier  # noqa: E402

CHART_DIR = "charts"
STEM = "estimates"
MAX_ROWS = 12  # claims per panel: those the most articles carry (all are in the estimates view)
MAX_REFS = 3  # article numbers printed per claim, then "+N"
_MARKERS = {
    Qualifier.more_than: ">",
    Qualifier.at_least: ">",
    Qualifier.at_most: "<",
    Qualifier.less_than: "<",
    Qualifier.approx: "o",
    Qualifier.exact: "D",
}
_WORDS = {
    Qualifier.approx: "about ",
    Qualifier.more_than: "more than ",
    Qualifier.at_least: "at least ",
    Qualifier.at_most: "up to ",
    Qualifier.less_than: "less than ",
}
_STYLE = {
    "svg.hashsalt": "newstables",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "path.simplify": False,
}


@dataclass(frozen=True)
class Claim:
    """One row of the chart: a distinct claim and the articles that carry it."""

    quantity: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    claimant: str
    article_ids: tuple[str, ...]

    @property
    def estimate(self) -> str:
        """The claim in words: "10,000–12,000", "about 1,200"."""
        if self.low is not None and self.high is not None:
            return f"{self.low:,.0f}–{self.high:,.0f}"
        return f"{_WORDS.get(self.qualifier, '')}{self.value:,.0f}"

    @property
    def centre(self) -> float:
        return self.value if self.value is not None else ((self.low or 0) + (self.high or 0)) / 2


def claims(figures: Sequence[Figure], entities: Sequence[Entity]) -> list[Claim]:
    """Distinct non-vague claims with a kind, each with the articles that carry it."""
    names = {e.entity_id: e.name for e in entities}
    grouped: dict[tuple[object, ...], set[str]] = {}
    for f in figures:
        if f.vague or not f.quantity or (f.value is None and f.low is None):
            continue
        claimant = names.get(f.claimant_id or "", "unattributed (the outlet)")
        key = (f.quantity, f.value, f.low, f.high, f.qualifier, claimant)
        grouped.setdefault(key, set()).add(f.article_id)
    rows = [Claim(*key, article_ids=tuple(sorted(ids))) for key, ids in grouped.items()]
    return sorted(rows, key=lambda c: (c.quantity, c.centre, c.claimant, c.qualifier.value))


def panels(rows: Sequence[Claim]) -> list[tuple[str, list[Claim], int]]:
    """(quantity, the claims shown, how many in all) per panel, the most claimed kind first.

    A large corpus has hundreds of claims per kind: a panel shows the ``MAX_ROWS`` that the
    most articles carry, so the chart stays readable and cheap to draw.
    """
    by_quantity: dict[str, list[Claim]] = {}
    for row in rows:
        by_quantity.setdefault(row.quantity, []).append(row)
    ordered = sorted(by_quantity.items(), key=lambda item: (-len(item[1]), item[0]))
    result = []
    for quantity, claims_ in ordered:
        top = sorted(claims_, key=lambda c: -len(c.article_ids))[:MAX_ROWS]  # stable: keeps order
        chosen = set(map(id, top))
        result.append((quantity, [c for c in claims_ if id(c) in chosen], len(claims_)))
    return result


def cited(row: Claim) -> tuple[str, ...]:
    """The articles a row prints a number for (the first ``MAX_REFS``)."""
    return row.article_ids[:MAX_REFS]


def article_numbers(rows: Sequence[Claim]) -> dict[str, int]:
    """Reference numbers [1], [2] … for the articles the chart cites, in article-id order."""
    numbers = sorted({a for row in rows for a in cited(row)})
    return {article_id: n for n, article_id in enumerate(numbers, 1)}


def caption(numbers: dict[str, int], articles: Sequence[Article]) -> str:
    """The source list under the chart: "[1] 000_dac3… — dpa/MIA, 28 April 2025, title"."""
    by_id = {a.article_id: a for a in articles}
    lines = []
    for article_id, n in numbers.items():
        article = by_id.get(article_id)
        published = edtf_label(str(article.published)) if article and article.published else None
        parts = [p for p in (article.outlet, published, article.title) if p] if article else []
        details = ", ".join(str(p) for p in parts)
        lines.append(f"[{n}] {article_id}" + (f" — {details}" if details else ""))
    return "\n".join(lines)


def _panel(
    ax: plt.Axes, quantity: str, rows: list[Claim], numbers: dict[str, int], total: int
) -> None:
    """One quantity: a row per claim, labelled with claimant, estimate and article numbers."""
    top = max(max(r.high or r.value or 0 for r in rows), 1)
    for y, row in enumerate(rows):
        refs = ",".join(str(numbers[a]) for a in cited(row))
        if len(row.article_ids) > MAX_REFS:
            refs += f" +{len(row.article_ids) - MAX_REFS}"
        if row.low is not None and row.high is not None:
            ax.plot([row.low, row.high], [y, y], color="tab:blue", linewidth=6, alpha=0.6,
                    solid_capstyle="butt")  # fmt: skip
            x = row.high
        else:
            ax.plot([row.value], [y], marker=_MARKERS.get(row.qualifier, "o"), markersize=8,
                    color="tab:red", linestyle="none")  # fmt: skip
            x = row.value or 0
        ax.annotate(f"{row.claimant}: {row.estimate} [{refs}]", (x, y), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    title = quantity.replace("_", " ")
    if total > len(rows):
        title += f" (the {len(rows)} claims most articles carry, of {total})"
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    ax.set_xlim(0, top * 1.9)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.grid(axis="x", color="0.9")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def render(rows: list[Claim], articles: Sequence[Article]) -> MplFigure:
    """The whole figure: one panel per quantity plus the caption linking to the articles."""
    shown = panels(rows)
    numbers = article_numbers([r for _, chosen, _ in shown for r in chosen])
    heights = [max(1.0, 0.35 * len(chosen) + 0.6) for _, chosen, _ in shown] or [1.0]
    text = caption(numbers, articles)
    cap_height = 0.2 * (text.count("\n") + 2)
    figure = plt.figure(figsize=(10, sum(heights) + cap_height + 0.8))
    grid = figure.add_gridspec(len(heights) + 1, 1, height_ratios=[*heights, cap_height])
    figure.suptitle("Who claims which number: estimates across articles", x=0.01, ha="left",
                    fontsize=12, fontweight="bold")  # fmt: skip
    for index, (quantity, chosen, total) in enumerate(shown):
        _panel(figure.add_subplot(grid[index]), quantity, chosen, numbers, total)
    if not shown:
        figure.text(0.5, 0.6, "no figures", ha="center")
    legend = "● about  ◆ exact  ▶ more than / at least  ◀ up to / less than  ▬ range"
    figure.text(0.01, cap_height / (sum(heights) + cap_height + 0.8), f"{legend}\nSources:\n{text}",
                ha="left", va="top", fontsize=7.5, family="DejaVu Sans")  # fmt: skip
    figure.subplots_adjust(left=0.03, right=0.97, top=0.9, hspace=0.6)
    return figure


def draw_estimates(
    figures: Sequence[Figure],
    entities: Sequence[Entity],
    articles: Sequence[Article],
    out_dir: Path,
) -> list[Path]:
    """Write ``charts/estimates.png`` and ``.svg`` under out_dir; return the paths."""
    folder = out_dir / CHART_DIR
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{STEM}.png", folder / f"{STEM}.svg"]
    with matplotlib.rc_context(_STYLE):
        figure = render(claims(figures, entities), articles)
        try:
            figure.savefig(paths[0], dpi=120, metadata={"Software": None})
            figure.savefig(paths[1], metadata={"Date": None, "Creator": None})
        finally:
            plt.close(figure)
    return paths
