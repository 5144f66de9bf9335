"""`python -m bot.catalog.validate [DIR]`: exit 1 on any schema error, duplicate code or missing source."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bot.catalog.files import DEFAULT_DIR, load_catalog
from bot.catalog.province import load_sector_list
from bot.catalog.report import build_report, render
from bot.catalog.schema import json_schema
from bot.catalog.stats import coverage
from bot.settings import Settings

SCHEMA_PATH = DEFAULT_DIR.parent / "procedure.schema.json"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    directory = Path(paths[0]) if paths else DEFAULT_DIR
    report = load_catalog(directory)
    for err in report.errors:
        print(f"ERROR {err}")
    stats = coverage(report.procedures)
    print(json.dumps(stats, ensure_ascii=False))
    if "--report" in args or os.environ.get("SCT_CATALOG_REPORT"):
        settings = Settings()
        print(
            render(
                build_report(report.procedures, settings.province_name, load_sector_list(settings.province)),
                settings.province_name,
            )
        )
    if directory == DEFAULT_DIR:
        expected = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if not SCHEMA_PATH.exists() or SCHEMA_PATH.read_text(encoding="utf-8") != expected:
            print(f"ERROR {SCHEMA_PATH.name} is out of date: run `python -m bot.catalog.export_schema`")
            return 1
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
