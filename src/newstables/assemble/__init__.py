"""Cross-article work: entities, quotation clusters, event merging, mention counts.

>>> tables = assemble(articles, results, curation)
>>> sorted(tables)
['articles', 'entities', 'event_mentions', 'events', 'figures', 'quotations']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..curation import Curation
from ..extract import ArticleResult, NewEntity
from ..models import Article, Entity, Row
from .events import merge_events
from .quotes import cluster_quotations

Tables = dict[str, list[Row]]


def new_entity_rows(proposals: Iterable[NewEntity], known: set[str]) -> list[Entity]:
    """One row per proposed entity not in the registry; the first surface seen (by id) names it."""
    chosen: dict[str, NewEntity] = {}
    surfaces: dict[str, set[str]] = {}
    for proposal in sorted(proposals, key=lambda p: (p.entity_id, p.name, p.surface)):
        if proposal.entity_id in known:
            continue
        chosen.setdefault(proposal.entity_id, proposal)
        surfaces.setdefault(proposal.entity_id, set()).update({proposal.name, proposal.surface})
    return [
        Entity(
            entity_id=p.entity_id,
            name=p.name,
            type=p.type,
            aliases=sorted(surfaces[p.entity_id] - {p.name}),
            wikidata_id=None,
            description=p.description
            or f"First seen as {p.surface!r} (extracted; not in the curated registry).",
            anonymous=p.anonymous,
            origin="extracted",
            mentions=0,
        )
        for p in chosen.values()
    ]


def entity_references(tables: Tables) -> Counter[str]:
    """How many rows point at each entity id (any foreign key into entities)."""
    counts: Counter[str] = Counter()
    for rows in tables.values():
        for row in rows:
            for column, target in row.TABLE.foreign_keys.items():
                value = getattr(row, column)
                if target == "entities" and value:
                    counts[value] += 1
    return counts


def entity_rows(curation: Curation, results: list[ArticleResult], tables: Tables) -> list[Entity]:
    """The registry plus extracted entities, each with its reference count."""
    registry = curation.registry
    proposed = new_entity_rows((e for r in results for e in r.new_entities), set(registry.entries))
    counts = entity_references(tables)
    rows = [entry.to_row(counts[entry.entity_id]) for entry in registry.entries.values()]
    rows += [row.model_copy(update={"mentions": counts[row.entity_id]}) for row in proposed]
    return sorted(rows, key=lambda r: r.entity_id)


def assemble(articles: list[Article], results: list[ArticleResult], curation: Curation) -> Tables:
    """Turn per-article results into the six sorted tables."""
    synonyms = curation.codebook.get("quotation_synonyms") or {}
    quotations = cluster_quotations([q for r in results for q in r.quotations], synonyms)
    figures = [f for r in results for f in r.figures]
    published = {a.article_id: a.published for a in articles}
    events, mentions = merge_events([e for r in results for e in r.events], curation, published)
    tables: Tables = {
        "articles": sorted(articles, key=lambda a: a.article_id),
        "quotations": sorted(quotations, key=lambda q: (q.article_id, q.char_start, q.char_end)),
        "figures": sorted(figures, key=lambda f: (f.article_id, f.char_start, f.char_end)),
        "events": sorted(events, key=lambda e: e.event_id),
        "event_mentions": sorted(mentions, key=lambda m: (m.article_id, m.char_start, m.event_id)),
    }
    tables["entities"] = entity_rows(curation, results, tables)
    return tables
