import json
import shutil
from pathlib import Path

import yaml

from bot.catalog.files import DEFAULT_DIR, load_catalog
from bot.catalog.schema import FeeStatus, json_schema
from bot.catalog.stats import coverage
from bot.catalog.validate import SCHEMA_PATH
from bot.catalog.validate import main as validate_main

SAMPLE = sorted(DEFAULT_DIR.glob("*.yaml"))[0]


def _copy(tmp_path: Path, data: dict, name: str | None = None) -> Path:
    target = tmp_path / (name or f"{data['code']}.yaml")
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def _sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def test_repository_catalogue_is_valid_and_cites_sources():
    report = load_catalog()
    assert report.ok, report.errors
    assert len(report.procedures) >= 25
    for proc in report.procedures:
        assert proc.source.title and proc.source.accessed
        assert proc.source.url and proc.source.url.startswith("https://")
        if proc.fees.status == FeeStatus.known.value:
            assert all(f.amount_vnd or f.text for f in proc.fees.items)


def test_validator_command_passes_on_repository(capsys):
    assert validate_main([]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert stats["procedures"] == len(load_catalog().procedures)


def test_exported_json_schema_is_up_to_date():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()


def test_schema_error_is_reported(tmp_path):
    data = _sample()
    data["processing_time"] = {"status": "known"}  # known but neither days nor wording
    _copy(tmp_path, data)
    report = load_catalog(tmp_path)
    assert not report.ok
    assert any("processing_time" in e for e in report.errors)
    assert validate_main([str(tmp_path)]) == 1


def test_duplicate_code_is_reported(tmp_path):
    data = _sample()
    _copy(tmp_path, data)
    _copy(tmp_path, data, name="copy.yaml")
    errors = load_catalog(tmp_path).errors
    assert any("duplicate code" in e for e in errors)
    assert any("file name must be the procedure code" in e for e in errors)


def test_missing_source_is_reported(tmp_path):
    data = _sample()
    del data["source"]
    _copy(tmp_path, data)
    assert any("source" in e and "Field required" in e for e in load_catalog(tmp_path).errors)


def test_placeholder_source_title_is_reported(tmp_path):
    data = _sample()
    data["source"]["title"] = "Trang thủ tục trên cổng dịch vụ công None"
    _copy(tmp_path, data)
    assert any("placeholder" in e for e in load_catalog(tmp_path).errors)


def test_unknown_field_value_and_unknown_key_are_reported(tmp_path):
    data = _sample()
    data["online_level"] = "mức độ 4"
    data["levels"] = ["quận"]
    data["field"] = "Thể thao"
    data["nickname"] = "x"
    _copy(tmp_path, data)
    errors = "\n".join(load_catalog(tmp_path).errors)
    for key in ("online_level", "levels.0", "field", "nickname"):
        assert key in errors


def test_fee_known_without_items_is_rejected(tmp_path):
    data = _sample()
    data["fees"] = {"status": "known", "items": []}
    _copy(tmp_path, data)
    assert any("fees" in e for e in load_catalog(tmp_path).errors)


def test_unknown_fee_is_never_free(tmp_path):
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    procs = load_catalog(tmp_path).procedures
    stats = coverage(procs)
    assert stats["procedures"] == 1
    for proc in load_catalog().procedures:
        if proc.fees.status == FeeStatus.unknown.value:
            assert not proc.fees.items
