"""The reviewed list of procedures other bodies handle (procedures_catalog/elsewhere.yaml), held against the catalogue.

Each entry must win for its name or an alias (else it is dead weight), and no catalogue procedure may lose its own
name or an alias to an entry (else the bot would send a citizen elsewhere for a procedure the Sở handles).
"""

from __future__ import annotations

import pytest

from bot.search.elsewhere import DEFAULT_FILE, ElsewhereIndex, load_entries
from bot.search.resolver import ProcedureIndex


@pytest.fixture(scope="module")
def indexes(catalog):
    active = [p for p in catalog if p.status == "active"]
    return active, ProcedureIndex(active), ElsewhereIndex(load_entries(DEFAULT_FILE), active)


def test_the_list_is_there_and_each_entry_cites_a_source(indexes):
    _, _, elsewhere = indexes
    entries = list(elsewhere.entries.values())
    assert len(entries) >= 40
    assert all(e.source.title.strip() for e in entries)
    assert {e.kind for e in entries} == {"ministry", "other_agency"}


def test_no_entry_is_a_procedure_we_hold(catalog, indexes):
    _, _, elsewhere = indexes
    held_codes = {p.code for p in catalog}
    clash = [e.code for e in elsewhere.entries.values() if e.code in held_codes]
    assert not clash, f"in the catalogue already: {clash}"


def test_each_entry_is_recognised_by_its_name_or_an_alias(indexes):
    _, _, elsewhere = indexes
    lost = [e.name for e in elsewhere.entries.values() if not any(elsewhere.match(p) for p in [e.name, *e.aliases])]
    assert not lost, f"never recognised: {lost}"


def test_no_catalogue_procedure_loses_its_name_or_an_alias(indexes):
    active, _, elsewhere = indexes
    lost = []
    for proc in active:
        for phrase in [proc.name, *proc.aliases]:
            found = elsewhere.match(phrase)
            if found is not None:
                lost.append(f"{proc.code} {phrase!r} -> {found.entry.name!r}")
    assert not lost, "\n".join(lost)
