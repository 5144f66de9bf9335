"""The prebuilt validation of action-server answers (bot/nlu/action_validation.py) accepts and refuses exactly
what Rasa's own does. Runs in the Rasa virtualenv (Python 3.10), where Rasa and its jsonschema live."""

from __future__ import annotations

import json
import subprocess

from bot.stack import RASA_VENV, ROOT, _env

CHECK = r"""
import json, sys
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
cases = json.loads(sys.argv[1])
action = RemoteAction("action_answer", None)

def outcome():
    out = []
    for case in cases:
        try:
            out.append(["ok", action._validate_action_result(case)])
        except ValidationError as exc:
            out.append(["refused", exc.message])
    return out

stock = outcome()
from bot.nlu.tokenizer import VietnameseTokenizer
VietnameseTokenizer(VietnameseTokenizer.get_default_config())  # loading the model installs the validator
installed = RemoteAction._validate_action_result.__module__
print(json.dumps({"stock": stock, "prebuilt": outcome(), "module": installed}))
"""

CASES = [
    {"events": [{"event": "slot", "name": "procedure_code", "value": "2.000620"}], "responses": [{"text": "Giấy tờ"}]},
    {"events": [], "responses": [{"text": "x", "buttons": [{"title": "a", "payload": "/b"}]}]},
    {},
    {"events": [{"event": "slot"}]},  # no name: refused
    {"events": "not a list"},
    {"events": [{"event": 5}]},
    {"responses": "x"},
]


def test_prebuilt_validator_decides_like_rasa():
    run = subprocess.run(
        [str(RASA_VENV / "bin" / "python"), "-c", CHECK, json.dumps(CASES)],
        cwd=ROOT, env=_env({}), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["module"] == "bot.nlu.action_validation"
    assert result["prebuilt"] == result["stock"]
    assert [kind for kind, _ in result["stock"]] == ["ok", "ok", "ok", "refused", "refused", "refused", "refused"]
    assert all("Failed to validate Action server response" in msg for kind, msg in result["prebuilt"] if kind != "ok")
