"""Named-entity lookups indexed once per Doc (``Doc.ents`` rebuilds every Span on each call).

>>> entity_at(doc[3])            # the entity span covering token 3, or None
>>> len(entities(doc)) == len(doc.ents)
True
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_INDEX: dict[int, tuple[Doc, tuple[Span, ...], dict[int, Span]]] = {}


def _indexed(doc: Doc) -> tuple[Doc, tuple[Span, ...], dict[int, Span]]:
    """The entities of the Doc last asked about, and a token index → entity map."""
    cached = _INDEX.get(id(doc))
    if cached is None or cached[0] is not doc:
        _INDEX.clear()
        ents = tuple(doc.ents)
        cached = (doc, ents, {i: ent for ent in ents for i in range(ent.start, ent.end)})
        _INDEX[id(doc)] = cached
    return cached


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc."""
    return _indexed(doc)[1]


def entity_at(token: Token) -> Span | None:
    """The named-entity span covering a token, if any."""
    return _indexed(token.doc)[2].get(token.i)
