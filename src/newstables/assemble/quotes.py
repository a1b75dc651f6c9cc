"""Quotation clusters: the same statement across articles, translations included.

>>> clustered = cluster_quotations(quotations)
>>> len({q.cluster_id for q in clustered}) <= len(clustered)
True

The rule (documented, deterministic):
- block by speaker: only quotations with the same ``speaker_id`` are compared (quotes without a
  speaker are compared only when their words are identical), so the work grows with the
  largest speaker's quote count, not with the corpus squared;
- represent a quotation by its content words: lower-cased, stop words dropped, British
  spellings written the American way (honour/honor, realise/realize, centre/center), crude
  suffix stemming, then mapped through the dataset's synonym table, if its curation has one
  (``quotation_synonyms`` in the codebook: translation variants its sources use, such as
  thankful/grateful); the engine itself carries no word list of any subject;
- two quotations are one statement when their content words are identical, or when they share
  at least ``MIN_SHARED`` content words and the overlap coefficient |A ∩ B| / min(|A|, |B|)
  reaches ``THRESHOLD``; clusters are the connected components (union-find), and a cluster's
  id hashes its smallest quotation id.

Within a speaker, identical word sets are grouped first and only distinct sets are compared,
and only pairs whose rarest words meet (prefix filtering: two sets sharing ``MIN_SHARED`` words
share one among all but the ``MIN_SHARED - 1`` commonest words of each), so a speaker quoted
thousands of times costs little more than the distinct things they said.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from ..models import Quotation, content_id

THRESHOLD = 0.6
MIN_SHARED = 4
STOP_WORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as into out about over under this
    that these those it its it's is are was were be been being am i we you he she they them
    us our your his her their my me him not no nor so than then too very can could will
    would shall should may might must do does did have has had also just only all any each
    every some such which who whom whose what when where why how there here up down off
    again
    """.split()  # noqa: SIM905 - a word list reads best as words
)
Synonyms = Mapping[str, str]
_BRITISH = (  # British spelling -> American, as (pattern, replacement)
    (re.compile(r"(?<=\w{3})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=\w{3})([iy])s(e|ed|es|ing)$"), r"\1z\2"),
    (re.compile(r"(?<=\w{3})tre$"), "ter"),
)


def _stem(word: str) -> str:
    """A crude suffix stemmer, enough to match "acted"/"acts" and "friends"/"friend"."""
    for suffix in ("ingly", "edly", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def american(word: str) -> str:
    """The American spelling of a lower-case word, by rule.

    >>> [american(w) for w in ("honour", "realised", "centre", "four")]
    ['honor', 'realized', 'center', 'four']
    """
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


@functools.cache
def spellings(raw: str) -> tuple[str, str]:
    """A word's American spelling and its stem (cached: words recur in every quotation).

    >>> spellings("realised")
    ('realized', 'realiz')
    """
    spelled = american(raw)
    return spelled, _stem(spelled)


def content_words(text: str, synonyms: Synonyms | None = None) -> frozenset[str]:
    """The comparable words of a quotation.

    >>> sorted(content_words("We are deeply thankful to our friends", {"thankful": "grateful"}))
    ['deep', 'friend', 'grateful']
    """
    synonyms = synonyms or {}
    words = set()
    for raw in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.casefold()):
        if raw in STOP_WORDS or len(raw) < 2:
            continue
        spelled, stem = spellings(raw)
        words.add(synonyms.get(raw) or synonyms.get(spelled) or synonyms.get(stem) or stem)
    return frozenset(words)


def same_statement(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two content-word sets are one statement (overlap coefficient rule)."""
    if a and a == b:  # the same words, however short
        return True
    shared = len(a & b)
    return shared >= MIN_SHARED and shared / min(len(a), len(b)) >= THRESHOLD


def _find(parent: dict[str, str], item: str) -> str:
    """Union-find root with path halving."""
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def cluster_quotations(
    quotations: list[Quotation], synonyms: Synonyms | None = None
) -> list[Quotation]:
    """Give quotations of one statement one cluster_id (see the module doc for the rule).

    ``synonyms`` maps a word (as printed, American-spelled or stemmed) to its canonical word.
    """
    parent = {q.quotation_id: q.quotation_id for q in quotations}
    blocks: dict[str, list[Quotation]] = defaultdict(list)
    for quote in quotations:
        key = quote.speaker_id or "\x00" + " ".join(quote.text.casefold().split())
        blocks[key].append(quote)
    for block in blocks.values():
        for left_id, right_id in similar_pairs(block, synonyms):
            parent[_find(parent, left_id)] = _find(parent, right_id)
    members: dict[str, list[str]] = defaultdict(list)
    for quote in quotations:
        members[_find(parent, quote.quotation_id)].append(quote.quotation_id)
    cluster = {
        member: content_id("qc", min(group)) for group in members.values() for member in group
    }
    return [q.model_copy(update={"cluster_id": cluster[q.quotation_id]}) for q in quotations]


def similar_pairs(
    block: list[Quotation], synonyms: Synonyms | None = None
) -> list[tuple[str, str]]:
    """Pairs of quotation ids in one block that are one statement (enough links to join all).

    >>> similar_pairs([quote_a, quote_a_again])
    [('q_a', 'q_a_again')]
    """
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for quote in block:
        groups[content_words(quote.text, synonyms)].append(quote.quotation_id)
    pairs = [(ids[0], other) for words, ids in groups.items() if words for other in ids[1:]]
    distinct = [words for words in groups if words]
    frequency = Counter(word for words in distinct for word in words)
    index: dict[str, list[int]] = defaultdict(list)
    for position, words in enumerate(distinct):
        rarest = sorted(words, key=lambda w: (frequency[w], w))[
            : max(len(words) - MIN_SHARED + 1, 1)
        ]
        candidates = {other for word in rarest for other in index[word]}
        for other in sorted(candidates):
            if same_statement(words, distinct[other]):
                pairs.append((groups[distinct[other]][0], groups[words][0]))
        for word in rarest:
            index[word].append(position)
    return pairs
