"""The relation-type specification (`schemas/relations.toml`) as frozen dataclasses.

One entry per type says which labels it joins, which property tells two of them apart, and what a
null target means, so that the record validation, the graph model and `kg eval` cannot disagree (they
did: the model keyed ATTENDED on `title` while the extractor wrote `role`, and merged 主持 and 出席).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cadregraph.schemas.datafile import DataFileError, load_section, read_toml

NullTarget = Literal["skip", "document", "source_list"]
NULL_TARGETS: tuple[str, ...] = ("skip", "document", "source_list")
# Labels a relation may name besides the entity types: the record's document and its figures.
DOCUMENT_LABEL = "Document"
FIGURE_LABEL = "Figure"


@dataclass(frozen=True)
class RelationTypeSpec:
    """One relation type (each field is explained in relations.toml)."""

    ends: tuple[tuple[str, ...], ...]
    identity: tuple[str, ...]
    null_target: str
    source_list: str
    properties: tuple[str, ...]
    dated: bool
    scored_on: str
    caption: str

    def key_of(self, properties: Mapping[str, object]) -> str:
        """The relationship's key among those of its type between the same two nodes: the value of the
        first identity property the relation carries, empty ones passed over ("" when it carries none)."""
        values = (str(properties[name]).strip() for name in self.identity if properties.get(name) is not None)
        return next((value for value in values if value), "")

    @property
    def source(self) -> tuple[str, ...]:
        """The labels a relationship of this type may start at."""
        return tuple(dict.fromkeys(source for source, _ in self.ends))

    @property
    def target(self) -> tuple[str, ...]:
        """The labels it may end at (none: its target is always null)."""
        return tuple(dict.fromkeys(target for _, target in self.ends if target))


@dataclass(frozen=True)
class RelationSpec:
    """Every relation type, in file order (the order the graph lists types in)."""

    types: dict[str, RelationTypeSpec]

    def names(self) -> tuple[str, ...]:
        return tuple(self.types)

    def __getitem__(self, rel_type: str) -> RelationTypeSpec:
        return self.types[rel_type]

    def labels(self) -> frozenset[str]:
        """Every label some relation type starts or ends at."""
        return frozenset(label for spec in self.types.values() for label in (*spec.source, *spec.target))

    def edges(self) -> frozenset[tuple[str, str, str]]:
        """(source label, type, target label) of every relationship the graph may hold."""
        return frozenset(
            (source, name, target)
            for name, spec in self.types.items()
            for source, target in spec.ends
            if target
        )

    def allows(self, rel_type: str, source_label: str, target_label: str | None) -> bool:
        return self.endpoint_error(rel_type, source_label, target_label) is None

    def endpoint_error(self, rel_type: str, source_label: str, target_label: str | None) -> str | None:
        """Why a `rel_type` relation from `source_label` to `target_label` (None: a null target) may
        not be stored, or None when it may."""
        spec = self.types[rel_type]
        if source_label not in spec.source:
            return f"{rel_type} starts at {' or '.join(spec.source)}, not at {_a(source_label)}"
        if target_label is None or (source_label, target_label) in spec.ends:
            return None
        targets = [target for source, target in spec.ends if source == source_label and target]
        ends = " or ".join(targets) if targets else "nothing (its target is always null)"
        return f"{rel_type} from {_a(source_label)} ends at {ends}, not at {_a(target_label)}"


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'AEIOU' else 'a'} {label}"


SPEC_FILE = Path(__file__).with_name("relations.toml")


def load_relation_spec(path: Path, labels: tuple[str, ...]) -> RelationSpec:
    """Read and check the specification: typed entries, labels among `labels`, a null-target mode
    that exists, identity and list properties the type carries."""
    types: dict[str, RelationTypeSpec] = {}
    for name, table in read_toml(path).items():
        where = f"{path}: [{name}]"
        spec = load_section(table, RelationTypeSpec, where)
        if not spec.ends or any(len(pair) != 2 for pair in spec.ends):
            raise DataFileError(f"{where}: ends must list [source label, target label] pairs")
        unknown = sorted({*spec.source, *spec.target} - set(labels))
        if unknown:
            raise DataFileError(f"{where}: unknown label {', '.join(unknown)}")
        if spec.null_target not in NULL_TARGETS:
            raise DataFileError(f"{where}: null_target must be one of {', '.join(NULL_TARGETS)}")
        if (spec.null_target == "source_list") != bool(spec.source_list):
            raise DataFileError(f"{where}: source_list names the node list exactly when null_target is it")
        if spec.null_target == "source_list" and not spec.identity:
            raise DataFileError(
                f"{where}: source_list takes the identity property's value; identity is empty"
            )
        for key in ("scored_on", "caption"):
            value = getattr(spec, key)
            if value and value not in spec.properties:
                raise DataFileError(f"{where}: {key} {value!r} is not among its properties")
        for value in spec.identity:
            if value not in spec.properties:
                raise DataFileError(f"{where}: identity {value!r} is not among its properties")
        types[name] = spec
    return RelationSpec(types)
