"""The speaker ranker's training (``newstables.evaluate.ranker``) on made-up candidate sets."""

from __future__ import annotations

import json
from pathlib import Path

from newstables.evaluate.ranker import (
    Example,
    accuracy,
    cross_validate,
    fold_of,
    train,
    write_weights,
)
from newstables.extract.attribution.ranker import Candidate


def _example(article: str, gold_first: bool) -> Example:
    """Two candidates: the speaker (a subject of a speech verb) and a distractor nearer the quote;
    the rules got it right only when the speaker came first."""
    speaker = Candidate(None, 0, 3, {"subject_of_speech": 1.0, "distance": 0.5})
    distractor = Candidate(None, 5, 9, {"object": 1.0, "distance": 0.1})
    pool = [speaker, distractor] if gold_first else [distractor, speaker]
    return (article, pool, [0 if gold_first else 1], gold_first)


def test_training_learns_which_features_mark_the_speaker() -> None:
    data = [_example(f"a{i}", i % 2 == 0) for i in range(20)]
    weights = train(data)
    assert weights["subject_of_speech"] > weights.get("object", 0.0)
    assert accuracy(data, weights) == 1.0
    assert accuracy(data, {"object": 1.0}) == 0.0  # the opposite weights pick every distractor


def test_folds_are_by_article_and_stable() -> None:
    ids = {f"article-{i}" for i in range(50)}
    first, again = fold_of(ids, 5), fold_of(ids, 5)
    assert first == again and set(first.values()) == set(range(5))


def test_cross_validation_reports_rules_and_ranker_held_out(tmp_path: Path) -> None:
    data = [_example(f"a{i}", i % 2 == 0) for i in range(30)]
    lines = cross_validate(data, kept=[True, False], folds=3)
    assert lines[-1] == f"rules {(15 + 1) / 32:.3f}, ranker {(30 + 1) / 32:.3f}"
    out = tmp_path / "weights.json"
    count = write_weights(data, "made-up", 3, out)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["meta"] == {"trained_on": "made-up", "quotes": 30, "folds": 3}
    assert len(written["weights"]) == count > 0


def test_labels_count_another_mention_of_the_gold_speaker_by_name() -> None:
    """The scorer counts "Stubbs" right for a gold "Harold Stubbs" mentioned earlier: so do the
    training labels; a gold pronoun counts only by overlap."""
    import hashlib
    import tempfile

    from newstables.curation import Curation
    from newstables.evaluate.ranker import _same_name
    from newstables.extract import ArticleContext
    from newstables.extract.attribution import quote_source, view
    from newstables.extract.attribution.ranker import candidates
    from newstables.models import Article
    from newstables.nlp import build_pipeline

    curation = Curation.load(Path(tempfile.mkdtemp()))
    text = "Harold Stubbs runs the ferry.\n\n“The timetable stays,” Stubbs said."
    meta = Article(
        article_id="ferry", outlet=None, url=None, title=None, published=None,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(), chars=len(text),
        words=len(text.split()), path="x", notes=None,
    )  # fmt: skip
    art = view(ArticleContext(meta, text, build_pipeline(curation.registry)(text), curation))
    quote = art.quotes[0]
    source = quote_source(art, quote)
    pool = candidates(art, quote, source)
    named = [
        text[pool[i].start : pool[i].end]
        for i in _same_name(art, pool, {"speaker": "Harold Stubbs"}, source)
    ]
    assert "Stubbs" in named
    assert not _same_name(art, pool, {"speaker": "he"}, source)
