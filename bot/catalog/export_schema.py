"""Write procedures_catalog/procedure.schema.json from the pydantic model."""

from __future__ import annotations

import json

from bot.catalog.schema import json_schema
from bot.catalog.validate import SCHEMA_PATH


def main() -> int:
    SCHEMA_PATH.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
