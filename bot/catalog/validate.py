"""`python -m bot.catalog.validate [DIR]`: exit 1 on any schema error, duplicate code or missing source."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.catalog.files import DEFAULT_DIR, load_catalog
from bot.catalog.schema import json_schema
from bot.catalog.stats import coverage

SCHEMA_PATH = DEFAULT_DIR.parent / "procedure.schema.json"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else DEFAULT_DIR
    report = load_catalog(directory)
    for err in report.errors:
        print(f"ERROR {err}")
    stats = coverage(report.procedures)
    print(json.dumps(stats, ensure_ascii=False))
    if directory == DEFAULT_DIR:
        expected = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if not SCHEMA_PATH.exists() or SCHEMA_PATH.read_text(encoding="utf-8") != expected:
            print(f"ERROR {SCHEMA_PATH.name} is out of date: run `python -m bot.catalog.export_schema`")
            return 1
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
