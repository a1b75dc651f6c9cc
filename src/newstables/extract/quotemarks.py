"""Quote-mark pairing that never gives up: curly, straight, guillemets, ``''`` and single quotes.

>>> [(q.text, q.unclosed) for q in find_quotes('He said, “We won,” and left.')]
[('We won,', False)]

Rules (per paragraph = per line, so one stray mark cannot swallow the article):
- double marks: “ „ « ‟ `` open, ” » close; straight " and '' open when preceded by a space,
  a bracket or the line start, close otherwise (a mark glued on both sides toggles);
- an opening mark while a quote is open closes the running quote first (unbalanced text),
  unless enough closing marks follow for both, or it is a curly or angled mark right after a
  word or comma (mid-sentence): then it nests, and its closing mark ends the inner quote only
  (``“A “B” C”`` is one quote; ``“A, compared to “B.”`` is one quote, open to the line end);
  a “ glued to the word before it and followed by a space (or ending the line) while a curly
  quote is open is a typo for ” and closes it; a ” (or a closing-looking " or '') glued to the
  next word while no quote is open is a typo for “ and opens one when a closing mark of its
  family follows on the line (``aides ”get close to him.”``, ``said."We left."``);
- a quote still open at the end of its line ends there (``unclosed``); when the next line opens
  with a mark, that line's quote ``continues`` the same statement (multi-paragraph quotes);
- single ‘ ’ pairs count only outside double quotes, opening after a space and closing before a
  non-letter, so apostrophes (don’t, officials’, ’90s) never pair;
- page furniture lines ("Related: …", "++ …", "Read more", captions, short headlines) hold
  no quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“„«‟"
CLOSE = "”»"
AMBIGUOUS = ('"', "''")
_MARK = re.compile(r"``|''|[\"“”„«»‟]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:-]))(?:‘|'(?!'))(?=[^\s\d'])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s'])(?:’|')(?![\w'])")
# Lines that are page furniture, not article prose ("++ Related headline", "Comments (3)").
_FURNITURE = re.compile(
    r"^\s*(?:\+\+|related\b|read more\b|read also\b|see also\b|more:|watch:|photo\b|image\b|"
    r"file photo\b|click here\b|sign up\b|subscribe\b|advertisement\b|comments?\s*(?:$|\(|\d)|"
    r"share\b|updated\b|published\b|©|copyright\b|follow us\b)",
    re.IGNORECASE | re.MULTILINE,
)
_CAPTION = re.compile(r"\b(?:Photograph|Photo|Image|Illustration)\s*:|\(Photo\b", re.IGNORECASE)
_SPEECH = re.compile(r"\b(?:said|says|told|added|asked|wrote|tweeted|stated)\b")
_SENTENCE_END = re.compile(r"[.!?…:;,\"”’')\]]\s*$")


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted piece: ``text[start:end]`` is what lies between its marks."""

    start: int
    end: int
    text: str
    line: int  # index of the line (paragraph) in the article
    unclosed: bool = False  # ran to the end of its line without a closing mark
    continues: bool = False  # opens a line right after an unclosed quote: same statement


@dataclass(frozen=True)
class Line:
    """One line of the article with its offsets."""

    index: int
    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """Every line of the text with its offsets: ``lines("a\\nb")[1].start == 2``."""
    found, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        found.append(Line(index, offset, offset + len(raw), raw))
        offset += len(raw) + 1
    return found


def furniture_at(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` is a furniture line (related links, teasers, ...).

    >>> furniture_at("Kim spoke.\\n++ Related: more", 12)
    True
    """
    return bool(_FURNITURE.match(text, text.rfind("\n", 0, offset) + 1))


def is_furniture(line: Line, first: bool = False) -> bool:
    """Page furniture: related links, "++" teasers, captions, comment counters, headlines.

    >>> is_furniture(Line(0, 0, 20, "Related: How it began"))
    True
    """
    text = line.text.strip()
    if not text or _FURNITURE.match(text):
        return True
    if _CAPTION.search(text):
        return True
    words = len(text.split())
    # a headline or caption: short, no sentence punctuation at its end, no attribution verb
    short = words <= (20 if first else 12) and not _SENTENCE_END.search(text)
    return short and not _SPEECH.search(text)


def _is_opening(line: str, pos: int, mark: str) -> bool:
    """An ambiguous mark opens when a space, a bracket or the line start precedes it and a
    non-space follows (or when it is glued to words on both sides: ``about"joint``)."""
    before = line[pos - 1] if pos > 0 else " "
    after = line[pos + len(mark)] if pos + len(mark) < len(line) else " "
    if pos == 0 or before.isspace() or before in "([{—–-/:":
        return not after.isspace()
    return before.isalnum() and after.isalnum()


def _closes_backwards(line: str, pos: int) -> bool:
    """An opening curly mark used as a closing one: glued to the word before it and followed
    by a space, punctuation or the line end, or alone at the line end.

    >>> _closes_backwards("“Not now,“ he said.", 9), _closes_backwards("He said “yes”", 8)
    (True, False)
    """
    before = line[pos - 1] if pos > 0 else " "
    rest = line[pos + 1 :]
    if not rest.strip():
        return True
    return not before.isspace() and (rest[0].isspace() or rest[0] in ",.;:)")


def _opens_backwards(line: str, match: re.Match[str], stack: list, after: dict[str, int]) -> bool:
    """A closing mark used as an opening one: no quote is open, a space or a sentence mark is
    before it, a letter after it, and a closing mark of its family follows on the line.

    >>> m = re.search("”", "Aides wanted ”more time” now.")
    >>> _opens_backwards("Aides wanted ”more time” now.", m, [], {"curly": 1})
    True
    """
    following = line[match.end() : match.end() + 1]
    before = line[match.start() - 1] if match.start() else " "
    family = _family(match.group())
    if stack or not following.isalpha() or not (before.isspace() or before in ".,;!?"):
        return False
    if match.group() in AMBIGUOUS:
        return match.group() in line[match.end() :]
    return after.get(family, 0) >= 1


def _mid_sentence(line: str, pos: int, mark: str) -> bool:
    """A curly or angled opening mark right after a word or a comma: it opens a quote inside
    the running one (``called it “a “fix” for``), not a new sentence's quote after a typo.

    >>> _mid_sentence("“It is a “fix.”", 8, "“"), _mid_sentence("“No. “Yes.”", 5, "“")
    (True, False)
    """
    before = line[:pos].rstrip()[-1:]
    return mark in OPEN and (before.isalnum() or before == ",")


def _family(mark: str) -> str:
    """Which marks pair with which: curly, guillemet, straight or the NYT's doubled apostrophe."""
    if mark in "“”„‟":
        return "curly"
    if mark in "«»":
        return "guillemet"
    return "straight" if mark == '"' else "nyt"


def _balances_after(marks: list[re.Match[str]]) -> list[dict[str, int]]:
    """Per mark, closers minus openers of each family after it (2+ means a nested quote);
    one pass from the end, so a line of n marks costs n, not n²."""
    balances: list[dict[str, int]] = [{}] * len(marks)
    running: dict[str, int] = {}
    for index in range(len(marks) - 1, -1, -1):
        balances[index] = running
        mark = marks[index].group()
        family = _family(mark)
        change = (mark in CLOSE) - (mark in OPEN)
        if change:
            running = {**running, family: running.get(family, 0) + change}
    return balances


def _last_index(items: list[str], item: str) -> int:
    """Index of the last occurrence: ``_last_index(["a", "b", "a"], "a") == 2``."""
    return len(items) - 1 - items[::-1].index(item)


def _double_quotes(line: str) -> tuple[list[tuple[int, int, bool]], bool]:
    """(start, end, unclosed) content spans of the outermost double quotes of one line; and
    whether the line opens with a mark (a continued quote)."""
    spans: list[tuple[int, int, bool]] = []
    stack: list[tuple[str, int]] = []  # (family, offset after the opening mark)
    marks = list(_MARK.finditer(line))
    balances = _balances_after(marks)
    for index, match in enumerate(marks):
        mark, pos = match.group(), match.start()
        family = _family(mark)
        families = [f for f, _ in stack]
        if mark == "“" and "curly" in families and _closes_backwards(line, pos):
            role = "close"  # a typo: “ for ” at a quote's end (``the world,“ he said``)
        elif mark in OPEN or mark == "``" or _opens_backwards(line, match, stack, balances[index]):
            role = "open"
        elif mark in CLOSE or family in families:
            role = "close"
        else:
            role = "open" if _is_opening(line, pos, mark) else "close"
        if role == "open":
            nests = balances[index].get(family, 0) >= 2 or _mid_sentence(line, pos, mark)
            if stack and families == [family] and not nests:
                spans.append((stack[0][1], pos, True))  # unbalanced: close the running quote
                stack = []
            stack.append((family, match.end()))
            continue
        if not stack:
            continue  # a stray closing mark
        outer = stack[0][1]
        # the innermost open quote of the mark's family closes (a nested “…” ends first)
        depth = _last_index(families, family) if family in families else len(stack) - 1
        stack = stack[:depth]
        if not stack:
            spans.append((outer, pos, False))
    if stack:
        spans.append((stack[0][1], len(line), True))
    return spans, bool(re.match(r"\s*(?:``|''|[\"“„«‟])", line))


def _single_quotes(line: str, taken: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Top-level ‘…’ pairs outside double quotes (apostrophes never open or close one)."""
    if "‘" not in line and "'" not in line:
        return []  # no mark that could open one
    inside = [(s - 1, e + 1) for s, e, _ in taken]
    spans = []
    cursor = 0
    for opener in _SINGLE_OPEN.finditer(line):
        if opener.start() < cursor or any(s <= opener.start() < e for s, e in inside):
            continue
        for closer in _SINGLE_CLOSE.finditer(line, opener.end()):
            if any(s <= closer.start() < e for s, e in inside):
                break
            spans.append((opener.end(), closer.start(), False))
            cursor = closer.end()
            break
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted piece of an article, in order, furniture lines excluded."""
    found: list[QuoteSpan] = []
    previous_unclosed = False
    first_content = True
    for line in lines(text):
        if not line.text.strip():
            continue
        furniture = is_furniture(line, first=first_content)
        first_content = False
        if furniture:
            previous_unclosed = False
            continue
        doubles, reopens = _double_quotes(line.text)
        spans = sorted(doubles + _single_quotes(line.text, doubles))
        last_unclosed = False
        for index, (start, end, unclosed) in enumerate(spans):
            start, end = _trim(line.text, start, end)
            if end <= start or not re.search(r"\w", line.text[start:end]):
                continue
            continues = index == 0 and reopens and previous_unclosed
            found.append(
                QuoteSpan(
                    start=line.start + start,
                    end=line.start + end,
                    text=line.text[start:end],
                    line=line.index,
                    unclosed=unclosed,
                    continues=continues,
                )
            )
            last_unclosed = unclosed and end >= len(line.text.rstrip()) - 0
        previous_unclosed = last_unclosed
    return found
