"""Direct quotations and their speakers (issue: quotations).

>>> quotations, new_entities = extract_quotations(ctx)
>>> quotations[0].speaker_id, quotations[0].cue
('vladimir-putin', 'quoted … as saying')

One row per quoted piece (``"A," he said, "B"`` gives two rows sharing a ``statement_id``);
the pairing is in ``quotemarks``, the speaker, cue and channel in ``attribution``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Attribution, Quotation, content_id
from .attribution import ArticleView, Source, quote_source, view
from .attribution.ranker import rerank
from .attribution.titles import not_a_quotation
from .quotemarks import QuoteSpan

if TYPE_CHECKING:
    from . import ArticleContext, NewEntity

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def is_fragment(art: ArticleView, quote: QuoteSpan) -> bool:
    """A scare quote: at most three words and no clause (no subject, no finite verb).

    >>> is_fragment(view(ctx), QuoteSpan(0, 7, "heroism", 0))
    True
    """
    if len(quote.text.split()) > 3:
        return False
    span = art.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return True
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in span)
    return not (has_subject and any(t.tag_ in _FINITE for t in span))


def _statement_key(art: ArticleView, quote: QuoteSpan, source: Source | None, last: dict) -> str:
    """Pieces of one statement: a continued paragraph, or pieces of one line sharing a cue."""
    previous = last.get("quote")
    same = previous is not None and (
        quote.continues
        or (
            previous.line == quote.line
            and source is not None
            and last.get("source") is not None
            and (source.start, source.cue) == (last["source"].start, last["source"].cue)
            and source.method != Attribution.unknown
        )
    )
    if not same:
        last["statement"] = content_id("qs", art.ctx.article.article_id, quote.start)
    last["quote"], last["source"] = quote, source
    return last["statement"]


def extract_quotations(ctx: ArticleContext) -> tuple[list[Quotation], list[NewEntity]]:
    """Every quoted piece in the article with its attribution (titles, subheads left out)."""
    art = view(ctx)
    article_id = ctx.article.article_id
    rows: list[Quotation] = []
    new: list[NewEntity] = []
    last: dict = {}
    for quote in art.quotes:
        if not_a_quotation(ctx.text, quote.start, quote.end):
            continue  # a title of a work, a cited headline or a subhead
        source = rerank(art, quote, quote_source(art, quote))
        quotation_id = content_id("q", article_id, quote.start, quote.end, quote.text)
        if source is not None:
            new += [e for e in (source.new_entity, source.channel_entity) if e is not None]
        rows.append(
            Quotation(
                quotation_id=quotation_id,
                article_id=article_id,
                text=quote.text,
                char_start=quote.start,
                char_end=quote.end,
                speaker_id=source.entity_id if source else None,
                speaker_surface=source.surface if source else None,
                speaker_char_start=source.start if source else None,
                speaker_char_end=source.end if source else None,
                cue=source.cue if source else None,
                channel_id=source.channel_id if source else None,
                attribution=source.method if source else Attribution.unknown,
                is_fragment=is_fragment(art, quote),
                statement_id=_statement_key(art, quote, source, last),
                cluster_id=content_id("qc", quotation_id),
            )
        )
    return rows, new
