"""Relations between the entities of one document (issue 3): who holds which post, who leads what, who
wrote the piece, which body runs which programme, what is part of what.

Everything is read from the spaCy Doc over the normalised text with rules whose words live in
pipeline/data/relations/ (and the title lexicon in pipeline/data/lexicons/titles.txt). The genre writes a
person's posts as a chain of `organisation + title` segments right before the name
(市委常委、组织部长、市铁军打造工程指挥部副指挥长吴金华), in brackets after a byline name, or shared over a
list of names (副主任姚田宝、柯卫明); the chain reader (chains.py) reads those right to left from the name.

Layout: table.py lists every rule (rules/, one module per relation family) with what it emits and what
it runs after; document.py is the document view the rules read; clauses.py the clause and subject helpers
they share; patterns.py and tiers.py the typed data (patterns.toml, confidence.toml).

Decisions worth knowing:
- `title` is the role as written without the organisation (常委 @ 中共平湖市委, 干部科科长 @ 市委组织部);
  an internal unit written between organisation and title (干部科, 局长办公室) stays in the title, and such
  a post does not LEAD the whole organisation.
- A title that names its own organisation (代市长, 组织部长, 镇长) without one written in reach goes to the
  government / the party committee's department of the place in reach, else of the home city.
- 市领导 X (one of the city's four leading bodies, not said which) gives no position: no organisation can
  be chosen without guessing.
- 我市 as the actor of a programme is the city (a Place, gold convention) and RUNS nothing; 我们 is
  read as the quoted speaker's body, the paragraph's organisation, or the body the signer heads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cadregraph.pipeline.relations.chains import Position, PositionResolver, Segment, parse_chain
from cadregraph.pipeline.relations.document import Reader, Sentence, split_sentences
from cadregraph.schemas import Span

if TYPE_CHECKING:
    from cadregraph.pipeline.relations.table import extract_relations


def __getattr__(name: str) -> Any:
    """`extract_relations` is loaded on first use: the rule table imports cadregraph.pipeline.appointments (one of its
    rules), which imports the chain reader from this package, so importing the table here would make
    `import cadregraph.pipeline.appointments` (before this package) an import cycle."""
    if name == "extract_relations":
        from cadregraph.pipeline.relations.table import extract_relations

        return extract_relations
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Position",
    "PositionResolver",
    "Reader",
    "Segment",
    "Sentence",
    "Span",
    "extract_relations",
    "parse_chain",
    "split_sentences",
]
