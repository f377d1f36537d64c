"""Appointment and removal notices (issue 13): APPOINTED_TO and REMOVED_FROM, person → organisation.

Notices state a change of post outright: 任命陈建平为竹山县人民政府副县长、代理县长; 张庆黎同志任河北省委委员、
常委、书记; 免去周玲同志的竹山县人民政府副县长职务; 接受龚举海同志辞去…县长职务; 石振棋…提名为…区长候选人.
The verbs and the words around them live in `data/relations/appointments.toml`; the posts after the verb are
read with the title-chain parser of pipeline/relations/ (`parse_chain` + `PositionResolver`), so a title
and its organisation mean the same here as in HOLDS_POSITION.

Decisions worth knowing:
- `status` is "proposed" when the verb proposes (拟任, 提名为, 推荐) or the posts end in 人选/候选人/拟任人选;
  otherwise "decided". The tabular 任前公示 list (姓名, 现任…, 拟任…) is not read: no such page was found.
- `date` is the last day-precision date written before the verb (the notice's own 5月24日), else the
  document date; nothing when neither is known.
- A resignation counts as a removal only when the body accepted it (接受…辞去); 提出辞去 is a request.
- 任命书, 退休干部, 任职 and posts without an organisation (拟任设区市副厅级领导职务) give nothing.
- A notice also states who holds what (the gold convention of tests/gold/README.md: every post named in a
  任免 item is a HOLDS_POSITION). A decided appointment gives HOLDS_POSITION for the new post (and LEADS
  for a head's title), as a chain before the name would; a proposed one (拟任, 提名, 人选) gives the
  HOLDS_POSITION the gold names (a07: 提名为市长候选人 → 市长) and no LEADS, the post is not headed yet; a
  requested resignation (提出辞去, 请辞) gives the HOLDS_POSITION of the post and nothing else. A decided removal gives HOLDS_POSITION for the post left (it was held until then;
  the corpus gold names it, tests/gold/README.md) and no LEADS; its REMOVED_FROM carries the date it
  ended. (An earlier rule gave the holding only for a removal dated on or after the report's day; it lost
  陈豪's 书记 in 11月20日…卸任 reported on the 25th, and every such post in 任免 reports.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Span as DocSpan

from cadregraph.pipeline.canonical import canonical_organisation
from cadregraph.pipeline.lexicons import first_word_in, longest_first, match_word_at
from cadregraph.pipeline.relations.chains import (
    Position,
    PositionResolver,
    Segment,
    current_segments,
    parse_chain,
    title_written_at,
)
from cadregraph.pipeline.relations.document import CJK, Reader, Sentence
from cadregraph.pipeline.relations.rules.names import (
    NAME_DOTS,
    NameSpan,
    framed_name_at,
    glued_name_at,
    list_member_at,
    name_before_verb_at,
)
from cadregraph.pipeline.resources import checked_toml
from cadregraph.pipeline.title_chain import chain_grammar
from cadregraph.schemas.records import AppointmentProperties, AppointmentStatus, RelationType

_DATA = ("relations", "appointments.toml")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class NoticePatterns:
    """The notice vocabulary, typed: verb → status, and the words around names and posts."""

    object_verbs: dict[str, AppointmentStatus]
    object_removal_verbs: dict[str, AppointmentStatus]
    subject_verbs: dict[str, AppointmentStatus]
    subject_removal_verbs: dict[str, AppointmentStatus]
    comma_verbs: tuple[str, ...]
    resignation_verbs: tuple[str, ...]
    accept_words: tuple[str, ...]
    termination_possessive: str
    termination_verbs: tuple[str, ...]
    acting_verbs: frozenset[str]
    ren_blockers: tuple[str, ...]
    former_markers: frozenset[str]
    after_name: re.Pattern[str]
    respectively: str
    respective_separators: frozenset[str]
    left_opener: str
    left_tails: tuple[str, ...]
    left_chars: int
    object_gap: re.Pattern[str]
    name_separators: tuple[str, ...]
    titled_name_separators: tuple[str, ...]
    list_separator: str
    post_joiners: tuple[str, ...]
    framed_name_chars: int
    name_reach: int
    clause_ends: frozenset[str]
    item_joiners: frozenset[str]
    duty_words: tuple[str, ...]
    duty_item_separators: frozenset[str]
    tails: dict[str, str]
    candidate_tails: tuple[str, ...]
    bracket: re.Pattern[str]
    bracket_tail: re.Pattern[str]
    object_copula: str
    removal_frames: tuple[str, ...]
    carry_over: dict[str, AppointmentStatus]
    lead_words: tuple[str, ...]
    transfer_verbs: frozenset[str]
    left_markers: tuple[str, ...]
    confidence: dict[str, float]


def _status_table(raw: Mapping[str, Any]) -> dict[str, AppointmentStatus]:
    table: dict[str, AppointmentStatus] = {}
    for word, status in raw.items():
        if status not in ("proposed", "decided"):
            raise ValueError(f"appointments.toml: status of {word!r} is {status!r}, not proposed|decided")
        table[word] = status
    return table


@cache
def notice_patterns() -> NoticePatterns:
    with checked_toml(*_DATA) as raw:
        words = raw["words"]
        unknown = [w for w in raw["comma_verbs"]["verbs"] if w not in raw["subject_verbs"]]
        if unknown:
            raise ValueError(f"appointments.toml: comma_verbs {unknown} are not subject_verbs")
        return NoticePatterns(
            object_verbs=_status_table(raw["object_verbs"]),
            object_removal_verbs=_status_table(raw["object_removal_verbs"]),
            subject_verbs=_status_table(raw["subject_verbs"]),
            subject_removal_verbs=_status_table(raw["subject_removal_verbs"]),
            comma_verbs=longest_first(raw["comma_verbs"]["verbs"]),
            resignation_verbs=longest_first(raw["resignation"]["verbs"]),
            accept_words=tuple(raw["resignation"]["accept_words"]),
            termination_possessive=str(raw["termination"]["possessive"]),
            termination_verbs=longest_first(raw["termination"]["verbs"]),
            acting_verbs=frozenset(words["acting_verbs"]),
            ren_blockers=longest_first(words["ren_blockers"]),
            former_markers=frozenset(words["former_markers"]),
            after_name=re.compile(words["after_name"]),
            respectively=str(words["respectively"]),
            respective_separators=frozenset(words["respective_separators"]),
            left_opener=str(words["left_opener"]),
            left_tails=longest_first(words["left_tails"]),
            left_chars=int(words["left_chars"]),
            object_gap=re.compile(words["object_gap"]),
            name_separators=tuple(words["name_separators"]),
            titled_name_separators=tuple(words["titled_name_separators"]),
            list_separator=str(words["list_separator"]),
            post_joiners=tuple(words["post_joiners"]),
            framed_name_chars=int(words["framed_name_chars"]),
            name_reach=int(words["name_reach"]),
            clause_ends=frozenset(words["clause_ends"]),
            item_joiners=frozenset(words["item_joiners"]),
            duty_words=tuple(words["duty_words"]),
            duty_item_separators=frozenset(words["duty_item_separators"]),
            tails={str(k): str(v) for k, v in words["tails"].items()},
            candidate_tails=longest_first(k for k, v in words["tails"].items() if v == "proposed"),
            bracket=re.compile(words["bracket"]),
            bracket_tail=re.compile(words["bracket"] + "$"),
            object_copula=str(words["object_copula"]),
            removal_frames=tuple(words["removal_frames"]),
            carry_over=_status_table(raw["carry_over"]["openers"]),
            lead_words=longest_first(raw["carry_over"]["lead_words"]),
            transfer_verbs=frozenset(raw["post_left"]["transfer_verbs"]),
            left_markers=longest_first(raw["post_left"]["markers"]),
            confidence={str(k): float(v) for k, v in raw["confidence"].items()},
        )


@dataclass(frozen=True)
class Change:
    """One post a notice gives or takes: who, which post (as the chain parser read it), how sure."""

    rtype: RelationType
    person: DocSpan
    title: str
    organization: str
    target: str
    status: AppointmentStatus
    verb_start: int
    confidence: float
    deputy: bool = False
    lead: bool = False
    former: tuple[str, str] | None = None  # (title, canonical organisation) of the post left
    held_only: bool = False  # a requested resignation: the post is named as held, nothing changes

    def as_position(self) -> Position:
        """The post as a chain position, for a later clause without an organisation to continue."""
        return Position(self.title, self.organization, self.target, self.deputy, self.lead, self.confidence)


@dataclass(frozen=True)
class Posts:
    """The posts written from `start` to `end` (tails and remarks dropped) and whether a tail proposes."""

    start: int
    end: int
    changes: tuple[Position, ...]
    proposed: bool


class NoticeReader:
    """Reads the changes of one document sentence by sentence."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.text = reader.text
        self.conf = notice_patterns()
        self.resolver = PositionResolver(reader)
        self.tails_longest = longest_first(self.conf.tails)
        self._verb_words: dict[int, tuple[str, ...]] = {}  # by id of the conf's verb table
        self.people: list[Any] = sorted(reader.ents("Person"), key=lambda e: e.start_char)
        # the verbs a name of a list may stand right before (…职务、韩长赋辞去…: the resignation's name is whole)
        self._item_verbs = (*self.conf.subject_verbs, *self.conf.subject_removal_verbs, *self.conf.resignation_verbs)

    # ------------------------------------------------------------ helpers

    def _person_at(self, char: int) -> DocSpan | None:
        return next((p for p in self.people if p.start_char == char), None)

    def _people_from(self, start: int, limit: int) -> list[Any]:
        """The first name at or after `start` (before `limit`) and the names listed after it with 、; a
        member the model missed is read on the text when the list goes on after it (黄道伟、…、磨长英、…)."""
        first = next((p for p in self.people if start <= p.start_char < limit), None)
        if first is None:
            return []
        names: list[Any] = [first]
        at = first.start_char
        if not self._ends_item(first.end_char) and self.text[at - 1 : at] == self.conf.list_separator:
            names = [list_member_at(self.reader, at, register=False) or first]  # …、万鄂|湘、张宝文: cut
        while True:
            # 卞文甫因工作变动、侯家祥因年龄原因请辞…: what may follow a name (同志, a reason) before the separator
            after = self.conf.after_name.match(self.text, names[-1].end_char)
            pos = after.end() if after else names[-1].end_char
            sep = next((s for s in self.conf.name_separators if self.text.startswith(s, pos)), None)
            nxt: Any = self._person_at(pos + len(sep)) if sep else None
            if sep == self.conf.list_separator and (nxt is None or not self._ends_item(nxt.end_char)):
                read = list_member_at(self.reader, pos + len(sep), register=False)
                # a member read on the text only between two of the model's names
                if read is not None and self._person_at(read.end_char + len(sep)) is not None:
                    nxt = read
            if nxt is None:
                return self._titled_names_after(names, limit)
            names.append(nxt)

    def _titled_next(self, end: int) -> Any:
        """The name after `end` whose current title chain fills the gap from a separator at `end` to the name (…州长
        叶尔夏提·吐尔逊拜,|塔城地委书记支现伟): None when no separator stands there or no such chain opens right after it."""
        sep = next((s for s in self.conf.titled_name_separators if self.text.startswith(s, end)), None)
        return self._titled_at(end + len(sep)) if sep is not None else None

    def _titled_at(self, start: int) -> Any:
        """The name whose current title chain opens at `start` and runs up to it; None when there is none."""
        nxt = next((p for p in self.people if start < p.start_char <= start + self.conf.name_reach), None)
        if nxt is None:
            return None
        segments, former = current_segments(self.reader, parse_chain(self.reader, nxt.start_char, start))
        if not segments or former or segments[0].start != start:
            return None
        dot = nxt.end_char
        second = self._person_at(dot + 1) if self.text[dot : dot + 1] in NAME_DOTS else None
        if second is not None:  # 主任赛力克·哈布肯: the model's two readings of a transcribed name
            return NameSpan(nxt.start_char, second.end_char, self.text[nxt.start_char : second.end_char])
        return nxt

    def _titled_names_after(self, names: list[Any], limit: int) -> list[Any]:
        """推选…杨秀理为…团长;伊犁…州长叶尔夏提·吐尔逊拜,塔城地委书记支现伟,阿勒泰地委书记谢少迪为总团副团长: names each
        written after its own current posts, joined by commas or 和, share the verb and the posts after 为, when 为
        follows the last of them; otherwise `names` as they were."""
        longer = list(names)
        while (nxt := self._titled_next(longer[-1].end_char)) is not None:
            longer.append(nxt)
        if len(longer) == len(names):
            return names
        gap = self.conf.object_gap.match(self.text, longer[-1].end_char)
        after = gap.end() if gap else longer[-1].end_char
        return longer if self.text.startswith(self.conf.object_copula, after) else names

    def _inside_dotted_name(self, char: int) -> bool:
        """Whether `char` follows, within the same run of characters, a name dot (艾力更‧依明|巴海)."""
        i = char - 1
        while i >= 0 and (CJK.match(self.text[i]) or self.text[i] in NAME_DOTS):
            if self.text[i] in NAME_DOTS:
                return True
            i -= 1
        return False

    def _ends_item(self, char: int) -> bool:
        """Whether a name of a list may end at `char`: a separator, the object copula, a clause end or a verb of
        the notice after a name (任, 不再担任, 辞去)."""
        text = self.text
        return (
            any(text.startswith(s, char) for s in self.conf.name_separators)
            or text.startswith(self.conf.object_copula, char)
            or _matches_some(self.conf.object_gap, text, char)
            or text[char : char + 1] in self.conf.clause_ends
            or _matches_some(self.conf.after_name, text, char)
            or any(text.startswith(w, char) for w in self._item_verbs)
        )

    def _framed(self, start: int, stop: int, *, removal: bool = False) -> list[Any]:
        """选举肖友才为…: the name between an object verb and 为 (a removal's: 同志 or 的, 免除路正阳同志…一职) read on
        the text where the model cut it or labelled it otherwise (names.framed_name_at); [] when there is
        none or the model has it whole."""
        frames = self.conf.removal_frames if removal else (self.conf.object_copula,)
        reach = min(stop, start + self.conf.framed_name_chars + 1)
        found = [(at, frame) for frame in frames if (at := self.text.find(frame, start + 2, reach)) >= 0]
        if not found:
            return []
        copula, frame = min(found)
        end = copula if removal else self._name_end(start, copula, self.conf.object_gap)
        # 免除基层同志的后顾之忧, …副主任,任期为五年: a frame holds a name only when posts follow it
        gap = self.conf.object_gap.match(self.text, end, stop)
        after = (gap.end() if gap else end) if removal else copula + len(frame)
        if self.posts(after, stop, to_duty=removal) is None:
            return []
        name = framed_name_at(self.reader, start, end)
        return [name] if name is not None else []

    def _unglue(self, sentence: Sentence) -> None:
        """…副区长,任命方卫春、曹环球为…: a name the model read with the object verb before it
        (names.glued_name_at) replaces that reading among the people."""
        verbs = longest_first([*self.conf.object_verbs, *self.conf.object_removal_verbs])
        for person in [p for p in self.people if sentence.start <= p.start_char < sentence.end]:
            verb = match_word_at(self.text, person.start_char, verbs)
            name = glued_name_at(self.reader, person.start_char, person.start_char + len(verb)) if verb else None
            if name is not None:
                kept = [p for p in self.people if p is not person]
                self.people = sorted([*kept, name], key=lambda p: p.start_char)

    def _unglue_verb(self, sentence: Sentence) -> None:
        """刘程任|副组长, 夏林茂当|选为…: a name the model read with the first characters of a subject verb after
        it (names.name_before_verb_at) replaces that reading among the people when posts (or a title without an
        organisation) follow the verb."""
        text = self.text
        verbs = longest_first(self.conf.subject_verbs)
        for person in [p for p in self.people if sentence.start <= p.start_char < sentence.end]:
            for cut in (1, 2):
                at = person.end_char - cut
                verb = next((v for v in verbs if len(v) >= cut and text.startswith(v, at)), None)
                after = at + len(verb) if verb is not None else at
                if verb is None or (
                    self.posts(after, sentence.end, to_duty=False) is None
                    and title_written_at(self.text, after, sentence.end) is None  # 刘程任|副组长: the body's, said before
                ):
                    continue
                name = name_before_verb_at(self.reader, person, at)
                if name is not None:
                    kept = [p for p in self.people if p is not person]
                    self.people = sorted([*kept, name], key=lambda p: p.start_char)
                break

    def _frame_resignations(self, sentence: Sentence) -> None:
        """接受陈全国辞去…: the name between an accept word and a resignation verb, read on the text where the
        model missed it (names.framed_name_at), joins the people the subject forms read; so does each name of
        the accepted list after it (接受宋光宝因…辞去…职务,楼小东因任职年龄到限辞去…职务: za02; a14 joins with 、)."""
        for word in self.conf.accept_words:
            at = self.text.find(word, sentence.start, sentence.end)
            while at >= 0:
                item: int | None = at + len(word)
                while item is not None:
                    item = self._frame_resignation(item, sentence)
                at = self.text.find(word, at + len(word), sentence.end)

    def _frame_resignation(self, start: int, sentence: Sentence) -> int | None:
        """Frame the name of one accepted resignation opening at `start` (a reason may stand between the name
        and the verb: 因任职年龄到限); where the next item of the list opens, or None."""
        text, reach = self.text, self.conf.framed_name_chars
        window = min(sentence.end, start + self.conf.name_reach + 1)
        ends = [text.find(v, start + 2, window) for v in self.conf.resignation_verbs]
        verb = min((e for e in ends if e > 0), default=-1)
        if verb < 0:
            return None
        end = self._name_end(start, verb, self.conf.after_name)
        if end - start > reach:
            return None
        name = framed_name_at(self.reader, start, end)
        if name is not None:  # missed, or cut (徐华|东): the name read on the frame stands
            kept = [p for p in self.people if p.start_char != start]
            self.people = sorted([*kept, name], key=lambda p: p.start_char)
        said = next(v for v in self.conf.resignation_verbs if text.startswith(v, verb))
        posts = self.posts(verb + len(said), sentence.end, to_duty=True)
        if posts is None:
            return None
        after = self._skip_tail(posts.end)
        sep = next((s for s in self.conf.titled_name_separators if text.startswith(s, after)), None)
        return after + len(sep) if sep is not None and after + len(sep) < sentence.end else None

    def _name_end(self, start: int, stop: int, after: re.Pattern[str]) -> int:
        """Where a name opening at `start` ends before `stop` (为, 辞去): where the words `after` may put
        after a name (同志, 3名同志, a reason) begin and run exactly to `stop` (接受张伟同志辞去 → 张伟)."""
        for char in range(start + 2, stop):
            found = after.match(self.text, char, stop)
            if found is not None and found.end() == stop:
                return char
        return stop

    def _clause_end(self, start: int, stop: int) -> int:
        """Where the clause from `start` ends: a clause mark, or a list mark before a name (张庆黎当选省人大常委会
        主任、张庆伟当选河北省省长: the next item is another person's clause; no chain of posts holds a name)."""
        for i in range(start, stop):
            if self.text[i] in self.conf.clause_ends:
                return i
            if self.text[i] == self.conf.list_separator and self._person_at(i + 1) is not None:
                return i
        return stop

    def posts(
        self, start: int, stop: int, *, to_duty: bool, inherited: Position | None = None
    ) -> Posts | None:
        """The chain of posts starting exactly at `start`: up to 职务 or 一职 (removals) or the clause end; a chain
        without an organisation takes `inherited`'s (并决定为代理主任 after 任命…为市监察委员会副主任)."""
        end = self._clause_end(start, stop)
        if to_duty:
            found = [(i, w) for w in self.conf.duty_words if (i := self.text.find(w, start, stop)) > 0]
            duty, word = min(found) if found else (-1, "")
            if duty > 0 and duty + len(word) != end:
                posts = self._read_posts(start, duty + len(word), inherited)
                if posts is not None:  # 卢力同志不再担任A,B、C,D职务: the posts run over commas to 职务
                    return posts
        else:  # 提名为镇江市副市长人选(挂职)等人事调整决定: the posts end with the candidate word
            found = [(i, t) for t in self.conf.candidate_tails if (i := self.text.find(t, start, end)) >= 0]
            if found:
                first, candidate = min(found)
                end = first + len(candidate)
                remark = self.conf.bracket.match(self.text, end)
                end = remark.end() if remark is not None else end
        return self._read_posts(start, end, inherited)

    def _read_posts(self, start: int, end: int, inherited: Position | None) -> Posts | None:
        """Tails and remarks dropped from the end, the rest must be one chain of posts from `start`."""
        proposed = False
        remark = ""  # 副主任(专职): a modifier written in brackets after the last title stays in it
        while True:
            piece = self.text[start:end]
            bracket = self.conf.bracket_tail.search(piece)
            if bracket is not None and bracket.start() > 0:
                if not remark and bracket.group(0)[1:-1] in chain_grammar().modifiers:
                    remark = bracket.group(0)
                end = start + bracket.start()
                continue
            tail = next((t for t in self.tails_longest if piece.endswith(t) and len(piece) > len(t)), None)
            if tail is None:
                break
            proposed = proposed or self.conf.tails[tail] == "proposed"
            end -= len(tail)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
        segments = parse_chain(self.reader, end, start)
        if not segments or segments[0].start != start:
            return None
        changes = tuple(self.resolver.resolve(segments, [inherited] if inherited else None))
        if not changes:
            return None
        if remark and self.text.startswith(remark, end):
            changes = (*changes[:-1], replace(changes[-1], title=changes[-1].title + remark))
        return Posts(start, end, changes, proposed)

    @staticmethod
    def _status(verb_status: AppointmentStatus, posts: Posts) -> AppointmentStatus:
        return "proposed" if verb_status == "proposed" or posts.proposed else "decided"

    def _changes(
        self,
        rtype: RelationType,
        people: list[Any],
        posts: Posts,
        status: AppointmentStatus,
        verb_start: int,
        confidence: float,
    ) -> list[Change]:
        index = self.reader.index
        for person in people:  # names of the list read on the text become entities now it is an item
            if isinstance(person, NameSpan) and index.span_ids.get((person.start_char, person.end_char)) is None:
                list_member_at(self.reader, person.start_char)
        return [
            Change(
                rtype,
                person,
                p.title,
                p.organization,
                p.target,
                status,
                verb_start,
                min(confidence, p.confidence),
                p.deputy,
                p.lead,
            )
            for person in people
            for p in posts.changes
        ]

    # ------------------------------------------------------------ forms

    def read(self, sentence: Sentence) -> list[Change]:
        self._unglue(sentence)
        self._unglue_verb(sentence)
        self._frame_resignations(sentence)
        changes: list[Change] = []
        changes += self._object_forms(sentence, self.conf.object_verbs, "APPOINTED_TO")
        changes += self._object_forms(sentence, self.conf.object_removal_verbs, "REMOVED_FROM")
        changes += self._subject_forms(sentence)
        return changes

    def _object_forms(
        self, sentence: Sentence, verbs: dict[str, AppointmentStatus], rtype: RelationType
    ) -> list[Change]:
        """任命 P 为 POSTS (, Q 为 POSTS)…; 免去 P、Q 的 POSTS 职务 (; R 的 POSTS 职务)…"""
        out: list[Change] = []
        removal = rtype == "REMOVED_FROM"
        pos = sentence.start
        while (verb := self._next_verb(verbs, pos, sentence.end)) is not None:
            verb_start, word = verb
            pos = verb_start + len(word)
            limit = min(sentence.end, pos + self.conf.name_reach)
            people = self._framed(pos, sentence.end, removal=removal)
            people = people or self._people_from(pos, limit)
            if not people or self._clause_end(pos, people[0].start_char) < people[0].start_char:
                continue
            continued = False  # an item after the first continues the verb
            last: list[Change] = []  # the changes of the item before
            while people:
                after = people[-1].end_char
                gap = self.conf.object_gap.match(self.text, after, sentence.end)
                start = gap.end() if gap else after
                if not removal:
                    if not self.text.startswith(self.conf.object_copula, start):
                        break
                    start += len(self.conf.object_copula)
                posts = self.posts(start, sentence.end, to_duty=removal)
                if posts is None and continued and last:
                    # 选举黄柏青为…理事会会长,蒋国兴、万光政为副会长 (zzd02): a later item's title without an
                    # organisation is the body's the item before named
                    posts = self.posts(start, sentence.end, to_duty=removal, inherited=last[-1].as_position())
                if posts is None and continued:
                    # 李元生为…选举任免联络工作委员会副主任,沙闻麟为…厅长 (zq07): an item whose posts no chain reads
                    # is left out; the clause after it still continues the verb
                    people = self._next_item(self._clause_end(start, sentence.end), sentence, removal=removal)
                    continue
                if posts is None:
                    break
                status = self._status(verbs[word], posts)
                items = self._changes(
                    rtype, people, posts, status, verb_start, self.conf.confidence["object_verb"]
                )
                more, end = self._continuations(items, posts.end, sentence)
                out += items + more
                last = items
                pos = max(pos, end)
                people = self._next_item(end, sentence, removal=removal)
                continued = True
        return out

    def _skip_tail(self, i: int) -> int:
        """Past the words that close a chain of posts (职务, 的请求, (挂职)) at `i`."""
        while True:
            tail = next((t for t in self.conf.tails if t and self.text.startswith(t, i)), None)
            bracket = self.conf.bracket.match(self.text, i)
            if tail is not None:
                i += len(tail)
            elif bracket is not None:
                i = bracket.end()
            else:
                return i

    def _next_item(self, end: int, sentence: Sentence, *, removal: bool) -> list[DocSpan]:
        """After one item, the next clause opening with a name continues the same verb (王福宏为…); the name
        framed by the clause start and 为 is read on the text where the model cut it (张华|建为…主任), as after
        the verb."""
        i = self._skip_tail(end)
        # 免去马廷贵同志…市长职务、徐阳同志…副市长职务 (zzo07): after 职务 the separator opens the next item
        if (
            removal
            and i < sentence.end
            and self.text[i] in self.conf.duty_item_separators
            and any(self.text.endswith(w, end, i) for w in self.conf.duty_words)
        ):
            return self._people_from(i + 1, i + 2)
        if i < sentence.end and self.text[i] in self.conf.clause_ends:
            framed = [] if removal else self._framed(i + 1, sentence.end)
            people = framed or self._people_from(i + 1, i + 2)
            if people:
                return people
            # …团长;伊犁哈萨克自治州党委副书记、州长叶尔夏提·吐尔逊拜,…为总团副团长: the name after its current posts
            first = self._titled_at(i + 1)
            return self._people_from(first.start_char, first.start_char + 1) if first is not None else []
        return []

    def _next_verb(
        self, verbs: dict[str, AppointmentStatus], start: int, stop: int
    ) -> tuple[int, str] | None:
        words = self._verb_words.get(id(verbs))
        if words is None:  # the conf's verb tables, each ordered once per reader
            words = self._verb_words[id(verbs)] = longest_first(verbs)
        # the first of words at the first position holding one, as the loop over positions it replaces
        return first_word_in(self.text, words, start, stop)

    def _subject_forms(self, sentence: Sentence) -> list[Change]:
        """P 任 POSTS; P 不再担任 POSTS 职务; 接受 … P 辞去 POSTS 职务."""
        out: list[Change] = []
        appoint = longest_first(self.conf.subject_verbs)
        remove = longest_first(self.conf.subject_removal_verbs)
        text = self.text
        listed: set[int] = set()  # names already read as part of a list before them
        for person in self.people:
            if not (sentence.start <= person.start_char < sentence.end) or person.start_char in listed:
                continue
            if self._inside_dotted_name(person.start_char):
                continue  # 艾力更‧依明|巴海: the model's name is the end of a transcribed one
            ended = self._terminated(person, sentence)
            if ended:
                out += ended
                continue
            names = self._people_from(person.start_char, person.start_char + 1)  # 沈学强、张歌莺拟任…
            listed.update(n.start_char for n in names)
            last = names[-1]
            gap = self.conf.after_name.match(text, last.end_char, sentence.end)
            at = gap.end() if gap else last.end_char
            found = self._subject_verb(at, sentence, last, appoint, remove)
            held = None
            if found is None and len(names) == 1:  # 郑皓副区长|代理…: a post written between the name and the verb
                held = title_written_at(self.text, at, sentence.end)
                if held is not None:
                    found = self._subject_verb(at + len(held[0]), sentence, last, appoint, remove)
                    at = at + len(held[0]) if found is not None else at
            left: list[Position] = []
            if found is None and len(names) == 1:  # 杨秀清从莲都区区长|任…: the post left, then the verb
                at, found, left = self._left_post(at, sentence, last, appoint, remove)
            if found is None and text[at : at + 1] in self.conf.clause_ends:  # 现任…的吴智明,拟任…
                comma_verb = next((w for w in self.conf.comma_verbs if text.startswith(w, at + 1)), None)
                if comma_verb is not None:
                    at += 1
                    found = ("APPOINTED_TO", comma_verb, self.conf.subject_verbs[comma_verb])
            if found is None:
                continue
            rtype, word, status = found
            if len(names) > 1 and gap is not None and self.conf.respectively in gap.group(0):
                paired = self._respective(names, at + len(word), sentence, rtype, status, at)
                if paired:
                    out += paired
                    continue
            posts = self.posts(at + len(word), sentence.end, to_duty=rtype == "REMOVED_FROM")
            if posts is None and out and out[-1].rtype == rtype:
                # 张德江当选为…常务委员会委员长,李建国、…当选为副委员长: a post without an organisation
                # after an item of the same sentence is that item's body's.
                inherited = out[-1].as_position()
                posts = self.posts(at + len(word), sentence.end, to_duty=rtype == "REMOVED_FROM", inherited=inherited)
            if posts is None and rtype == "APPOINTED_TO" and (body := self._body_before(sentence, names[0])) is not None:
                # 会议选举产生八届市委常委会,陈伟俊当选书记: a post without an organisation is the body's the
                # sentence named before the names (the last organisation, no name between)
                posts = self.posts(at + len(word), sentence.end, to_duty=False, inherited=body)
            if posts is None:
                continue
            if word in self.conf.acting_verbs:
                posts = replace(posts, changes=tuple(_acting(p, word) for p in posts.changes))
            first = self._changes(
                rtype, names, posts, self._status(status, posts), at, self.conf.confidence["subject_verb"]
            )
            if held is not None and rtype == "APPOINTED_TO":
                out += self._held_after_name(last, held, posts, at)
            out += [self._left_change(last, p, at) for p in left]
            held_only = rtype == "REMOVED_FROM" and status == "proposed"  # 朱勇提出辞去…职务: a request
            more, _end = self._continuations(first, posts.end, sentence)
            former = (
                self._former_post(last, sentence, word)
                if rtype == "APPOINTED_TO" and len(names) == 1 and not left
                else self._left_former(left)
            )
            out += [replace(change, former=former, held_only=held_only) for change in first + more]
        return out

    def _left_post(
        self, at: int, sentence: Sentence, person: Any, appoint: tuple[str, ...], remove: tuple[str, ...]
    ) -> tuple[int, tuple[RelationType, str, AppointmentStatus] | None, list[Position]]:
        """杨秀清从莲都区区长任缙云县委书记: the opener (从), a chain of posts (and 任上) that runs exactly to an
        appointing verb; (where the verb is, the verb, the posts left), or (`at`, None, []) when none is."""
        conf, text = self.conf, self.text
        if not text.startswith(conf.left_opener, at):
            return at, None, []
        start = at + len(conf.left_opener)
        for verb_at in range(start + 2, min(sentence.end, start + conf.left_chars)):
            found = self._subject_verb(verb_at, sentence, person, appoint, remove)
            if found is None or found[0] != "APPOINTED_TO":
                continue
            tail = next((t for t in conf.left_tails if text.endswith(t, start, verb_at)), "")
            segments, former = current_segments(self.reader, parse_chain(self.reader, verb_at - len(tail), start))
            if segments and not former and segments[0].start == start:
                return verb_at, found, self.resolver.resolve(segments)
            # 从市发改委主任任县长: the 任 of 主任 ends no post; the verb is further on
        return at, None, []

    def _body_before(self, sentence: Sentence, first: Any) -> Position | None:
        """The organisation the sentence names last before `first` (the first name of an item), with no name
        between, as a position whose organisation a post without one continues; None when there is none."""
        bodies = self.reader.ents("Organization", sentence.start, first.start_char)
        body = bodies[-1] if bodies else None
        if body is None or any(body.end_char <= p.start_char < first.start_char for p in self.people):
            return None
        key = self.reader.index.id_of(body)
        if key is None:
            return None
        return Position("", body.text, key, False, False, self.conf.confidence["continuation"], body.text)

    def _left_former(self, left: list[Position]) -> tuple[str, str] | None:
        """(title, canonical organisation) of the first post moved from, the APPOINTED_TO's former post."""
        if not left:
            return None
        post = left[0]  # the entity the post resolved to (莲都区人民政府 for 莲都区区长), else the name as completed
        named = self.reader.index.name_of(post.target)
        return post.title, named or canonical_organisation(post.completed or post.organization, self.reader.ctx.home)

    def _left_change(self, person: Any, post: Position, verb_start: int) -> Change:
        """The post a person moves from is held (the gold counts it, tests/gold/README.md) and no longer led."""
        confidence = min(self.conf.confidence["subject_verb"], post.confidence)
        return Change(
            "APPOINTED_TO", person, post.title, post.organization, post.target, "decided", verb_start,
            confidence, post.deputy, False, held_only=True,
        )

    def _held_after_name(self, person: Any, held: tuple[str, str], posts: Posts, verb_start: int) -> list[Change]:
        """郑皓副区长代理通州区人民政府区长职务: the post written after the name is held now, its organisation
        completed as a chain's from the post the verb gives (the same place's government)."""
        segment = Segment(person.end_char, held[0], held[1], "", "")
        positions = self.resolver.resolve([segment], list(posts.changes[:1]))
        confidence = self.conf.confidence["subject_verb"]
        return [
            Change(
                "APPOINTED_TO", person, p.title, p.organization, p.target, "decided", verb_start,
                min(confidence, p.confidence), p.deputy, p.lead, held_only=True,
            )
            for p in positions
        ]

    def _respective(
        self,
        names: list[Any],
        start: int,
        sentence: Sentence,
        rtype: RelationType,
        status: AppointmentStatus,
        verb_start: int,
    ) -> list[Change]:
        """谢波、杨景宪…分别…当选为滔溪镇人民政府镇长和镇人大主席团主席: 分别 gives the names the posts one each,
        in order; [] unless the posts, divided at the separators, are as many as the names and each reads."""
        end = self._clause_end(start, sentence.end)
        cuts = [i for i in range(start, end) if self.text[i] in self.conf.respective_separators]
        if len(cuts) != len(names) - 1:
            return []
        out: list[Change] = []
        inherited: Position | None = None
        piece = start
        for name, cut in zip(names, [*cuts, end], strict=True):
            posts = self.posts(piece, cut, to_duty=rtype == "REMOVED_FROM", inherited=inherited)
            if posts is None:
                return []
            confidence = self.conf.confidence["subject_verb"]
            out += self._changes(rtype, [name], posts, self._status(status, posts), verb_start, confidence)
            inherited, piece = posts.changes[-1], cut + 1
        return out

    def _former_post(self, person: DocSpan, sentence: Sentence, verb: str) -> tuple[str, str] | None:
        """The post the person leaves: the chain of posts right before the name, when the verb moves the
        person (调任) or a marker says the post is a former one (前任…书记任泽锋, 原人事局局长刘强). The
        first post with an organisation, its organisation canonical (the marker dropped)."""
        text = self.text
        ends = [i + 1 for i in range(sentence.start, person.start_char) if text[i] in self.conf.clause_ends]
        clause_start = max(ends, default=sentence.start)
        segments = parse_chain(self.reader, person.start_char, clause_start)
        if not segments:
            return None
        start = segments[0].start
        marker = next((m for m in self.conf.left_markers if text.startswith(m, start)), None)
        marked = marker is not None or text[clause_start:start].endswith(self.conf.left_markers)
        if not marked and verb not in self.conf.transfer_verbs:
            return None
        for position in self.resolver.resolve(segments):
            organisation = position.completed or position.organization
            stripped = next(
                (organisation[len(m) :] for m in self.conf.left_markers if organisation.startswith(m)),
                organisation,
            )
            if len(stripped) >= 2:
                return position.title, canonical_organisation(stripped, self.reader.ctx.home)
        return None

    def _terminated(self, person: DocSpan, sentence: Sentence) -> list[Change]:
        """P 的 POSTS 职务相应终止: posts that end by law are removals."""
        possessive = self.conf.termination_possessive
        if not self.text.startswith(possessive, person.end_char):
            return []
        posts = self.posts(person.end_char + len(possessive), sentence.end, to_duty=True)
        if posts is None:
            return []
        after = self._skip_tail(posts.end)
        if not any(self.text.startswith(w, after) for w in self.conf.termination_verbs):
            return []
        confidence = self.conf.confidence["subject_verb"]
        return self._changes("REMOVED_FROM", [person], posts, "decided", after, confidence)

    def _subject_verb(
        self,
        at: int,
        sentence: Sentence,
        person: DocSpan,
        appoint: tuple[str, ...],
        remove: tuple[str, ...],
    ) -> tuple[RelationType, str, AppointmentStatus] | None:
        text = self.text
        word = next((w for w in remove if text.startswith(w, at)), None)
        if word is not None:
            return "REMOVED_FROM", word, self.conf.subject_removal_verbs[word]
        word = next((w for w in self.conf.resignation_verbs if text.startswith(w, at)), None)
        if word is not None:
            accepted = any(a in text[sentence.start : person.start_char] for a in self.conf.accept_words)
            return "REMOVED_FROM", word, "decided" if accepted else "proposed"
        word = next((w for w in appoint if text.startswith(w, at)), None)
        if word is None or any(text.startswith(b, at) for b in self.conf.ren_blockers):
            return None
        if at > 0 and text[at - 1] in self.conf.former_markers:
            return None  # 原任, 曾任: a former post
        return "APPOINTED_TO", word, self.conf.subject_verbs[word]

    def _continuations(self, last: list[Change], end: int, sentence: Sentence) -> tuple[list[Change], int]:
        """Clauses after an item that continue its person: ,代理省长 / ,提名为…候选人 / ,并决定为代理市长."""
        if not last:
            return [], end
        out: list[Change] = []
        person, rtype = last[0].person, last[0].rtype
        inherited = last[-1].as_position()
        i = end
        while i < sentence.end:
            tail_end = self._skip_tail(i)
            joiner = next((j for j in self.conf.post_joiners if self.text.startswith(j, tail_end)), None)
            i = tail_end
            if joiner is not None and tail_end > end:  # …副主任(专职)职务和自治区政协委员: after 职务 only
                start = i + len(joiner)
            elif i >= sentence.end or self.text[i] not in self.conf.clause_ends:
                break
            else:
                start = i + 1
            lead = next((w for w in self.conf.lead_words if self.text.startswith(w, start)), "")
            opener = next(
                (
                    w
                    for w in longest_first(self.conf.carry_over)
                    if self.text.startswith(w, start + len(lead))
                ),
                None,
            )
            if opener is not None and rtype == "APPOINTED_TO":
                at = start + len(lead)
                posts = self.posts(at + len(opener), sentence.end, to_duty=False, inherited=inherited)
                if posts is None:
                    break
                status = self._status(self.conf.carry_over[opener], posts)
                confidence = self.conf.confidence["carry_over"]
            else:
                if self._people_from(start, start + 1):
                    break  # the next item names its own person
                posts = self.posts(start, sentence.end, to_duty=rtype == "REMOVED_FROM", inherited=inherited)
                if posts is None:
                    break
                status = last[0].status if not posts.proposed else "proposed"
                at = last[0].verb_start
                confidence = self.conf.confidence["continuation"]
            out += self._changes(rtype, [person], posts, status, at, confidence)
            end = i = posts.end
        return out, end

    # ------------------------------------------------------------ dates

    def date_before(self, char: int) -> str | None:
        """The notice's own date: the last day-precision date written before `char`, else the document's."""
        written = [value for start, _end, value in self.reader.dates if start < char and _DAY.match(value)]
        if written:
            return written[-1]
        date = self.reader.ctx.date
        return date.isoformat() if date else None


def _matches_some(pattern: re.Pattern[str], text: str, char: int) -> bool:
    """Whether `pattern` (all of whose parts are optional) matches at least one character at `char`."""
    found = pattern.match(text, char)
    return found is not None and found.end() > char


def notice_spans(reader: Reader) -> list[Sentence]:
    """Sentences joined over ；: a notice lists its items with semicolons (免去张志轩的…职务;朱勇的…职务)."""
    joiners = notice_patterns().item_joiners
    spans: list[Sentence] = []
    for sentence in reader.sentences:
        if (
            spans
            and reader.text[spans[-1].end - 1] in joiners
            and "\n" not in reader.text[spans[-1].end : sentence.start]
        ):
            spans[-1] = Sentence(spans[-1].start, sentence.end)
        else:
            spans.append(sentence)
    return spans


def _acting(position: Position, verb: str) -> Position:
    """区长 after 代理 (appointments.toml acting_verbs) is the post 代理区长."""
    return position if position.title.startswith(verb) else replace(position, title=verb + position.title)


def _evidence(reader: Reader, change: Change) -> Sentence:
    """The sentence that names the person, widened to the verb when a ；-list puts them apart
    (免去张志轩的…职务;朱勇的…职务: 朱勇's evidence starts at 免去)."""
    at_person, at_verb = reader.sentence_at(change.person.start_char), reader.sentence_at(change.verb_start)
    return Sentence(min(at_person.start, at_verb.start), max(at_person.end, at_verb.end))


def _holds(change: Change) -> bool:
    """Whether the change also names the post as a HOLDS_POSITION (see the module docstring): every post of
    a notice's item does (tests/gold/README.md: in 任免 items every post named counts; a07's gold names
    提名为市长候选人 so), a proposed one too; only a decided appointment LEADS (_emit_held)."""
    return change.rtype == "APPOINTED_TO" or change.status == "decided" or change.held_only


def _emit_held(reader: Reader, person_id: str, change: Change, evidence: Sentence) -> None:
    """HOLDS_POSITION with the properties a chain before a name gives; LEADS for a head's post taken (a
    post left is no longer headed, a proposed one not yet)."""
    post: dict[str, Any] = {"title": change.title, "organization": change.organization, "deputy": change.deputy}
    reader.sink.add("HOLDS_POSITION", person_id, change.target, evidence, change.confidence, **post)
    if change.lead and change.rtype == "APPOINTED_TO" and change.status == "decided":
        del post["organization"]
        reader.sink.add("LEADS", person_id, change.target, evidence, change.confidence, **post)


def emit_appointments(reader: Reader) -> None:
    """APPOINTED_TO / REMOVED_FROM for every change the document states, with its evidence, and the
    HOLDS_POSITION (LEADS) the change states."""
    notices = NoticeReader(reader)
    for span in notice_spans(reader):
        for change in notices.read(span):
            person_id = reader.index.id_of(change.person)
            target_type = next((e.type for e in reader.index.entities if e.id == change.target), None)
            if person_id is None or target_type != "Organization":
                continue
            evidence = _evidence(reader, change)
            if change.held_only:
                _emit_held(reader, person_id, change, evidence)
                continue
            former_title, former_organization = change.former or (None, None)
            properties = AppointmentProperties(
                title=change.title,
                organization=change.organization,
                date=notices.date_before(change.verb_start),
                status=change.status,
                former_title=former_title,
                former_organization=former_organization,
            )
            reader.sink.add(
                change.rtype,
                person_id,
                change.target,
                evidence,
                change.confidence,
                **properties.model_dump(exclude_none=True),
            )
            if _holds(change):
                _emit_held(reader, person_id, change, evidence)


__all__ = ["Change", "NoticePatterns", "NoticeReader", "emit_appointments", "notice_patterns", "notice_spans"]
