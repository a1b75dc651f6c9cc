"""Hostile text: the corpus reader and every extractor never crash and every span verifies.

Bounded example counts run by default; ``--runslow`` adds many more examples and a 5 MB article
parsed end to end.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstables import executor
from newstables.corpus import CorpusError, decode_article, read_corpus
from newstables.curation import DEFAULT_ARTICLES, DEFAULT_CURATION, Curation
from newstables.extract import ArticleContext, ArticleResult, extract_article
from newstables.extract.dates import find_dates
from newstables.extract.numbers import find_amounts
from newstables.extract.quotemarks import find_quotes
from newstables.hostile import CR_TEXT, quote_run, quoted_sentences
from newstables.models import Article
from newstables.nlp import MAX_WORD

SEED = (DEFAULT_ARTICLES / "001_48dad1407b159abf.txt").read_text(encoding="utf-8")
FRAGMENTS = [
    # quote marks: balanced, unbalanced, nested, mixed conventions
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‹",
    "「",
    "“He said “yes” and ‘no’,” she said.",
    '"Unclosed quote, Putin said.',
    "” backwards “",
    # numbers in odd formats
    "10,000–12,000",
    "1.000.000",
    "10 000",
    "1,2,3,4",
    "½",
    "٣٤٥",
    "1e5",
    "-0",
    "$1.2bn",
    "3.5 million",
    "more than 11,000 troops",
    "about 1,200",
    "12,000-14,000",
    "0.000001%",
    "9" * 40,
    "one thousand two hundred",
    # dates
    "on Monday",
    "late last year",
    "28 April 2025",
    "2024-23",
    "June 31",
    # HTML and markdown residue
    "<p>",
    "</div>",
    "&nbsp;",
    "&amp;",
    "<script>alert(1)</script>",
    "**bold**",
    "# Heading",
    "> quoted",
    "[link](http://x)",
    "| a | b |",
    # line endings and separators
    "\n",
    "\r\n",
    "\r",
    "\n\n\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\t",
    # zero-width, bidi, combining and astral characters
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u200f",
    "مرحبا",
    "שלום",
    "e\u0301",
    "😀",
    "\U0001f1f0\U0001f1f7",
    # words the extractors look for
    " Putin said ",
    " according to Ukrainian officials, ",
    " the Kremlin quoted Kim Jong Un as saying ",
    " troops ",
    " North Korea ",
    " he told reporters. ",
    " ",
    ". ",
]
fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
)
texts = st.lists(fragment, min_size=1, max_size=60).map("".join)
long_sentence = st.integers(500, 3000).map(lambda n: "Putin said that " + "troops " * n)
# the corpus reader rejects whitespace-only articles (test below), so extractors never see them
hostile = st.one_of(texts, long_sentence, st.just(SEED[:2000] + "“")).filter(str.strip)


@functools.cache
def engine() -> tuple[Any, Curation]:
    """The pipeline and curation, built once for the module."""
    curation = Curation.load(DEFAULT_CURATION)
    return executor.pipeline(executor.Job(curation, "fuzz")), curation


def article_row(text: str) -> Article:
    data = text.encode("utf-8")
    return Article(
        article_id="fuzz",
        outlet=None,
        url=None,
        title=None,
        notes=None,
        published=dt.date(2025, 4, 28),
        text_sha256=hashlib.sha256(data).hexdigest(),
        chars=len(text),
        words=len(text.split()),
        path="data/articles/fuzz.txt",
    )


def span_problems(result: ArticleResult, text: str) -> list[str]:
    """Every (text, start, end) of every row that does not index the text exactly."""
    problems = []
    for row in [*result.quotations, *result.figures]:
        meta = row.TABLE
        for column, start, end in (meta.span, *meta.extra_spans):
            a, b = getattr(row, start), getattr(row, end)
            if a is None and b is None:
                continue
            if not 0 <= a <= b <= len(text) or text[a:b] != getattr(row, column):
                problems.append(f"{type(row).__name__}.{column}: {getattr(row, column)!r}")
    for event in result.events:
        if text[event.char_start : event.char_end] != event.text:
            problems.append(f"EventDraft.text: {event.text!r}")
    return problems


def check_text_helpers(text: str) -> None:
    """The text-level finders: dates, amounts and quote marks index the text exactly."""
    for mention in find_dates(text, dt.date(2025, 4, 28)):
        assert text[mention.start : mention.end] == mention.surface
    for amount in find_amounts(text):
        assert text[amount.start : amount.end] == amount.surface
    for quote in find_quotes(text):
        assert text[quote.start : quote.end] == quote.text


def check_article(text: str) -> None:
    """Parse (segmented like the build) and run every extractor; every span verifies."""
    nlp, curation = engine()
    check_text_helpers(text)
    (doc,) = executor.parse(nlp, [text])
    assert doc.text == text
    result = extract_article(ArticleContext(article_row(text), text, doc, curation))
    assert span_problems(result, text) == []


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=hostile)
def test_extractors_survive_hostile_text(text: str) -> None:
    check_article(text)


@pytest.mark.slow
@SLOW
@given(text=hostile)
def test_extractors_survive_hostile_text_at_length(text: str) -> None:
    check_article(text)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_text_finders_survive_hostile_text(text: str) -> None:
    check_text_helpers(text)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=4096))
def test_decoding_random_bytes_gives_text_or_a_named_error(data: bytes) -> None:
    try:
        text = decode_article(Path("x.txt"), data)
    except CorpusError as err:
        assert str(err).startswith("x.txt")
    else:
        assert text.encode("utf-8") == data


@settings(max_examples=60, deadline=None)
@given(text=texts, metadata=st.text(max_size=300))
def test_reading_a_hostile_folder_gives_a_corpus_or_a_named_error(
    tmp_path_factory: pytest.TempPathFactory, text: str, metadata: str
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_bytes(text.encode("utf-8"))
    (folder / "articles.csv").write_text("article_id,title\n" + metadata, encoding="utf-8")
    try:
        corpus = read_corpus(folder)
    except CorpusError as err:
        assert str(folder) in str(err)
    else:
        assert corpus.articles[0].text == text


def test_a_5_mb_article_is_read_exactly(tmp_path: Path) -> None:
    data = ("\r\n".join([SEED] * 900)).encode("utf-8")
    assert len(data) > 5_000_000
    (tmp_path / "big.txt").write_bytes(data)
    corpus = read_corpus(tmp_path)
    assert corpus.articles[0].text.encode("utf-8") == data
    assert corpus.articles[0].row.chars == len(data.decode("utf-8"))


def test_an_article_longer_than_a_segment_is_extracted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executor, "SEGMENT_CHARS", 3_000)
    check_article("\n".join([SEED] * 4) + "“unclosed " + "word " * 800)


@pytest.mark.slow
def test_a_5_mb_article_is_extracted() -> None:
    text = "\r\n".join([SEED] * 900)
    assert len(text.encode("utf-8")) > 5_000_000
    check_article(text)


def test_the_tokenizer_keeps_a_long_run_of_quote_marks_in_few_tokens() -> None:
    """A run of quote marks cost spaCy's tokenizer n² (10⁵ marks: an hour); now n (16.2)."""
    nlp, _ = engine()
    text = "The clerk wrote " + "“" * 3_000 + '"' * 3_000 + " and left."
    doc = nlp.tokenizer(text)
    assert doc.text == text
    assert len(doc) == 6 + 6_000 // MAX_WORD  # six words, the run in MAX_WORD-char tokens
    assert [t.text for t in doc][-3:] == ["and", "left", "."]


def test_a_run_of_100000_quote_marks_is_extracted() -> None:
    """Tokenizer, quote finder and amount finder are linear in a run of marks (16.2)."""
    check_article(quote_run(100_000))


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_cr_only_and_crlf_articles_are_extracted(ending: str) -> None:
    check_article(SEED.replace("\n", ending) + CR_TEXT.replace("\r", ending))


@pytest.mark.slow
def test_10000_quotations_in_one_article_are_extracted() -> None:
    """Slow until attribution is linear (issue 12): benchmarked by ``benchmark --hostile``."""
    text = quoted_sentences(10_000)
    check_article(text)
    assert len(find_quotes(text)) == 10_000
