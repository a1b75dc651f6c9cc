"""The event codebook the extractor reads: the engine's lexicon (``lexicon.json``, converted
from CAMEO + PLOVER) with a dataset's ``events:`` curation section merged on top.

The engine's lexicon is compiled once per process; the merged codebook once per curation.
A curation adds trigger rules (with keys its decisions and summaries use) and extends the
word lists of the settings; it never removes an engine entry.

>>> book = load_codebook({})            # engine defaults only
>>> book.verbs["veto"].default.type.value
'REJECT'
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ...models import EventType, Factuality
from .cameo import LEXICON

Term = frozenset[str]  # the words one pattern position allows (a multi-word one: "a b")


@dataclass(frozen=True)
class TriggerRule:
    """One curated trigger entry: what fires it and what it codes."""

    type: EventType
    key: str | None
    mode: str | None = None
    objects: frozenset[str] = frozenset()
    nouns_need_objects: bool = True
    clause: bool = False
    refine: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass(frozen=True)
class Pattern:
    """A coded verb pattern: words after the verb, prepositional phrases, subject words."""

    type: EventType
    mode: str | None
    code: str
    after: tuple[Term, ...] = ()
    preps: tuple[tuple[str, tuple[Term, ...]], ...] = ()
    before: tuple[Term, ...] = ()

    @property
    def weight(self) -> int:
        """How specific the pattern is (more words: more specific)."""
        return len(self.after) + sum(1 + len(t) for _, t in self.preps) + len(self.before)


@dataclass(frozen=True)
class Verb:
    """A lexicon verb: its bare code (if any) and its patterns, most specific first, indexed by
    a word each needs (so that a clause meets only the patterns its words can satisfy)."""

    default: Pattern | None
    patterns: tuple[Pattern, ...]
    index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    free: tuple[int, ...] = ()  # patterns that need no word after the verb

    @classmethod
    def of(cls, default: Pattern | None, patterns: list[Pattern]) -> Verb:
        """Index the patterns by their first needed word (each alternative of it)."""
        index: dict[str, list[int]] = {}
        free = []
        for number, pattern in enumerate(patterns):
            needed = pattern.after[0] if pattern.after else None
            if needed is None and pattern.preps:
                needed = frozenset({pattern.preps[0][0]})
            if needed is None:
                free.append(number)
                continue
            for word in {a.split()[0] for a in needed}:
                index.setdefault(word, []).append(number)
        keyed = {w: tuple(n) for w, n in index.items()}
        return cls(default, tuple(patterns), keyed, tuple(free))

    def candidates(self, words: dict[str, object]) -> list[Pattern]:
        """The patterns a clause with these words may satisfy, most specific first."""
        found = set(self.free)
        for word in words.keys() & self.index.keys():
            found.update(self.index[word])
        return [self.patterns[n] for n in sorted(found)]


@dataclass(frozen=True)
class Lexicon:
    """The compiled engine lexicon."""

    verbs: dict[str, Verb]
    forms: dict[str, str]  # inflected form → base
    nouns: dict[str, Pattern]
    settings: dict[str, Any]


@dataclass(frozen=True)
class EventCodebook:
    """Engine lexicon + curation extension, indexed for look-up."""

    verbs: dict[str, Verb]
    forms: dict[str, str]
    nouns: dict[str, Pattern]
    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    first_time: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()
    offers: frozenset[str] = frozenset()
    request_verbs: frozenset[str] = frozenset()
    request_modals: frozenset[str] = frozenset()
    contradicts: frozenset[str] = frozenset()
    speech: frozenset[EventType] = frozenset()
    reporting: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    verbal_attacks: frozenset[str] = frozenset()
    asking: frozenset[str] = frozenset()
    silence: frozenset[str] = frozenset()
    idle_objects: frozenset[str] = frozenset()
    wrecking: frozenset[str] = frozenset()
    refusals: tuple[str, ...] = ()
    readying: frozenset[str] = frozenset()
    carriers: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    blame: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    armed_nouns: frozenset[str] = frozenset()
    government_nouns: frozenset[str] = frozenset()
    modality: dict[Factuality, frozenset[str]] = field(default_factory=dict)

    def verb(self, token_lemma: str, token_lower: str) -> Verb | None:
        """The lexicon verb of a token (by lemma, else by inflected form)."""
        for word in (token_lemma, token_lower, *_stems(token_lower)):
            base = word if word in self.verbs else self.forms.get(word)
            if base:
                return self.verbs[base]
        return None


def _stems(form: str) -> list[str]:
    """Regular bases of an inflected verb form, for when the lemmatiser errs ("staged" →
    "stag"): staged → stage, stag; banning → bann, ban, banne."""
    for ending in ("ing", "ed", "es", "s"):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)]
            return [stem + "e", stem, stem[:-1]] if ending in ("ing", "ed") else [stem]
    return []


def words(items: Iterable[str] | None) -> frozenset[str]:
    """Lower-cased word set."""
    return frozenset(w.lower() for w in items or [])


def _pattern(item: dict[str, Any], sets: dict[str, list[str]]) -> Pattern:
    def term(alternatives: list[str]) -> Term:
        found: set[str] = set()
        for alternative in alternatives:
            found.update(
                sets.get(alternative, [alternative]) if alternative[:1] == "&" else [alternative]
            )
        return frozenset(found)

    return Pattern(
        type=EventType(item["type"]),
        mode=item.get("mode"),
        code=item["code"],
        after=tuple(term(t) for t in item.get("after", [])),
        preps=tuple((p, tuple(term(t) for t in ts)) for p, ts in item.get("preps", [])),
        before=tuple(term(t) for t in item.get("before", [])),
    )


@cache
def engine_lexicon() -> Lexicon:
    """The package's lexicon, read and compiled once per process."""
    raw = json.loads(LEXICON.read_text(encoding="utf-8"))
    sets = raw["sets"]
    blocks = {int(k): [_pattern(p, sets) for p in v] for k, v in raw["blocks"].items()}
    verbs, forms = {}, {}
    for base, entry in raw["verbs"].items():
        own = [_pattern(p, sets) for p in entry["patterns"]]
        shared = [p for b in entry["blocks"] for p in blocks[b]]
        patterns = sorted(own + shared, key=lambda p: -p.weight)
        default = None
        if entry["type"]:
            default = Pattern(EventType(entry["type"]), entry["mode"], entry["code"])
        verbs[base] = Verb.of(default, patterns)
        for form in entry["forms"]:
            forms.setdefault(form, base)
    nouns = {
        n: Pattern(EventType(e["type"]), e["mode"], e["code"]) for n, e in raw["nouns"].items()
    }
    return Lexicon(verbs, forms, nouns, raw["settings"])


def _rules(section: dict[str, Any]) -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for item in section.get("triggers") or []:
        rule = TriggerRule(
            type=EventType(item["type"]),
            key=item.get("key"),
            mode=item.get("mode"),
            objects=words(item.get("objects")),
            nouns_need_objects=item.get("nouns_need_objects", True),
            clause=bool(item.get("clause")),
            refine=tuple((k, words(v)) for k, v in (item.get("refine") or {}).items()),
        )
        for pos in ("verbs", "nouns", "adjectives"):
            for lemma in item.get(pos) or []:
                rules.setdefault((lemma.lower(), pos), []).append(rule)
    return {k: tuple(v) for k, v in rules.items()}


def merge_section(section: dict[str, Any]) -> EventCodebook:
    """The engine lexicon with a curation ``events:`` section merged on top."""
    lexicon = engine_lexicon()
    base = lexicon.settings
    requests = section.get("requests") or {}
    modality = section.get("modality") or {}

    def union(name: str, extra: Iterable[str] | None) -> frozenset[str]:
        return words(base.get(name)) | words(extra)

    return EventCodebook(
        verbs=lexicon.verbs,
        forms=lexicon.forms,
        nouns=lexicon.nouns,
        rules=_rules(section),
        first_time=tuple(sorted(section.get("first_time") or [], key=len, reverse=True)),
        idioms=tuple(sorted(union("idioms", section.get("idioms")))),
        offers=union("offers", section.get("offers")),
        request_verbs=union("request_verbs", requests.get("verbs")),
        request_modals=union("request_modals", requests.get("modals")),
        contradicts=union("contradicts", section.get("contradicts")),
        speech=frozenset(EventType(t.upper()) for t in union("speech", section.get("speech"))),
        reporting=union("reporting", section.get("reporting")),
        light_verbs=union("light_verbs", section.get("light_verbs")),
        verbal_attacks=union("verbal_attacks", section.get("verbal_attacks")),
        asking=union("asking", section.get("asking")),
        silence=union("silence", section.get("silence")),
        idle_objects=union("idle_objects", section.get("idle_objects")),
        wrecking=union("wrecking", section.get("wrecking")),
        refusals=tuple(sorted(union("refusals", section.get("refusals")))),
        readying=union("readying", section.get("readying")),
        carriers=union("carriers", section.get("carriers")),
        commitments=union("commitments", section.get("commitments")),
        blame=union("blame", section.get("blame")),
        group_nouns=union("group_nouns", section.get("group_nouns")),
        armed_nouns=union("armed_nouns", section.get("armed_nouns")),
        government_nouns=union("government_nouns", section.get("government_nouns")),
        modality={
            level: union(level.value, modality.get(level.value))
            for level in (
                Factuality.planned,
                Factuality.hypothetical,
                Factuality.claimed,
                Factuality.denied,
            )
        },  # fmt: skip
    )


_BOOKS: dict[int, tuple[dict[str, Any], EventCodebook]] = {}


def load_codebook(codebook: dict[str, Any]) -> EventCodebook:
    """The events codebook, compiled once per curation: ``load_codebook(ctx.curation.codebook)``."""
    cached = _BOOKS.get(id(codebook))
    if cached is None or cached[0] is not codebook:
        _BOOKS.clear()
        cached = _BOOKS[id(codebook)] = (codebook, merge_section(codebook.get("events") or {}))
    return cached[1]
