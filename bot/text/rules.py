"""Rules as data: the hand-written patterns live in YAML tables next to the code that uses them.

A file maps table names to tables. A table has an `about` line and either `rules` (a list) or `groups` (name ->
list of rules, or name -> mapping with `rules` and other values, such as an `answer`). A rule is a regex (`rx`)
or a literal `phrase`, with an optional `to` (its replacement or value) and `against` (words that count
against it); every rule says `why` in one line and gives an `example` (a text or a list) it must fire on, and
optionally `not` texts it must not fire on (tests/text/test_rules.py checks them all).

Regex rules are whole-word alternatives (`wrap: words`, the default) or, in a table of one rule, a regex taken
as it is (`wrap: none`). Standard library and PyYAML only: the Rasa virtualenv imports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

# Every rules file, relative to the bot package: the modules read their own, the test and the counts read all.
FILES = ("nlu/cues.yaml", "search/vocabulary.yaml", "text/scope.yaml")
_PACKAGE = Path(__file__).resolve().parent.parent
_RULE_KEYS = frozenset({"rx", "phrase", "to", "against", "why", "example", "not"})
_TABLE_KEYS = frozenset({"about", "rules", "groups", "wrap", "ignore_case"})


def whole_words(patterns: list[str]) -> re.Pattern[str]:
    """One regex matching any of the patterns as whole words of folded text."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])")


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Rule:
    """One pattern (a regex or a literal phrase), why it exists and the texts it must and must not fire on."""

    pattern: str
    literal: bool
    why: str
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()
    to: str | None = None
    against: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Table:
    """The rules of one table, in file order, and what its groups carry besides rules."""

    name: str
    about: str
    rules: tuple[Rule, ...]
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    wrap: str = "words"
    ignore_case: bool = False

    def select(self, group: str | None = None) -> list[Rule]:
        """The rules, or those of one group."""
        return [r for r in self.rules if group is None or r.group == group]

    def phrases(self, group: str | None = None) -> tuple[str, ...]:
        return tuple(r.pattern for r in self.select(group))

    def mapping(self, group: str | None = None) -> dict[str, str]:
        """Phrase -> `to`, in file order."""
        return {r.pattern: r.to for r in self.select(group) if r.to is not None}

    def regex(self, group: str | None = None) -> re.Pattern[str]:
        """The rules (of one group) compiled into one regex."""
        patterns = [r.pattern for r in self.select(group)]
        if self.wrap == "none":
            if len(patterns) != 1:
                raise ValueError(f"{self.name}: a table with wrap: none holds one rule")
            return re.compile(patterns[0], re.IGNORECASE if self.ignore_case else 0)
        return whole_words(patterns)

    def compile(self, rule: Rule) -> re.Pattern[str]:
        """One rule alone, wrapped as in `regex`."""
        if self.wrap == "none":
            return re.compile(rule.pattern, re.IGNORECASE if self.ignore_case else 0)
        return whole_words([rule.pattern])

    def regexes(self) -> dict[str, re.Pattern[str]]:
        """Group -> its compiled rules, in file order."""
        return {group: self.regex(group) for group in self.groups}


def _rule(table: str, raw: dict[str, Any], group: str | None) -> Rule:
    where = f"{table}{'/' + group if group else ''}: {raw!r:.80}"
    if not isinstance(raw, dict) or set(raw) - _RULE_KEYS:
        raise ValueError(f"{where}: unknown keys {set(raw) - _RULE_KEYS if isinstance(raw, dict) else ''}")
    if ("rx" in raw) == ("phrase" in raw):
        raise ValueError(f"{where}: a rule has either rx or phrase")
    if not raw.get("why") or not _texts(raw.get("example")):
        raise ValueError(f"{where}: a rule needs a why and an example")
    to = raw.get("to")
    return Rule(
        pattern=str(raw["rx"] if "rx" in raw else raw["phrase"]),
        literal="phrase" in raw,
        why=raw["why"],
        examples=_texts(raw["example"]),
        not_examples=_texts(raw.get("not")),
        to=None if to is None else str(to),
        against=_texts(raw.get("against")),
        group=group,
    )


def _table(name: str, raw: dict[str, Any]) -> Table:
    if set(raw) - _TABLE_KEYS or ("rules" in raw) == ("groups" in raw):
        raise ValueError(f"{name}: a table has an about and either rules or groups")
    rules = [_rule(name, r, None) for r in raw.get("rules", ())]
    groups: dict[str, dict[str, Any]] = {}
    for group, value in (raw.get("groups") or {}).items():
        listed = value if isinstance(value, list) else value["rules"]
        groups[group] = {} if isinstance(value, list) else {k: v for k, v in value.items() if k != "rules"}
        rules.extend(_rule(name, r, group) for r in listed)
    wrap, ignore_case = raw.get("wrap", "words"), bool(raw.get("ignore_case", False))
    return Table(name, raw.get("about", ""), tuple(rules), groups, wrap, ignore_case)


@cache
def load(path: Path) -> dict[str, Table]:
    """The tables of a YAML rules file, by name."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    return {name: _table(name, raw) for name, raw in data.items()}


def tables_next_to(module_file: str, name: str) -> dict[str, Table]:
    """The tables of the rules file `name` in the folder of a module (`__file__`)."""
    return load(Path(module_file).resolve().with_name(name))


def all_tables() -> dict[str, dict[str, Table]]:
    """Every rules file (as listed in FILES) -> its tables."""
    return {name: load(_PACKAGE / name) for name in FILES}


def main() -> None:
    """Print the number of rules per table (python -m bot.text.rules)."""
    total = 0
    for name, tables in all_tables().items():
        for table in tables.values():
            print(f"{name:24} {table.name:28} {len(table.rules):4}")
            total += len(table.rules)
    print(f"{'':24} {'all':28} {total:4}")


if __name__ == "__main__":
    main()
