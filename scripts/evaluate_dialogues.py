"""Evaluate whole conversations, turn by turn, through the chat hub every channel uses.

    make evaluate-dialogues CASES=tests/dialogues/working.yaml OUT=var/dialogues.jsonl
    .venv/bin/python scripts/evaluate_dialogues.py CASES OUT [--use-running BACKEND_URL --rasa RASA_URL]

Each dialogue is a new conversation: every turn is POSTed to /chat/messages (a `press` turn sends the payload of
the button whose title contains that text, from the bot's previous reply); Rasa's tracker then tells the intent,
the procedure the reply is about (the procedure slot set during this turn; null when none was) and the active form.
Writes one JSON line per turn and prints turn-level and dialogue-level accuracy (a dialogue counts only when every
turn is right), overall and per pattern.

Case file: `version: 1`, `dialogues: [{name, pattern, turns: [{text | press, intent, procedure}]}]`. `procedure` is
a code, null (no procedure, or the bot should ask which), or `absent` (the bot should say it does not hold it).
`intent: inform` is a form answer (a name, a phone number, a complaint's content): right when the form took it.
A turn the hub held for a person (status `handoff`, in office hours, after the citizen asked for one) counts as right:
the bot rightly stays silent while staff answer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.stack import Stack, StackConfig, train_model  # noqa: E402
from bot.text.normalize import fold  # noqa: E402
from scripts.evaluate import normalize_code, normalize_intent  # noqa: E402

ABSENT = "absent"
NOT_IN_LIST = "không có trong danh mục"
# the part a procedure answer gives, from its first mark: what the citizen got, whatever the NLU read alone
PART_MARKS = {
    "📌": "ask_procedure",
    "📄": "ask_documents",
    "💰": "ask_fee",
    "⏱": "ask_processing_time",
    "🌐": "ask_online",
    "🏢": "ask_where_submit",
    "⚖️": "ask_legal_basis",
    "✅": "ask_conditions",
}
FORM_SLOTS = ("complaint_content", "complaint_consent", "complaint_name", "complaint_contact", "complaint_confirmed")


def load_dialogues(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    dialogues = []
    for i, raw in enumerate(data.get("dialogues") or []):
        turns = []
        for turn in (raw or {}).get("turns") or []:
            if not isinstance(turn, dict) or not (isinstance(turn.get("text"), str) or turn.get("press")):
                continue
            procedure = turn.get("procedure")
            turns.append(
                {
                    "text": turn.get("text") if isinstance(turn.get("text"), str) else None,
                    "press": str(turn["press"]) if turn.get("press") else None,
                    "intent": str(turn.get("intent") or ""),
                    "procedure": ABSENT if str(procedure).strip().lower() == ABSENT else normalize_code(procedure),
                }
            )
        if turns:
            dialogues.append(
                {
                    "name": str(raw.get("name") or f"dialogue-{i}"),
                    "pattern": str(raw.get("pattern") or "unlabelled"),
                    "turns": turns,
                }
            )
    return dialogues


def _button(buttons: list[dict], press: str) -> dict | None:
    """The button the writer meant: the same title, else one starting with it, else one containing it."""
    want = fold(press)
    titles = [(fold(b.get("title") or ""), b) for b in buttons]
    for fits in (str.__eq__, str.startswith, str.__contains__):
        found = next((b for title, b in titles if fits(title, want)), None)
        if found is not None:
            return found
    return None


def _turn_events(tracker: dict) -> tuple[dict, list[dict]]:
    """The latest user event and the events after it (what the bot did for this turn)."""
    events = tracker.get("events") or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return (events[last_user] if last_user >= 0 else {}), events[last_user + 1 :]


class Player:
    def __init__(self, client: httpx.Client, backend: str, rasa: str, rasa_token: str | None) -> None:
        self.client, self.backend, self.rasa = client, backend.rstrip("/"), rasa.rstrip("/")
        self.params = {"token": rasa_token} if rasa_token else {}

    def tracker(self, sender: str) -> dict:
        res = self.client.get(f"{self.rasa}/conversations/web-{sender}/tracker", params=self.params)
        return res.json() if res.status_code == 200 else {}

    def play(self, dialogue: dict) -> list[dict]:
        sender = f"dlg{uuid.uuid4().hex[:12]}"
        rows, buttons = [], []
        for n, turn in enumerate(dialogue["turns"], 1):
            before = self.tracker(sender) if n > 1 else {}
            form_before = ((before.get("active_loop") or {}).get("name")) if before else None
            text = turn["text"] or ""
            if turn["press"]:
                button = _button(buttons, turn["press"])
                text = button["payload"] if button else turn["press"]  # no such button: typed, counted as typed
            start = time.perf_counter()
            status = "error"
            try:
                res = self.client.post(f"{self.backend}/chat/messages", json={"sender": sender, "text": text})
                body = res.json()
                messages, status = body.get("messages") or [], str(body.get("status") or "")
            except (httpx.HTTPError, ValueError) as exc:
                messages = [{"text": f"<error: {exc}>", "buttons": []}]
            latency = (time.perf_counter() - start) * 1000
            reply = "\n".join(m.get("text") or "" for m in messages)
            buttons = [b for m in messages for b in (m.get("buttons") or [])]
            tracker = self.tracker(sender)
            user, after = _turn_events(tracker)
            intent = (user.get("parse_data") or {}).get("intent") or {}
            set_slots = {e.get("name"): e.get("value") for e in after if e.get("event") == "slot"}
            code = set_slots.get("procedure_code")
            effective = intent.get("name")
            if code and reply:
                effective = next((v for k, v in PART_MARKS.items() if reply.lstrip().startswith(k)), effective)
            elif set_slots.get("topic") == "dossier" and effective not in ("check_dossier_status", "inform_digits"):
                effective = "check_dossier_status"  # a follow-up answered about the dossier being discussed
            rows.append(
                {
                    "dialogue": dialogue["name"],
                    "pattern": dialogue["pattern"],
                    "turn": n,
                    "text": turn["text"] if turn["text"] is not None else f"[press] {turn['press']}",
                    "expected_intent": turn["intent"],
                    "predicted_intent": intent.get("name"),
                    "intent_confidence": round(float(intent.get("confidence") or 0.0), 4),
                    "effective_intent": effective,
                    "expected_procedure": turn["procedure"],
                    "predicted_procedure_code": code,
                    "predicted_procedure_name": set_slots.get("procedure_name") if code else None,
                    "not_in_catalogue": NOT_IN_LIST in reply,
                    "form_before": form_before,
                    "form_took_it": any(s in set_slots for s in FORM_SLOTS),
                    "active_form": ((tracker.get("active_loop") or {}).get("name")) or None,
                    "reply": reply,
                    # held for the person the citizen asked for (office hours): the bot rightly stays silent
                    "held": status == "handoff" and any(r["expected_intent"] == "request_human" for r in rows),
                    "buttons": [b.get("title") for b in buttons],
                    "latency_ms": round(latency, 1),
                }
            )
        return rows


def judge(row: dict) -> dict:
    if row.get("held"):  # a person answers this turn, as the citizen asked earlier in the dialogue
        return {**row, "intent_ok": True, "procedure_ok": True, "ok": True}
    expected = normalize_intent(row["expected_intent"])
    if expected == "inform":
        intent_ok = bool(row["form_before"]) and row["form_took_it"]
    else:
        intent_ok = row["effective_intent"] == expected
    want = row["expected_procedure"]
    if want == ABSENT:
        proc_ok = row["predicted_procedure_code"] is None and (
            row["not_in_catalogue"] or row["predicted_intent"] == "out_of_scope"
        )
    else:
        proc_ok = row["predicted_procedure_code"] == want
    return {**row, "intent_ok": intent_ok, "procedure_ok": proc_ok, "ok": intent_ok and proc_ok}


def summarise(rows: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups["overall"].append(row)
        groups[row["pattern"]].append(row)
    out = {}
    for name, items in groups.items():
        by_dialogue: dict[str, bool] = {}
        for r in items:
            by_dialogue[r["dialogue"]] = by_dialogue.get(r["dialogue"], True) and r["ok"]
        out[name] = {
            "turns": len(items),
            "turn_acc": sum(r["ok"] for r in items) / len(items),
            "intent_acc": sum(r["intent_ok"] for r in items) / len(items),
            "procedure_acc": sum(r["procedure_ok"] for r in items) / len(items),
            "dialogues": len(by_dialogue),
            "dialogue_acc": sum(by_dialogue.values()) / len(by_dialogue),
        }
    return out


def print_table(summary: dict[str, dict]) -> None:
    print(f"{'pattern':<28}{'turns':>6}{'turn ok':>9}{'intent':>8}{'proc':>8}{'dialogs':>8}{'dlg ok':>8}")
    for name in ["overall", *sorted(k for k in summary if k != "overall")]:
        s = summary[name]
        print(
            f"{name:<28}{s['turns']:>6}{s['turn_acc']:>9.1%}{s['intent_acc']:>8.1%}{s['procedure_acc']:>8.1%}"
            f"{s['dialogues']:>8}{s['dialogue_acc']:>8.1%}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--use-running", metavar="BACKEND_URL", help="evaluate an already running stack")
    parser.add_argument("--rasa", metavar="RASA_URL", default="http://127.0.0.1:5005", help="with --use-running")
    parser.add_argument("--min-turn", type=float)
    parser.add_argument("--min-dialogue", type=float)
    args = parser.parse_args(argv)

    dialogues = load_dialogues(args.cases)
    if not dialogues:
        print(f"no dialogues in {args.cases}", file=sys.stderr)
        return 0
    stack = None
    token = os.environ.get("SCT_RASA_TOKEN") or None
    if args.use_running:
        backend, rasa = args.use_running, args.rasa
    else:
        spent = train_model()
        if spent:
            print(f"trained the model in {spent:.0f} s", flush=True)
        db = Path(tempfile.mkdtemp(prefix="sct-dialogues-")) / "eval.db"
        offset = int(os.environ.get("SCT_BENCH_PORT_OFFSET", "0"))
        stack = Stack(
            StackConfig(
                api_port=18100 + offset,
                action_port=15155 + offset,
                rasa_port=15105 + offset,
                # every dialogue of a set comes from this one address: the per-client limits (meant for one
                # citizen's device or account) would refuse the later dossier look-ups of the set
                env={
                    "SCT_DATABASE_URL": f"sqlite:///{db}",
                    "SCT_CHAT_MESSAGES_PER_MINUTE": "0",
                    "SCT_DOSSIER_CLIENT_LOOKUPS_PER_WINDOW": "100000",
                    "SCT_DOSSIER_CLIENT_MISSES_PER_WINDOW": "100000",
                    "SCT_DOSSIER_CLIENT_FAILED_VERIFICATIONS": "100000",
                },
            )
        )
        stack.start_services()
        backend, rasa = stack.config.api_url, stack.config.rasa_url
        token = stack.config.rasa_token
    try:
        with httpx.Client(timeout=30) as client:
            player = Player(client, backend, rasa, token)
            rows = [judge(row) for dialogue in dialogues for row in player.play(dialogue)]
    finally:
        if stack:
            stack.stop()

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    summary = summarise(rows)
    print_table(summary)
    print(f"wrote {len(rows)} lines to {args.out}")
    failures = []
    overall = summary["overall"]
    if args.min_turn is not None and overall["turn_acc"] < args.min_turn:
        failures.append(f"turn accuracy {overall['turn_acc']:.1%} < {args.min_turn:.0%}")
    if args.min_dialogue is not None and overall["dialogue_acc"] < args.min_dialogue:
        failures.append(f"dialogue accuracy {overall['dialogue_acc']:.1%} < {args.min_dialogue:.0%}")
    for failure in failures:
        print(f"GATE FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
