"""Event merging across articles: one row per real-world event, every mention kept (issue: events).

The rule. Drafts are blocked by (event_type, key) and never compared across blocks. Within a
block a draft joins a cluster when it is compatible with every draft already in it:

* recipients (for the other types, when both drafts name an actor): equal, either empty, or
  related the same way — one mayor's vetoes of two different bills on one day are two events;
* actors: equal, or either empty, or related through the registry - one is the other's
  ``country`` (a state and its leader, ministry or army), or both have the same country and at
  most one is a person (the Kremlin and Putin; never two different people). A coordinated
  subject ("Putin and Kim confirmed") is compatible when any of its actors is. For symmetric
  types (AGREE, CONSULT, COOPERATE) the parties are compared as an unordered pair;
* dates: the day bounds overlap the cluster's common bounds (an unknown date fits any);
* an undated mention is compared only with events that have a mention published within
  ``WINDOW_WEEKS`` weeks of its own article (an article without a date is near every article):
  "the deployment", undated, in a 2027 article is not the one reported in 2025.

So that the work grows with the corpus, not its square, each block keeps its clusters in
indexes - by article, by the days or months their bounds span, by the weeks their mentions were
published - and a draft is tried only against the clusters those indexes give it; compatibility
is decided once per distinct pair of actor signatures.

Drafts are placed most specific first (actor and date, actor, date, neither), then by article
and offset. A draft that fits several clusters joins the one holding the nearest earlier
mention in its own article ("the admission" is the confirmation just reported), else the
nearest later one, else the largest. Then the hand decisions in ``decisions.yaml`` apply.

The merged row takes the most frequent actor, recipient, location and mode; its date is the
one value every other mention's bounds contain, else (when sources disagree) the value most
articles give, ties going to the latest start; it is asserted when any mention asserts it.

>>> events, mentions = merge_events(drafts, curation)
>>> sum(e.n_articles for e in events) >= len(events)
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..curation import Curation
from ..edtf import label
from ..extract import EventDraft
from ..models import DateBasis, EntityType, Event, EventMention, EventType, Factuality, content_id
from ..registry import Registry
from .event_summary import summary

SYMMETRIC = frozenset({EventType.AGREE, EventType.CONSULT, EventType.COOPERATE})
_OPEN = date.min
WINDOW_WEEKS = 4  # undated mentions join events reported this many weeks before or after
NARROW_DAYS = 62  # clusters spanning at most this many days are indexed by day ...
MEDIUM_DAYS = 800  # ... at most this many by month; longer ones are tried by every draft
Signature = tuple[tuple[str, ...], str | None]  # (actors, recipient): all that compatibility reads
_REF = re.compile(r"^(?P<article>[^@\s]+)@(?P<offset>\d+)(?::(?P<type>[A-Z]+))?$")


@dataclass
class Cluster:
    """Drafts taken for one event, with their common date bounds."""

    drafts: list[EventDraft] = field(default_factory=list)
    start: date = _OPEN
    end: date = date.max
    number: int = 0  # creation order within its block
    signatures: set[Signature] = field(default_factory=set)
    offsets: dict[str, list[int]] = field(default_factory=dict)  # article → mention starts

    @property
    def dated(self) -> bool:
        return self.end != date.max

    def add(self, draft: EventDraft) -> None:
        """Take a draft and narrow the common bounds to its date."""
        self.drafts.append(draft)
        self.signatures.add(_signature(draft))
        self.offsets.setdefault(draft.article_id, []).append(draft.char_start)
        if draft.date_end is not None:
            self.start = max(self.start, draft.date_start or _OPEN)
            self.end = min(self.end, draft.date_end)


def merge_events(
    drafts: list[EventDraft], curation: Curation, published: dict[str, date | None] | None = None
) -> tuple[list[Event], list[EventMention]]:
    """One event per real-world event, with every mention (see the module docstring).

    ``published`` gives each article's publication date (for the undated-mention window).
    """
    registry = curation.registry
    clusters: list[Cluster] = []
    for block in _blocks(drafts).values():
        clusters.extend(cluster_block(block, registry, published))
    clusters = apply_decisions(clusters, (curation.decisions or {}).get("events") or {})
    events, mentions = [], []
    taken: set[str] = set()
    for cluster in sorted(clusters, key=lambda c: _first_ref(c.drafts)):
        event = event_row(cluster.drafts, registry, taken)
        taken.add(event.event_id)
        events.append(event)
        mentions.extend(mention_rows(cluster.drafts, event.event_id))
    return events, mentions


def _blocks(drafts: Iterable[EventDraft]) -> dict[tuple[str, str], list[EventDraft]]:
    """Drafts by (type, key): the only pairs ever compared."""
    blocks: dict[tuple[str, str], list[EventDraft]] = {}
    for draft in drafts:
        blocks.setdefault((draft.event_type.value, draft.key or ""), []).append(draft)
    return dict(sorted(blocks.items()))


def _first_ref(drafts: list[EventDraft]) -> tuple[str, int]:
    return min((d.article_id, d.char_start) for d in drafts)


# --- the automatic rule ---------------------------------------------------------------------


def cluster_block(
    drafts: list[EventDraft], registry: Registry, published: dict[str, date | None] | None = None
) -> list[Cluster]:
    """Greedy complete-linkage clustering of one block, most specific drafts first."""
    index = BlockIndex(registry, published or {})
    for draft in sorted(drafts, key=_specificity):
        index.place(draft)
    return index.clusters


class BlockIndex:
    """The clusters of one block, indexed so that each draft meets only those it may join.

    >>> index = BlockIndex(registry, {"a": date(2025, 4, 28)})
    >>> index.place(draft).drafts == [draft]
    True
    """

    def __init__(self, registry: Registry, published: dict[str, date | None]) -> None:
        self.registry, self.published = registry, published
        self.clusters: list[Cluster] = []
        self.by_article: dict[str, list[Cluster]] = {}
        self.by_day: dict[int, list[Cluster]] = {}
        self.by_month: dict[int, list[Cluster]] = {}
        self.wide: list[Cluster] = []  # dated clusters spanning more than MEDIUM_DAYS
        self.by_week: dict[int | None, list[Cluster]] = {}  # None: articles without a date
        self.fits: dict[tuple[Signature, Signature], bool] = {}

    def place(self, draft: EventDraft) -> Cluster:
        """Add the draft to the cluster it joins (a new one if none fits); return that cluster."""
        cluster = self._choose(draft)
        if cluster is None:
            cluster = Cluster(number=len(self.clusters))
            self.clusters.append(cluster)
        was_dated = cluster.dated
        if draft.article_id not in cluster.offsets:
            self.by_article.setdefault(draft.article_id, []).append(cluster)
            week = self._week(draft.article_id)
            if cluster not in self.by_week.get(week, ()):
                self.by_week.setdefault(week, []).append(cluster)
        cluster.add(draft)
        if cluster.dated and not was_dated:  # bounds only narrow: index them once
            self._index_dates(cluster)
        return cluster

    def _choose(self, draft: EventDraft) -> Cluster | None:
        """The nearest fitting cluster in the draft's article, else the largest fitting one."""
        same = [c for c in self.by_article.get(draft.article_id, ()) if self._fits(draft, c)]
        if same:
            return min(sorted(same, key=lambda c: c.number), key=lambda c: _distance(draft, c))
        ranked = sorted(self._candidates(draft), key=lambda c: (-len(c.drafts), c.number))
        return next((c for c in ranked if self._fits(draft, c)), None)

    def _fits(self, draft: EventDraft, cluster: Cluster) -> bool:
        if not _overlaps(draft, cluster):
            return False
        symmetric, mine = draft.event_type in SYMMETRIC, _signature(draft)
        for other in cluster.signatures:
            key = (mine, other)
            if key not in self.fits:
                self.fits[key] = _signatures_fit(mine, other, symmetric, self.registry)
            if not self.fits[key]:
                return False
        return True

    def _candidates(self, draft: EventDraft) -> Iterable[Cluster]:
        """Every cluster the draft could fit: overlapping dates, or undated and published near."""
        found: dict[int, Cluster] = {}
        near = self._near(draft.article_id)
        if draft.date_end is None:
            found.update((c.number, c) for c in near)
            return found.values()
        found.update((c.number, c) for c in near if not c.dated)
        start, end = draft.date_start or _OPEN, draft.date_end
        if (end - start).days > MEDIUM_DAYS:
            found.update((c.number, c) for c in self.clusters if c.dated)
            return found.values()
        for day in range(start.toordinal(), end.toordinal() + 1):
            found.update((c.number, c) for c in self.by_day.get(day, ()))
        for month in _months(start, end):
            found.update((c.number, c) for c in self.by_month.get(month, ()))
        found.update((c.number, c) for c in self.wide)
        return found.values()

    def _near(self, article_id: str) -> list[Cluster]:
        """Clusters with a mention published within the window of this article (or undated)."""
        week = self._week(article_id)
        if week is None:
            return self.clusters
        weeks = [*range(week - WINDOW_WEEKS, week + WINDOW_WEEKS + 1), None]
        return [c for w in weeks for c in self.by_week.get(w, ())]

    def _week(self, article_id: str) -> int | None:
        day = self.published.get(article_id)
        return day.toordinal() // 7 if day else None

    def _index_dates(self, cluster: Cluster) -> None:
        span = (cluster.end - cluster.start).days
        if span <= NARROW_DAYS:
            for day in range(cluster.start.toordinal(), cluster.end.toordinal() + 1):
                self.by_day.setdefault(day, []).append(cluster)
        elif span <= MEDIUM_DAYS:
            for month in _months(cluster.start, cluster.end):
                self.by_month.setdefault(month, []).append(cluster)
        else:
            self.wide.append(cluster)


def _months(start: date, end: date) -> range:
    """Month numbers (year * 12 + month) from start's month to end's."""
    return range(start.year * 12 + start.month, end.year * 12 + end.month + 1)


def _specificity(draft: EventDraft) -> tuple[bool, bool, bool, str, int]:
    """Actor before none, dated before undated, one actor before a coordinated subject."""
    no_actor, no_date = not _actors(draft), draft.date_end is None
    return no_actor, no_date, bool(draft.co_actor_ids), draft.article_id, draft.char_start


def _overlaps(draft: EventDraft, cluster: Cluster) -> bool:
    if draft.date_end is None:
        return True
    return (draft.date_start or _OPEN) <= cluster.end and cluster.start <= draft.date_end


def _distance(draft: EventDraft, cluster: Cluster) -> tuple[int, int]:
    """How near the cluster's mentions in the draft's article are: nearest earlier first."""
    same = cluster.offsets[draft.article_id]
    before = [draft.char_start - s for s in same if s <= draft.char_start]
    if before:
        return 0, min(before)
    return 1, min(s - draft.char_start for s in same)


def _actors(draft: EventDraft) -> tuple[str, ...]:
    return tuple(a for a in (draft.actor_id, *draft.co_actor_ids) if a)


def _signature(draft: EventDraft) -> Signature:
    return _actors(draft), draft.recipient_id


def compatible(a: EventDraft, b: EventDraft, registry: Registry) -> bool:
    """Whether two drafts of one block may be the same event (actors only; dates apart).

    >>> compatible(draft(actor_id="north-korea"), draft(actor_id="kim-jong-un"), registry)
    True
    """
    symmetric = a.event_type in SYMMETRIC
    return _signatures_fit(_signature(a), _signature(b), symmetric, registry)


def _signatures_fit(a: Signature, b: Signature, symmetric: bool, registry: Registry) -> bool:
    """Actors compatible; for symmetric types every named party of one matches one of the
    other's (actors and recipient as an unordered set)."""
    left, right = list(a[0]), list(b[0])
    if symmetric:
        left += [a[1]] if a[1] else []
        right += [b[1]] if b[1] else []
    both = left and right and a[1] and b[1]
    if not symmetric and both and not related(a[1], b[1], registry):
        return False  # one actor, two different recipients: two events
    if not left or not right:
        return True
    if not symmetric:
        return any(related(x, y, registry) for x in left for y in right)
    short, long = sorted((left, right), key=len)
    return all(any(related(x, y, registry) for y in long) for x in short)


def related(a: str, b: str, registry: Registry) -> bool:
    """Equal, one is the other's country, or same country and not two people.

    >>> related("the-kremlin", "vladimir-putin", registry)
    True
    """
    if a == b:
        return True
    x, y = registry.get(a), registry.get(b)
    if x is None or y is None:
        return False
    if x.country == b or y.country == a:
        return True
    both_people = x.type == EntityType.person and y.type == EntityType.person
    return bool(x.country) and x.country == y.country and not both_people


# --- hand decisions -------------------------------------------------------------------------


def apply_decisions(clusters: list[Cluster], decisions: dict) -> list[Cluster]:
    """Apply ``events: split:`` then ``events: merge:`` from decisions.yaml (see its header)."""
    for group in decisions.get("split") or []:
        clusters = _split(clusters, [_parse_ref(r) for r in group])
    for group in decisions.get("merge") or []:
        clusters = _merge(clusters, [_parse_ref(r) for r in group])
    return [c for c in clusters if c.drafts]


Ref = tuple[str, int, str | None]


def _parse_ref(ref: str) -> Ref:
    """ "ARTICLE_ID@OFFSET" or "ARTICLE_ID@OFFSET:TYPE" → (article, offset, type)."""
    match = _REF.match(str(ref).strip())
    if not match:
        raise ValueError(f"decisions.yaml: bad event mention reference {ref!r}")
    return match["article"], int(match["offset"]), match["type"]


def _hits(draft: EventDraft, ref: Ref) -> bool:
    article, offset, type_ = ref
    inside = draft.article_id == article and draft.char_start <= offset < draft.char_end
    return inside and (type_ is None or draft.event_type.value == type_)


def _split(clusters: list[Cluster], refs: list[Ref]) -> list[Cluster]:
    """Pull the referenced mentions out into one new event per type."""
    pulled: dict[EventType, Cluster] = {}
    for cluster in clusters:
        for draft in [d for d in cluster.drafts if any(_hits(d, r) for r in refs)]:
            cluster.drafts.remove(draft)
            pulled.setdefault(draft.event_type, Cluster()).add(draft)
    return [*clusters, *pulled.values()]


def _merge(clusters: list[Cluster], refs: list[Ref]) -> list[Cluster]:
    """Join the events holding the referenced mentions (per type)."""
    chosen = [c for c in clusters if any(_hits(d, r) for d in c.drafts for r in refs)]
    by_type: dict[EventType, list[Cluster]] = {}
    for cluster in chosen:
        by_type.setdefault(cluster.drafts[0].event_type, []).append(cluster)
    for group in by_type.values():
        for other in group[1:]:
            for draft in other.drafts:
                group[0].add(draft)
            other.drafts = []
    return clusters


# --- rows -----------------------------------------------------------------------------------


def event_row(drafts: list[EventDraft], registry: Registry, taken: set[str] = frozenset()) -> Event:
    """The merged row of one cluster (most frequent parts, agreed date, code-written summary)."""
    first = min(drafts, key=lambda d: (d.article_id, d.char_start))
    parts = {
        "actor_id": _most(d.actor_id for d in drafts),
        "recipient_id": _most(d.recipient_id for d in drafts),
        "location_id": _most(d.location_id for d in drafts),
        "mode": _most(d.mode for d in drafts),
    }
    if parts["recipient_id"] == parts["actor_id"]:
        parts["recipient_id"] = None
    dated = choose_date(drafts)
    factuality = _factuality(drafts)
    identity = (first.event_type.value, first.key, parts["actor_id"], parts["recipient_id"])
    event_id = content_id("e", *identity, dated.date if dated else "")
    if event_id in taken:  # two events alike in every part: tell them apart by first mention
        event_id = content_id("e", *identity, dated.date if dated else "", *_first_ref(drafts))
    return Event(
        event_id=event_id,
        event_type=first.event_type,
        **parts,
        date=dated.date if dated else None,
        date_start=dated.date_start if dated else None,
        date_end=dated.date_end if dated else None,
        date_label=label(dated.date if dated else None),
        date_basis=dated.date_basis if dated else DateBasis.unknown,
        factuality=factuality,
        summary=summary(drafts, parts, dated, factuality, registry),
        n_articles=len({d.article_id for d in drafts}),
    )


def mention_rows(drafts: list[EventDraft], event_id: str) -> list[EventMention]:
    """One mention row per draft (a sentence reporting the event twice counts once)."""
    rows: dict[tuple[str, int, int], EventMention] = {}
    for d in sorted(drafts, key=lambda d: (d.article_id, d.char_start, d.trigger)):
        key = (d.article_id, d.char_start, d.char_end)
        rows.setdefault(
            key,
            EventMention(
                mention_id=content_id("m", d.article_id, d.char_start, d.char_end, event_id),
                event_id=event_id,
                article_id=d.article_id,
                text=d.text,
                char_start=d.char_start,
                char_end=d.char_end,
                trigger=d.trigger,
            ),
        )
    return list(rows.values())


def _most(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value (first seen wins a tie)."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def choose_date(drafts: list[EventDraft]) -> EventDraft | None:
    """The draft whose date the event takes: the value every other date contains, else the
    value most articles give (ties: latest start, then most precise)."""
    dated = sorted((d for d in drafts if d.date), key=lambda d: (d.article_id, d.char_start))
    if not dated:
        return None
    latest_start = max(d.date_start or _OPEN for d in dated)
    earliest_end = min(d.date_end for d in dated)
    for candidate in dated:  # contained in every other date's bounds
        if (candidate.date_start or _OPEN) >= latest_start and candidate.date_end <= earliest_end:
            return _prefer_explicit(candidate, dated)
    articles: dict[str, set[str]] = {}
    for d in dated:
        articles.setdefault(d.date, set()).add(d.article_id)
    best = max(
        dated,
        key=lambda d: (
            len(articles[d.date]),
            d.date_start or _OPEN,
            -((d.date_end - (d.date_start or _OPEN)).days),
        ),
    )
    return _prefer_explicit(best, dated)


def _prefer_explicit(chosen: EventDraft, dated: list[EventDraft]) -> EventDraft:
    """Of the drafts giving the chosen value, one stated explicitly if any."""
    same = [d for d in dated if d.date == chosen.date]
    return next((d for d in same if d.date_basis == DateBasis.explicit), chosen)


def _factuality(drafts: list[EventDraft]) -> Factuality:
    """Asserted when any mention asserts it, else the most frequent marking."""
    values = [d.factuality for d in drafts]
    if Factuality.asserted in values:
        return Factuality.asserted
    return Counter(values).most_common(1)[0][0]
