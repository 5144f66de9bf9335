"""Train the "is it in the catalogue?" decision (bot/answers/absent_model.json) on the labelled working sets.

Every case of tests/nlu/*.yaml that names a held procedure (a code) or one the catalogue lacks ("absent") is a
training row. Before fitting on all of them, each set that has absent cases is left out in turn and predicted by
a model fitted on the others: that leave-one-set-out precision and recall is the honest figure printed (the
sealed sets, outside the repository, are the real test).

    .venv/bin/python scripts/train_absent.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answers.absent_model import MODEL_FILE, features, fit  # noqa: E402
from bot.catalog.files import load_catalog  # noqa: E402
from bot.identifiers import PART_INTENTS  # noqa: E402
from bot.search.elsewhere import default_index  # noqa: E402
from bot.search.resolver import ProcedureIndex  # noqa: E402

SETS = sorted((ROOT / "tests" / "nlu").glob("*.yaml"))
NOT_ABOUT_A_PROCEDURE = {"check_dossier_status", "file_complaint"}
ASKING = frozenset(PART_INTENTS)  # the questions about a procedure


def labelled_rows() -> list[tuple[str, list[float], int]]:
    procedures = [p for p in load_catalog().procedures if p.status == "active"]
    index = ProcedureIndex(procedures)
    elsewhere = default_index(index)
    held = {p.code for p in procedures}
    rows = []
    for path in SETS:
        for case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []:
            label = case.get("procedure")
            if case.get("intent") in NOT_ABOUT_A_PROCEDURE or (label is None and case.get("intent") not in ASKING):
                continue
            # null: a question naming no procedure or several ("giấy phép thuốc lá"): a list or a question back,
            # never "not in my list"
            label = str(label) if label is not None else None
            if label is not None and label != "absent" and label not in held:
                continue
            rows.append((path.name, features(index, elsewhere, case["text"]), int(label == "absent")))
    return rows


def leave_one_set_out(rows: list[tuple[str, list[float], int]]) -> Counter:
    counts: Counter = Counter()
    for name in sorted({s for s, _, y in rows if y}):
        model = fit([(x, y) for s, x, y in rows if s != name])
        for s, x, y in rows:
            if s == name:
                said = model.absent(x)
                counts["tp"] += said and y
                counts["fp"] += said and not y
                counts["fn"] += (not said) and y
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only print the leave-one-set-out figures")
    args = parser.parse_args(argv)
    rows = labelled_rows()
    c = leave_one_set_out(rows)
    recall = c["tp"] / max(1, c["tp"] + c["fn"])
    precision = c["tp"] / max(1, c["tp"] + c["fp"])
    print(
        f"{len(rows)} rows, {sum(y for _, _, y in rows)} absent; leave-one-set-out: "
        f"recall {recall:.1%}, precision {precision:.1%}"
    )
    if not args.check:
        model = fit([(x, y) for _, x, y in rows])
        MODEL_FILE.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
