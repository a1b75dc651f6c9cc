"""A lexicon verb's patterns against its clause: the most specific pattern whose words all
appear in the verb's own clause (objects, particles, prepositional phrases), else its bare code.

The clause is read once per verb (``Clause``) and each of its parts (the subject's words, the
prepositions above a word, the words under a preposition) once for all the verb's patterns.

>>> match(article.index, book.verbs["call"], token).code
'1041'
"""

from __future__ import annotations

from spacy.tokens import Token

from .index import TokenIndex
from .lexicon import Pattern, Verb
from .parse import dobj

_OWN_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "parataxis", "nsubj", "nsubjpass", "csubj",
                         "conj", "cc", "punct", "mark", "appos"})  # fmt: skip
_DEPTH = 4  # pattern words are looked for this many links below the verb
_NOT_DOWN = frozenset({"relcl", "ccomp", "advcl", "acl"})
_FUNCTION_WORDS = frozenset(
    {"to", "against", "for", "with", "on", "in", "of", "from", "by", "up", "out", "off", "down",
     "over", "into", "at", "about", "back", "away"}
)  # fmt: skip
_PARTICLES = frozenset({"back", "down", "off", "out", "away"})
_SETTINGS = frozenset({"in", "at", "during", "amid", "since", "until"})


def match(index: TokenIndex, verb: Verb, token: Token) -> Pattern | None:
    """The verb's most specific pattern whose words its clause holds, else its bare code."""
    clause = Clause(index, token)
    word = particle(token)
    for pattern in verb.candidates(clause.after):
        if word and not _names(pattern, word):
            continue
        if _holds(pattern, clause):
            if verb.default is not None and _functional(pattern) and not word:
                return verb.default  # "mobilized reservists against": the verb's own code
            return pattern
    return None if word else verb.default


class Clause:
    """A verb's clause as its patterns read it, on the word index (words by position): the
    words after the verb (``clause_words``), and, each computed once when a pattern first asks,
    its subject's words, the prepositions of place or time above a word, and the words under a
    preposition."""

    def __init__(self, index: TokenIndex, verb: Token) -> None:
        self.index = index
        self.verb = verb
        self.after = clause_words(index, verb.i)
        self._subject: set[str] | None = None
        self._settings: dict[int, frozenset[str]] = {}
        self._heads: dict[str, list[int]] = {}
        self._inside: dict[int, set[str]] = {}

    @property
    def subject(self) -> set[str]:
        """The words (forms and lemmas) of the verb's subjects."""
        if self._subject is None:
            self._subject = _subject_words(self.index, self.verb.i)
        return self._subject

    def reachable(self, pattern: Pattern) -> set[str]:
        """The clause words a pattern's words may be: not inside a phrase of place or time
        ("in", "at", "during") that the pattern does not name ("stated in a press release"
        frees no one)."""
        named = {w for t in pattern.after for w in t} | {p for p, _ in pattern.preps}
        return {
            word
            for word, words in self.after.items()
            if any(not self._setting(i) - named for i in words)
        }

    def _setting(self, i: int) -> frozenset[str]:
        if i not in self._settings:
            self._settings[i] = frozenset(_preps_above(self.index, i, self.verb.i) & _SETTINGS)
        return self._settings[i]

    def heads(self, prep: str) -> list[int]:
        """The verb's own phrases of a preposition: at most two links below it, no "to" of an
        infinitive, no "in order to", no preposition of time."""
        if prep not in self._heads:
            index, verb = self.index, self.verb.i
            self._heads[prep] = [
                h
                for h in self.after.get(prep, [])
                if index.dep[h] != "aux"
                and _within(index, h, verb, 2)
                and not _in_order(index, h)
                and not _of_time(index, h)
            ]
        return self._heads[prep]

    def inside(self, heads: list[int]) -> set[str]:
        """The words (forms and lemmas) under these prepositions."""
        words: set[str] = set()
        for head in heads:
            if head not in self._inside:
                below = self.index.below(head)
                self._inside[head] = {self.index.lower[i] for i in below} | {
                    self.index.lemma[i] for i in below
                }
            words |= self._inside[head]
        return words


def particle(token: Token) -> str | None:
    """A verb's particle: with one, it is another verb, and only patterns naming the particle
    apply, not the bare code ("pulled off a string of victories", "pushed back against the
    attack" are no seizure and no demand)."""
    for c in token.children:
        if c.dep_ == "prt" or (
            c.i == token.i + 1 and c.dep_ in ("advmod", "prep") and c.lower_ in _PARTICLES
        ):
            return c.lower_
    return None


def _names(pattern: Pattern, word: str) -> bool:
    """Whether a pattern has the word among its own (after the verb or as a preposition)."""
    return any(word in term for term in pattern.after) or any(p == word for p, _ in pattern.preps)


def _functional(pattern: Pattern) -> bool:
    """A pattern of function words only ("* AGAINST", "* (TO)")."""
    words = {w for t in pattern.after for w in t} | {p for p, ts in pattern.preps if not ts}
    content = [t for _, ts in pattern.preps for t in ts]
    return not content and not pattern.before and words <= _FUNCTION_WORDS


def clause_words(index: TokenIndex, verb: int) -> dict[str, list[int]]:
    """Words of the verb's own clause after it (objects, particles, prepositions, infinitive
    complements), by lower-case form and lemma (positions in the Doc)."""
    found: dict[str, list[int]] = {}
    lower, lemma, dep = index.lower, index.lemma, index.dep
    stack = [(c, 1) for c in index.children(verb) if c > verb and dep[c] not in _OWN_CLAUSE]
    while stack:
        node, depth = stack.pop()
        for form in (lower[node], lemma[node]):
            found.setdefault(form, []).append(node)
        if depth < _DEPTH:
            stack.extend((c, depth + 1) for c in index.children(node) if dep[c] not in _NOT_DOWN)
    for complement in index.children(verb):  # "called for her to resign", "called on them to go"
        if dep[complement] in ("advcl", "ccomp") and complement > verb:
            for link in index.children(complement):
                if (dep[link], lower[link]) in (("mark", "for"), ("aux", "to")):
                    found.setdefault(lower[link], []).append(link)
    return found


def _subject_words(index: TokenIndex, verb: int) -> set[str]:
    words: set[str] = set()
    for child in index.children(verb):
        if index.dep[child] in ("nsubj", "nsubjpass"):
            below = index.below(child)
            words.update(index.lower[i] for i in below)
            words.update(index.lemma[i] for i in below)
    return words


def _term_in(term: frozenset[str], words: dict[str, list[int]] | set[str]) -> bool:
    if not term.isdisjoint(words):
        return True
    phrases = _PHRASES.get(term)
    if phrases is None:
        phrases = _PHRASES[term] = _by_first_word(term)
    return any(
        all(w in words for w in rest) for first in phrases.keys() & words for rest in phrases[first]
    )


def _by_first_word(term: frozenset[str]) -> dict[str, list[list[str]]]:
    """A term's multi-word alternatives, split, by their first word (the rest of each)."""
    found: dict[str, list[list[str]]] = {}
    for alternative in term:
        if " " in alternative:
            first, *rest = alternative.split()
            found.setdefault(first, []).append(rest)
    return found


_PHRASES: dict[frozenset[str], dict[str, list[list[str]]]] = {}  # multi-word ones, split once


def _holds(pattern: Pattern, clause: Clause) -> bool:
    """Whether the clause holds every word of the pattern: after the verb (not inside a phrase
    of place or time the pattern does not name), in its subject, under its prepositions."""
    if pattern.after:
        reachable = clause.reachable(pattern)
        if not all(_term_in(t, reachable) for t in pattern.after):
            return False
    if not all(_term_in(t, clause.subject) for t in pattern.before):
        return False
    verb = clause.verb
    for prep, terms in pattern.preps:
        if not terms and dobj(verb) is not None and any(c.dep_ == "oprd" for c in verb.children):
            return False  # "called him a liar for lying": a label, its "for" a reason
        heads = clause.heads(prep)
        if not heads:
            return False
        if terms and not all(_term_in(t, clause.inside(heads)) for t in terms):
            return False
    return True


def _preps_above(index: TokenIndex, word: int, verb: int) -> set[str]:
    """The prepositions on the way from a clause word up to its verb."""
    found: set[str] = set()
    node = word
    while node != verb and index.head[node] != node:
        node = index.head[node]
        if index.dep[node] == "prep" and node != verb:
            found.add(index.lower[node])
    return found


def _of_time(index: TokenIndex, prep: int) -> bool:
    """ "on the weekend", "on Monday": a preposition of time is no pattern's preposition
    ("whom they had taken hostage ... on the weekend" takes no one on)."""
    return any(
        index.dep[c] == "pobj" and index.ent_type[c] in ("DATE", "TIME")
        for c in index.children(prep)
    )


def _in_order(index: TokenIndex, prep: int) -> bool:
    """ "in order to": a purpose, not the preposition "in" ("stepped down in order to ...")."""
    return index.lower[prep] == "in" and any(
        index.lower[c] == "order" for c in index.children(prep)
    )


def _within(index: TokenIndex, word: int, verb: int, links: int) -> bool:
    """Whether the verb is at most this many heads above the word."""
    node = word
    for _ in range(links):
        node = index.head[node]
        if node == verb:
            return True
    return False
