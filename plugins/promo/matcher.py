"""Which elements of a page the loaded hiding rules match, without running every rule.

Each rule is filed under one key of its rightmost compound, the part the element itself must
match: its id, else its longest class, else an attribute (name and exact value, or name alone
behind a combined regex gate), else its tag. One walk over the page looks each element's id,
classes, attributes and tag up in those tables and fully tests only the rules found there. This
is how uBlock Origin and adblock-rust keep tens of thousands of cosmetic rules cheap.

`naive_matches` runs every rule against every element, for the equivalence test and the bench.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from masthead.sdk.prefilter import literal_trie

from .filters import FilterSet, Rule
from .selectors import AttrTest, Complex, parse

Entry = tuple[Rule, Complex | None]  # None: a bare `.class` or `#id`, fully tested by its key
Match = tuple[HtmlElement, Rule]
# One attribute's rules: those filed under it as an id, as class names, as an attribute.
_Keyed = tuple[list[Entry], list[Entry], list[Entry]]
_NO_RULES: list[Entry] = []  # shared: never appended to, only read
_NOTHING: _Keyed = (_NO_RULES, _NO_RULES, _NO_RULES)  # an attribute that is no rule's key


@dataclass
class _AttrBucket:
    """Rules keyed by an attribute name whose test is not a plain case-sensitive `=`.

    Two combined regexes gate the bucket: one anchored at the value's start (prefix tests,
    tried with `match`, so the value is not scanned), one for the rest (tried with `search`).
    A value neither accepts cannot satisfy any rule here.
    """

    entries: list[tuple[AttrTest, Entry]] = field(default_factory=list)
    anchored: re.Pattern[str] | None = None
    floating: re.Pattern[str] | None = None
    always: bool = False
    seen: dict[str, bool] = field(default_factory=dict)
    # The case-sensitive `^=` tests by literal, with their places in `entries`; the places of
    # all other tests; the prefix lengths to look up. Filled by `_index_prefixes`.
    prefixes: dict[str, list[int]] = field(default_factory=dict)
    others: list[int] = field(default_factory=list)
    lengths: tuple[int, ...] = ()

    def seal(self) -> None:
        self._index_prefixes()
        starts: list[str] = []
        anywhere: list[str] = []
        # Case-sensitive tests that begin with their literal value, by where they may match:
        # these go into one prefix tree each (`literal_trie`), the rest are plain alternatives.
        start_literals: list[tuple[str, str]] = []
        anywhere_literals: list[tuple[str, str]] = []
        for test, _ in self.entries:
            if not test.op:
                self.always = True
                return
            tail, at_start = _TAILS.get(test.op, (None, test.op in ("=", "^=", "|=")))
            if tail is not None and not test.ignore_case:
                (start_literals if at_start else anywhere_literals).append((test.value, tail))
                continue
            value = re.escape(test.value)
            piece = {
                "=": f"{value}\\Z",
                "^=": value,
                "|=": f"{value}(?:-|\\Z)",
                "$=": f"{value}\\Z",
                "*=": value,
                "~=": rf"(?:^|\s){value}(?:\s|$)",
            }[test.op]
            piece = f"(?i:{piece})" if test.ignore_case else piece
            (starts if at_start else anywhere).append(piece)
        self.anchored = _gate(start_literals, starts)
        self.floating = _gate(anywhere_literals, anywhere)

    def admits(self, value: str) -> bool:
        if self.always:
            return True
        known = self.seen.get(value)
        if known is None:
            known = self.gates(value)
            if len(self.seen) > 50_000:  # class strings repeat across pages; URLs do not
                self.seen.clear()
            self.seen[value] = known
        return known

    def gates(self, value: str) -> bool:
        """`admits`, not remembered: for a caller that keeps the answer itself."""
        return self.always or (
            (self.anchored is not None and self.anchored.match(value) is not None)
            or (self.floating is not None and self.floating.search(value) is not None)
        )

    def _index_prefixes(self) -> None:
        for place, (test, _) in enumerate(self.entries):
            if test.op == "^=" and test.value and not test.ignore_case:
                self.prefixes.setdefault(test.value, []).append(place)
            else:
                self.others.append(place)
        self.lengths = tuple(sorted({len(literal) for literal in self.prefixes}))

    def accepting(self, value: str) -> list[Entry]:
        """The rules here whose test `value` passes (none unless the gates admit it), in
        filing order. The hundreds of `[href^="https://…"]` tests are looked up by the
        value's prefixes, one per literal length, rather than each tried in turn."""
        if not self.gates(value):
            return _NO_RULES
        entries = self.entries
        places = [place for place in self.others if entries[place][0].test_value(value)]
        for length in self.lengths:
            if length > len(value):
                break
            found = self.prefixes.get(value[:length])
            if found:
                places += found
        return [entries[place][1] for place in sorted(places)]


# What must follow a test's literal value for the value to pass, by operator (`~=` needs white
# space before it too, so it is no plain literal).
_TAILS = {"=": ("\\Z", True), "^=": ("", True), "|=": ("(?:-|\\Z)", True)}
_TAILS |= {"$=": ("\\Z", False), "*=": ("", False)}


def _gate(literals: list[tuple[str, str]], others: list[str]) -> re.Pattern[str] | None:
    """One regex accepting exactly what any of the alternatives accepts.

    The literal alternatives are factored into a prefix tree (`ab|ac` → `a(?:b|c)`): hundreds
    of `[href^="https://…"]` tests made one alternative per rule, each re-reading the shared
    `https://` of every link; the tree reads each character of the value once per branch.
    """
    pieces = list(others)
    if literals:
        try:
            pieces.insert(0, literal_trie(literals))
            return re.compile("|".join(pieces))
        except RecursionError:  # a tree too deep for the regex compiler: one piece per rule
            pieces = [re.escape(value) + tail for value, tail in literals] + list(others)
    return re.compile("|".join(pieces)) if pieces else None


class RuleIndex:
    """Hiding rules filed by the id/class/attribute/tag of their rightmost compound."""

    def __init__(self, filters: FilterSet) -> None:
        self.filters = filters
        self.by_id: dict[str, list[Entry]] = defaultdict(list)
        self.by_class: dict[str, list[Entry]] = defaultdict(list)
        self.by_value: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self.by_attr: dict[str, _AttrBucket] = defaultdict(_AttrBucket)
        self.by_tag: dict[str, list[Entry]] = defaultdict(list)
        self.universal: list[Entry] = []
        self.by_context: dict[tuple[str, str, str], _AttrBucket] = defaultdict(_AttrBucket)
        for entry in filters.rules:
            rule, selectors = entry
            if selectors is None:  # the list's own (rule, None) pair, shared, not copied
                table = self.by_class if rule.text[0] == "." else self.by_id
                table[rule.text[1:]].append(entry)  # type: ignore[arg-type]
                continue
            for selector in selectors:
                self._file((rule, selector))
        for bucket in [*self.by_attr.values(), *self.by_context.values()]:
            bucket.seal()
        self.context_tags: dict[str, list[tuple[str, str, _AttrBucket]]] = defaultdict(list)
        for (tag, combinator, name), bucket in self.by_context.items():
            self.context_tags[tag].append((combinator, name, bucket))
        self.context_tags = dict(self.context_tags)
        # plain dicts: lookups of missing keys must not grow them
        self.by_id, self.by_class = dict(self.by_id), dict(self.by_class)
        self.by_value, self.by_tag = dict(self.by_value), dict(self.by_tag)
        self.by_attr = dict(self.by_attr)
        self.value_names = frozenset(name for name, _ in self.by_value)
        self.attr_names = frozenset(self.by_attr) | self.value_names
        # Every attribute name a rule can be filed under: any other attribute is skipped unread.
        self.key_names = self.attr_names | {"id", "class"}
        # `_keyed`'s answers, name → value → rules: a table per key name, none for the others.
        self._keyed_memo: dict[str, dict[str, _Keyed]] = {name: {} for name in self.key_names}
        self._keyed_count = 0
        self.keyed_tags = frozenset(self.by_tag) | frozenset(self.context_tags)

    def __len__(self) -> int:
        return sum(len(selectors or "x") for _, selectors in self.filters.rules)

    def _file(self, entry: Entry) -> None:
        assert entry[1] is not None, "bare keys are filed by their key, not here"
        subject = entry[1].subject
        if subject.ids:
            self.by_id[subject.ids[0]].append(entry)
        elif subject.classes:
            self.by_class[max(subject.classes, key=len)].append(entry)
        elif subject.attrs:
            exact = [a for a in subject.attrs if a.op == "=" and not a.ignore_case]
            if exact:
                self.by_value[(exact[0].name, exact[0].value)].append(entry)
            else:
                self.by_attr[subject.attrs[0].name].entries.append((subject.attrs[0], entry))
        elif subject.tag and not self._file_by_context(entry):
            self.by_tag[subject.tag].append(entry)
        elif not subject.tag:
            self.universal.append(entry)

    def _file_by_context(self, entry: Entry) -> bool:
        """`[href^="https://ads.example/"] > img`: a bare tag is a poor key (every image would
        be tested), so such rules are gated on the attribute their parent or ancestor needs."""
        selector = entry[1]
        assert selector is not None
        if len(selector.compounds) < 2 or selector.combinators[-1] not in (" ", ">"):
            return False
        left = selector.compounds[-2]
        tests = [a for a in left.attrs if a.op]
        if not tests:
            return False
        key = (selector.subject.tag or "", selector.combinators[-1], tests[0].name)
        self.by_context[key].entries.append((tests[0], entry))
        return True

    def candidates(self, el: HtmlElement) -> list[Entry]:
        """The rules filed under any key this element has.

        Built as a list rather than yielded: this runs for every element of every page, and
        resuming a generator per rule cost more than the lookups themselves.
        """
        found: list[Entry] = []
        items = el.items()
        if items:
            # id rules, then class rules, then attribute rules, in the element's attribute order
            by_id_rules: list[Entry] = []
            by_attr_rules: list[Entry] = []
            key_names = self.key_names
            for name, value in items:
                if name not in key_names:
                    continue
                id_rules, class_rules, attr_rules = self._keyed(name, value)
                if id_rules:
                    by_id_rules = id_rules
                found += class_rules
                by_attr_rules += attr_rules
            if by_id_rules:
                found[:0] = by_id_rules
            found += by_attr_rules
        tag = el.tag
        tagged = self.by_tag.get(tag)
        if tagged:
            found += tagged
        for combinator, name, bucket in self.context_tags.get(tag, ()):
            above = (el.getparent(),) if combinator == ">" else el.iterancestors()
            for node in above:
                value = None if node is None else node.get(name)
                if value is not None and bucket.admits(value):
                    found += [entry for _, entry in bucket.entries]
                    break
        found += self.universal
        return found

    def _keyed(self, name: str, value: str) -> _Keyed:
        """The rules one attribute is a key of: (id rules, class rules, attribute rules);
        `_NOTHING` for most attributes of most pages.

        It depends on the name and value alone, so each pair is worked out once (a page
        repeats its class strings hundreds of times); a bounded memo, as the gates keep."""
        memo = self._keyed_memo[name]
        keyed = memo.get(value)
        if keyed is not None:
            return keyed
        id_rules = class_rules = attr_rules = _NO_RULES
        if name == "class":
            class_rules = self._class_rules(value)
        elif name == "id":
            id_rules = self.by_id.get(value, _NO_RULES)
        if name in self.attr_names:
            attr_rules = self.by_value.get((name, value), _NO_RULES)
            bucket = self.by_attr.get(name)
            if bucket is not None:
                accepted = bucket.accepting(value)  # its gates unremembered: remembered here
                if accepted:
                    attr_rules = attr_rules + accepted
        keyed = (id_rules, class_rules, attr_rules)
        if not (id_rules or class_rules or attr_rules):
            keyed = _NOTHING
        if self._keyed_count > 50_000:
            for table in self._keyed_memo.values():  # emptied in place: callers hold them
                table.clear()
            self._keyed_count = 0
        memo[value] = keyed
        self._keyed_count += 1
        return keyed

    def _class_rules(self, classes: str) -> list[Entry]:
        """The rules filed under any of a class attribute's names, each name once, in order
        (remembered with the rest of the attribute's answer, in `_keyed`)."""
        by_class = self.by_class
        found: list[Entry] = []
        for name in dict.fromkeys(classes.split()):  # ordered: the same rule wins every run
            if name in by_class:
                found += by_class[name]
        return found

    def _keyed_elements(self, root: HtmlElement) -> list[HtmlElement]:
        """The elements, in document order, that `candidates` can find a rule for: one with a
        keyed tag or an attribute that is a key. Most elements of a page have neither, and
        this test costs a fraction of building their (empty) candidate lists."""
        if self.universal:
            return list(root.iter(etree.Element))
        keyed_tags, tables = self.keyed_tags, self._keyed_memo
        found = []
        for el in root.iter(etree.Element):  # elements only, comments skipped inside lxml
            if el.tag in keyed_tags:
                found.append(el)
                continue
            for name, value in el.items():
                # `_keyed`, its memo read here first: this runs for every attribute, and the
                # memo has a table for key names only, so one lookup also skips the others
                known = tables.get(name)
                if known is not None:
                    keyed = known.get(value) or self._keyed(name, value)
                    if keyed is not _NOTHING:
                        found.append(el)
                        break
        return found

    def matches(self, root: HtmlElement, host: str) -> list[Match]:
        """(element, rule) for every element a rule hides on this host, in document order."""
        found: list[Match] = []
        filters = self.filters
        for el in self._keyed_elements(root):
            entries = self.candidates(el)
            if not entries:
                continue
            seen: set[Rule] = set()
            for rule, selector in entries:
                if rule in seen or not rule.domains.applies(host):
                    continue
                if (selector is None or selector.test(el)) and not filters.excepted(
                    rule.text, host
                ):
                    seen.add(rule)
                    found.append((el, rule))
        return found


def naive_matches(filters: FilterSet, root: HtmlElement, host: str) -> list[Match]:
    """Every rule tested on every element: slow, obviously right, the index's reference."""
    found: list[Match] = []
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    hits: dict[HtmlElement, list[Rule]] = defaultdict(list)
    for rule, parsed in filters.rules:
        if not rule.domains.applies(host) or filters.excepted(rule.text, host):
            continue
        selectors = parsed or parse(rule.text)
        for el in elements:
            if any(selector.test(el) for selector in selectors):
                hits[el].append(rule)
    for el in elements:
        seen: set[Rule] = set()
        for rule in hits.get(el, ()):
            if rule not in seen:
                seen.add(rule)
                found.append((el, rule))
    return found
