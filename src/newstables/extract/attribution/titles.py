"""Quoted spans that are not quotations: titles of works, headlines, subheads, slogans.

>>> text = 'Headline\\nHe told ABC\\'s "This Week With George Stephanopoulos" that he would run.'
>>> not_a_quotation(text, text.index("This"), text.index('" that'))
True

Rules (each needs the marks' content and a few characters around it):
- a *title of a work*: the content is in title case (every word but articles, prepositions and
  conjunctions capitalised, at least two such words) and it follows a work noun ("book",
  "show", "film", "podcast", ...), "author of", "host of", "roles in", "aired on" or a
  possessive ("CNN's"), or it is followed by "star", "host" or an apposition naming a work
  (", an HBO series"); any capitalised quote directly before "star", "host" or "anchor" and a
  name is a title too (``“Orange is the New Black” star Ana Ruiz``); the article's first line
  (the headline) is never judged;
- a *listed title*: a title-case quote listed ("and", "or", a comma) right after another
  quoted capitalised name that is no sentence (``“Parks and Recreation” and “Guardians of
  the Galaxy”``);
- a *cited headline*: a capitalised quote ending in a comma (or in title case) whose closing
  mark is followed by "by", maybe "the", and a capitalised name
  (``"Met accused of whitewashing," by Post's Kathianne Boniello``);
- a *dated work*: a quote directly followed by a year in brackets (``“Late Rain” (2001)``);
- a *gloss*: a translation after "<language> for" (``Latin for “if you wish peace …”``);
- a *printed slogan*: a short quote followed by what bears it (hat, T-shirt, sign, bus tour);
- a *subhead*: a line holding nothing but the quote, marked with single quotes (newsrooms that
  quote with double marks head sections so) or written in capitals;
- *markup residue*: a span opened by the mark that closes an HTML attribute (``">I love``).
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = "a an the of in on at to for with and or but from by as vs via into over nor"
_FUNCTION = frozenset(_FUNCTION_WORDS.split())
_WORD = re.compile(r"[^\W_][\w’'\-]*")
_WORK_BEFORE = re.compile(
    r"(?:\b(?:book|books|show|shows|film|films|movie|movies|series|program|programme|podcast|"
    r"novel|memoir|autobiography|song|songs|play|musical|album|documentary|sitcom|episode|"
    r"segment|anthem)|\b(?:author|editor|host|star)\s+of|\broles?\s+in|\baired\s+on|\w['’]s)"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
_WORK_NOUNS = r"(?:book|series|show|film|movie|novel|memoir|play|song|podcast|documentary)"
_WORK_AFTER = re.compile(
    r"^[,.]?\s*(?:(?:star|host|actor|actress|creator)\b"
    rf"|(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}{_WORK_NOUNS}\b)",
    re.IGNORECASE,
)
_LANGUAGES = (
    "Latin|Greek|Spanish|French|German|Italian|Portuguese|Dutch|Russian|Ukrainian|Polish|"
    "Arabic|Hebrew|Yiddish|Persian|Farsi|Turkish|Hindi|Urdu|Chinese|Mandarin|Cantonese|"
    "Japanese|Korean|Swahili"
)
_GLOSS_BEFORE = re.compile(rf"\b(?:{_LANGUAGES})\s+for\s*,?\s*$")
_CREDIT_AFTER = re.compile(r"^\s*(?:star|host|co-host|anchor)\s+[A-Z]")
_YEAR_AFTER = re.compile(r"^(?:''|[”\"’'])[,.]?\s*\((?:[^()]{0,30}\b)?(?:1[89]|20)\d\d\)")
_BYLINE_AFTER = re.compile(r"^(?:''|[”\"’'])[,.]?\s+by\s+(?:the\s+)?[A-Z]")
_OBJECT_AFTER = re.compile(
    r"^(?:''|[”\"’'])\s*(?:[\w-]+\s+)?(?:hats?|caps?|t-shirts?|shirts?|signs?|banners?|buttons?|"
    r"stickers?|bags?|placards?|posters?|mugs?|logo|tour)\b",
    re.IGNORECASE,
)
_MARKS = " “”\"'‘’`«»"
# a quoted capitalised name closed just before: ``“Parks and Recreation” and “`` (a list)
_LISTED_AFTER_NAME = re.compile(
    r"(?:''|[“\"‘'])[A-Z][^“”\"\n]{0,60}?[^.!?\s](?:''|[”\"’'])[,]?\s*(?:,|and|or)\s*(?:''|[“\"‘'])$"
)
_AFTER_FIRST_LINE = re.compile(r"\S\s*\n")  # a line with words ends before the quote


def title_case(text: str) -> bool:
    """Every word but function words capitalised, two such words at least.

    >>> title_case("The Art of the Deal"), title_case("The art of the deal")
    (True, False)
    """
    content = [w for w in _WORD.findall(text) if w.lower() not in _FUNCTION]
    return len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the line holding ``text[start:end]``."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def is_title_of_work(text: str, start: int, end: int) -> bool:
    """A title-case quote after a work noun or a possessive, or before "star"/"host"; any
    capitalised quote directly before "star", "host" or "anchor" and a name.

    >>> s = "Headline\\nShe starred in the movie “Days of Thunder” last year."
    >>> is_title_of_work(s, s.index("Days"), s.index("” last"))
    True
    """
    if not _AFTER_FIRST_LINE.search(text, 0, start):  # no copy of the text before the quote
        return False  # the headline: quotes there are quotations (or not judged)
    before = text[max(0, start - 40) : start].rstrip(_MARKS)
    after = text[end : end + 30].lstrip(_MARKS)
    if text[start : start + 1].isupper() and _CREDIT_AFTER.match(after):
        return True  # “Orange is the New Black” star Ana Ruiz: any capitalised title
    if not title_case(text[start:end]):
        return False
    return bool(_WORK_BEFORE.search(before) or _WORK_AFTER.match(after))


def is_listed_title(text: str, start: int, end: int) -> bool:
    """A title-case quote listed after another quoted capitalised name (not a sentence):
    ``starred in “Parks and Recreation” and “Guardians of the Galaxy”`` names works.

    >>> s = 'She starred in “Blue Harbor” and “Days of Thunder,” he said.'
    >>> is_listed_title(s, s.index("Days"), s.index("” he"))
    True
    """
    before = text[max(0, start - 80) : start]
    return title_case(text[start:end]) and bool(_LISTED_AFTER_NAME.search(before))


def is_cited_headline(text: str, start: int, end: int) -> bool:
    """A capitalised quote ending in a comma, or in title case, followed by "by" and a name:
    an article's or book's title (not ``"If it had not been for that help" by the allies``).

    >>> s = 'Read “Mayor quits after vote,” by Times’ Ann Lee.'
    >>> is_cited_headline(s, s.index("Mayor"), s.index("” by"))
    True
    """
    quoted = text[start:end].strip(_MARKS)  # a name quoted inside: ``‘Hamilton’ to play…``
    headline = quoted[:1].isupper() and (quoted.endswith(",") or title_case(quoted))
    return bool(headline and _BYLINE_AFTER.match(text[end : end + 30]))


def is_gloss(text: str, start: int, end: int) -> bool:
    """A translation after "<language> for": ``“Carpe diem,” Latin for “seize the day.”``.

    >>> s = "He signed off with “Ciao,” Italian for “goodbye and good luck.”"
    >>> is_gloss(s, s.index("goodbye"), s.index(".”") + 1)
    True
    """
    return bool(_GLOSS_BEFORE.search(text[max(0, start - 30) : start].rstrip(_MARKS)))


def is_dated_work(text: str, start: int, end: int) -> bool:
    """A quote directly followed by a year in brackets: a film, book or poster with its date.

    >>> s = 'She starred in “Blue Harbor” (1994) and “Late Rain” (2001).'
    >>> is_dated_work(s, s.index("Blue"), s.index("” (1994"))
    True
    """
    return bool(_YEAR_AFTER.match(text[end : end + 40]))


def is_printed_slogan(text: str, start: int, end: int) -> bool:
    """A short quote (eight words at most, no inner marks, no sentence end) followed by the
    object that bears it: a hat, T-shirt, sign, banner, bag, button, a bus tour.

    >>> s = 'Fans in “Go Team Go” hats cheered.'
    >>> is_printed_slogan(s, s.index("Go"), s.index("” hats"))
    True
    """
    quoted = text[start:end]
    if len(quoted.split()) > 8 or re.search(r"[“”\"]", quoted) or quoted[-1:] in ".!?":
        return False
    return bool(_OBJECT_AFTER.match(text[end : end + 30]))


def is_subhead(text: str, start: int, end: int) -> bool:
    """A line holding only the quote, in single marks or in capitals (not the headline).

    >>> s = "He left.\\n\\n'A long way from home.'\\n\\nThe town was quiet."
    >>> is_subhead(s, s.index("A long"), s.index(".'") + 1)
    True
    """
    line_start, line_end = _line_bounds(text, start, end)
    if line_start == 0 or re.search(r"\w", text[line_start:start] + text[end:line_end]):
        return False
    mark = text[line_start:start].strip(" –—-")
    quoted = text[start:end]
    return mark in ("'", "‘") or (quoted.upper() == quoted and len(quoted.split()) > 3)


def not_a_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a title, cited headline, subhead, printed slogan or
    markup residue (a span opened by the mark closing an HTML attribute: ``">I love``)."""
    return (
        is_title_of_work(text, start, end)
        or is_listed_title(text, start, end)
        or is_cited_headline(text, start, end)
        or is_subhead(text, start, end)
        or is_printed_slogan(text, start, end)
        or is_dated_work(text, start, end)
        or is_gloss(text, start, end)
        or text.startswith(">", start)  # markup residue: the end of an HTML attribute
    )
