"""Exporting the catalogue keeps the files' format: an unchanged catalogue leaves every file byte-identical, and
an edit changes only the edited fields' lines of that one file."""

from __future__ import annotations

import difflib

import pytest

from bot.catalog.file_text import file_text
from bot.catalog.files import DEFAULT_DIR, dump_procedure, read_procedure
from tests.staff.conftest import StaffEnv, logged_in, make_staff_env

CODE = "2.000620"


@pytest.fixture(scope="module")
def env(tmp_path_factory, catalog) -> StaffEnv:
    return make_staff_env(tmp_path_factory.mktemp("export"), catalog)


def _files(env: StaffEnv) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(env.catalog_dir.glob("*.yaml"))}


def test_the_repository_files_are_not_all_in_the_dump_format():
    """The reason for the rule: a plain re-dump would rewrite many files whose content is the same."""
    rewrapped = [p for p in DEFAULT_DIR.glob("*.yaml") if dump_procedure(read_procedure(p)) != p.read_text("utf-8")]
    assert rewrapped, "every file is in dump format now: the export rule is still right, this premise is gone"


def test_exporting_an_unchanged_catalogue_leaves_every_file_byte_identical(env):
    repository = {p.name: p.read_bytes() for p in sorted(DEFAULT_DIR.glob("*.yaml"))}
    assert _files(env) == repository
    rc = logged_in(env.app, "editor")
    exported = rc.client.post("/staff/api/catalog/export", headers={"X-CSRF-Token": rc.csrf})
    assert exported.status_code == 200, exported.text
    assert exported.json()["written"] == []
    assert exported.json()["unchanged"] == len(repository)
    assert _files(env) == repository


def test_an_edit_changes_only_its_own_lines_of_its_own_file(env):
    rc = logged_in(env.app, "editor")
    h = {"X-CSRF-Token": rc.csrf}
    before = _files(env)
    data = rc.client.get(f"/staff/api/procedures/{CODE}").json()["procedure"]
    old_amount = data["fees"]["items"][0]["amount_vnd"]
    data["fees"]["items"][0]["amount_vnd"] = old_amount + 100_000
    assert rc.client.put(f"/staff/api/procedures/{CODE}", json={"procedure": data}, headers=h).status_code == 200
    exported = rc.client.post("/staff/api/catalog/export", headers=h).json()
    assert exported["written"] == [CODE]
    after = _files(env)
    assert {name for name in after if after[name] != before[name]} == {f"{CODE}.yaml"}
    old, new = before[f"{CODE}.yaml"].decode(), after[f"{CODE}.yaml"].decode()
    changed = [
        (line[0], line[2:].strip()) for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"
    ]
    assert changed == [("-", f"amount_vnd: {old_amount}"), ("+", f"amount_vnd: {old_amount + 100_000}")]
    assert read_procedure(env.catalog_dir / f"{CODE}.yaml").fees.items[0].amount_vnd == old_amount + 100_000


def test_file_text_keeps_unchanged_fields_of_a_file_in_another_width():
    files = sorted(DEFAULT_DIR.glob("*.yaml"))
    path = next(p for p in files if dump_procedure(read_procedure(p)) != p.read_text("utf-8"))
    text = path.read_text("utf-8")
    proc = read_procedure(path)
    assert file_text(proc, text) == text
    edited = proc.model_copy(update={"result": "Giấy chứng nhận (bản sửa thử)"})
    out = file_text(edited, text)
    diff = [line for line in difflib.ndiff(text.splitlines(), out.splitlines()) if line[:1] in "+-"]
    assert all(line[2:].startswith("result:") or line[2:].startswith("  ") for line in diff), diff
    assert sum(1 for line in diff if line.startswith("+")) <= 2
    assert file_text(edited, None) == dump_procedure(edited)
