"""Who said it: attribution of a quote or a number phrase to a speaker, cue and channel.

>>> source = attribute(ctx, quote_start, quote_end)
>>> source.entity_id, source.surface, source.cue, source.channel_id
('jane-roe', 'Roe', 'quoted … as saying', 'daily-bugle')

One engine for quotations and figures, a documented heuristic over the spaCy parse, in small
modules by concern (a quotation's speaker mention is then re-ranked by ``ranker``, a small
linear model trained by ``scripts/train_speaker_ranker.py``):

- ``view``: per-article indexes built once (sentences cut outside quotes, quote and mention
  look-ups by dictionary and binary search: linear time per article);
- ``cues``: speech verbs, "according to", "quoted … as saying", speech nouns, evidence verbs;
- ``mentions``: mention → entity (name chains, roles and descriptions, pronouns with gender,
  documents to their issuer, unnamed sources as anonymous article-scoped entities);
- ``relays``: the original voice speaks, the outlet or spokesperson relays (channel);
- ``transcripts``: ``NAME:`` labels, Q:/A: lines, asked/replied alternation;
- ``sources``: the order in which the rules are tried for a quote, and ``attribute``;
- ``ranker``: the rules' pick against the other noun phrases around the quote (weights in
  ``speaker_ranker.json``; relayed voices and labels stay the rules').

The registry (``data/curation``) may name entities and roles, but nothing here needs it.
"""

from .cues import Cue, read_cue
from .mentions import mention_span, resolve_mention
from .sources import attribute, in_sentence, quote_source, view
from .view import ArticleView, Mention, Source, sentences

__all__ = [
    "ArticleView",
    "Cue",
    "Mention",
    "Source",
    "attribute",
    "in_sentence",
    "mention_span",
    "quote_source",
    "read_cue",
    "resolve_mention",
    "sentences",
    "view",
]
