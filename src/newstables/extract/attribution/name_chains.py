"""Name chains: the people an article names in full, indexed by surname, with their gender.

>>> index_names(art); full_name(art, ["Roe"], offset)
(['Jane', 'Roe'], 'female')

Every person the article names in full ("Sen. Jane Roe") is indexed by surname; a later "Roe",
"Ms. Roe" or "Roe's" resolves to the full name, also when the parser tagged the surname as an
organisation or not at all. Titles ("Mr.", "Gov.") and first names (``first_names.txt``) give
gender. Names the parser missed count when they open with a known given name or carry a person
noun in apposition; an organisation or place span that opens with a given name is a person
("Beverly Bond" tagged GPE, not "Mason City"); a span with an acronym ("Indiana GOP") is not a
name. A one-word name tagged as a place that is the subject of a speech verb and is no known
place (``places.txt``) is a surname ("Nefzi said", not "Moscow said").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import POS
from spacy.tokens import Span, Token

from ...models import EntityType
from ...registry import slugify
from .. import NewEntity
from ..spans import entities
from .lexicon import (
    ANONYMOUS_HEADS,
    CUE_VERBS,
    ROLE_NOUNS,
    TITLES,
    gender_of_first_name,
    known_places,
    media_type,
    words_of,
)
from .view import ArticleView

_ORG_HEADS = words_of(
    """
    inc corp co ltd llc group party university college institute foundation center centre
    council committee fund tech bank republicans democrats campaign association
    city county beach hills springs island islands falls park heights valley lake bay harbor
    harbour port mount point river state province district village town township square
    station bridge street avenue road bowl
    """
)  # last words of organisations and places that open with a given name ("Virginia Tech")


def strip_titles(words: list[str]) -> tuple[list[str], str | None]:
    """Drop leading titles ("Mr.", "Sen.") and report the gender a title implies.

    >>> strip_titles(["Mrs.", "Roe"])
    (['Roe'], 'female')
    """
    gender = None
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        gender = gender or TITLES[words[0].lower().rstrip(".")]
        words = words[1:]
    return words, gender


def name_words(text: str) -> list[str]:
    """Name words without possessive endings and stray punctuation."""
    return list(_name_words(text))


@lru_cache(maxsize=1 << 14)
def _name_words(text: str) -> tuple[str, ...]:
    text = re.sub(r"['’]s?$", "", text.strip())
    return tuple(w for w in re.sub(r"['’]s\b", "", text).split() if re.search(r"\w", w))


def index_names(art: ArticleView) -> None:
    """The article's name chains: surname → the full names (with gender) it stands for.

    A person span with an acronym in it ("Indiana GOP") is not a name; an organisation span
    that opens with a known given name ("Carly Fiorina" tagged ORG) is one.
    """
    for ent in entities(art.doc):
        if ent.label_ != "PERSON" and not given_name_org(ent):
            continue
        ent = _with_given_names(ent)
        words, gender = strip_titles(name_words(ent.text))
        if len(words) < 2 or not words[-1][:1].isupper() or _has_acronym(words):
            continue
        gender = gender or gender_of_first_name(words[0])
        before = art.doc[ent.start - 1] if ent.start > 0 else None
        if gender is None and before is not None:
            gender = TITLES.get(before.lower_.rstrip("."))
        surname = words[-1].lower()
        if surname in ("jr", "jr.", "sr", "iii", "ii") and len(words) > 2:
            surname = words[-2].lower()
        _add_name(art, surname, ent.start_char, tuple(words), gender)
    for start, words, gender in _untagged_names(art):
        _add_name(art, words[-1].lower(), start, tuple(words), gender)
    for ent in _speaking_surnames(art):
        if ent.text.lower() not in art.names:
            _add_name(art, ent.text.lower(), ent.start_char, (ent.text,), None)


def _add_name(
    art: ArticleView, surname: str, start: int, words: tuple[str, ...], gender: str | None
) -> None:
    """Count one full-name mention in its surname's chain (distinct names, first offset)."""
    chain = art.names.setdefault(surname, {})
    entry = chain.setdefault(words, [start, 0, gender])
    entry[0] = min(entry[0], start)
    entry[1] += 1
    entry[2] = entry[2] or gender


def _has_acronym(words: list[str]) -> bool:
    """Whether a name has an all-capitals word while the others are not ("Indiana GOP").

    >>> _has_acronym(["Indiana", "GOP"]), _has_acronym(["DONALD", "TRUMP"])
    (True, False)
    """
    caps = [w.isalpha() and w.isupper() and len(w) > 1 for w in words]
    return any(caps) and not all(caps)


def given_name_org(ent: Span) -> bool:
    """An organisation or place span that reads as a person's name: two or three capitalised
    words, the first a known given name, the last no organisation or place word, no outlet
    ("Carly Fiorina" tagged ORG, "Beverly Bond" tagged GPE; not "Virginia Tech", "Mason City")."""
    if ent.label_ not in ("ORG", "GPE"):
        return False
    words, _ = strip_titles(name_words(ent.text))
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and not (w.isupper() and len(w) > 1) for w in words)
        and gender_of_first_name(words[0]) is not None
        and words[-1].lower().rstrip(".") not in _ORG_HEADS
        and not media_type(ent.text)
    )


def _speaking_surnames(art: ArticleView) -> list[Span]:
    """One-word names tagged as places that speak and are no known place: the subject of a
    speech verb ("“…,” Nefzi said"), title case, not an outlet."""
    found = []
    for ent in entities(art.doc):
        if ent.label_ != "GPE" or len(ent) != 1:
            continue
        word = ent.text
        head = ent.root.head
        if (
            word.isalpha()
            and word[:1].isupper()
            and not word.isupper()
            and word.lower() not in known_places()
            and ent.root.dep_ == "nsubj"
            and head.pos_ == "VERB"
            and head.lemma_.lower() in CUE_VERBS
            and not media_type(word)
        ):
            found.append(ent)
    return found


def _untagged_names(art: ArticleView) -> list[tuple[int, list[str], str | None]]:
    """Names the parser did not tag as a person: a proper-noun head with proper-noun compounds
    whose first word is a known given name ("Councillor Agnes Whitby voted"), or that has a
    person noun in apposition ("Naureen Jahangir, a Sanders supporter, …")."""
    found = []
    for i in art.token_indices(POS, ("PROPN",)):
        token = art.doc[i]
        if token.pos_ != "PROPN" or token.dep_ == "compound" or token.ent_type_ == "PERSON":
            continue
        left = token.i
        while (
            left > 0 and art.doc[left - 1].pos_ == "PROPN" and art.doc[left - 1].dep_ == "compound"
        ):
            left -= 1
        if left == token.i:
            continue
        words, title_gender = strip_titles([t.text for t in art.doc[left : token.i + 1]])
        described = _described_as_person(token) and 2 <= len(words) <= 3
        while len(words) > 1 and gender_of_first_name(words[0]) is None and not described:
            words = words[1:]  # "Analyst Maria Gonzalez": the name starts at the given name
        gender = gender_of_first_name(words[0]) if len(words) > 1 else None
        named = gender is not None or (described and not media_type(" ".join(words)))
        if named and all(w[:1].isupper() and not _has_acronym([w, "x"]) for w in words):
            found.append((art.doc[left].idx, words, title_gender or gender))
    return found


def _described_as_person(token: Token) -> bool:
    """Whether a name has a person noun in apposition ("Naureen Jahangir, a Sanders supporter")."""
    return any(
        c.dep_ == "appos"
        and c.pos_ == "NOUN"
        and (c.lemma_.lower() in ANONYMOUS_HEADS or c.lemma_.lower() in ROLE_NOUNS)
        for c in token.children
    )


def _with_given_names(ent: Span) -> Span:
    """A person span widened over the capitalised compounds the parser left out of it
    ("Councillor Agnes [Whitby]" → "Councillor Agnes Whitby")."""
    start = ent.start
    doc = ent.doc
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i in range(start, ent.end)
        and doc[start - 1].text[:1].isupper()
        and not doc[start - 1].ent_type_
        and (
            gender_of_first_name(doc[start - 1].text) is not None
            or doc[start - 1].lower_.rstrip(".") in TITLES
        )
    ):
        start -= 1
    return doc[start : ent.end]


def full_name(art: ArticleView, words: list[str], offset: int) -> tuple[list[str], str | None]:
    """The fullest name the article gives a surname ("Roe" → "Jane Roe") and its gender."""
    chain = art.names.get(words[-1].lower()) if words else None
    if not chain:
        return words, None
    matching = [
        (n, e) for n, e in chain.items() if list(n[-len(words) :]) == words or len(words) == 1
    ]
    if not matching:
        return words, None
    earlier = [(n, e) for n, e in matching if e[0] <= offset] or matching
    best = max(earlier, key=lambda item: (item[1][1], -item[1][0]))
    gender = next((e[2] for _, e in matching if e[2]), None)
    return list(best[0]) if len(best[0]) >= len(words) else words, gender


def person_entity(art: ArticleView, text: str, offset: int) -> tuple[str, NewEntity, str | None]:
    """A person entity from a name as printed, completed through the name chain."""
    words, title_gender = strip_titles(name_words(text))
    words, chain_gender = full_name(art, words, offset)
    name = " ".join(words)
    gender = title_gender or chain_gender or (gender_of_first_name(words[0]) if words else None)
    new = NewEntity(entity_id=slugify(name), name=name, type=EntityType.person, surface=text)
    return new.entity_id, new, gender
