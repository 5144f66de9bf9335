"""The shared identifiers (bot.identifiers): one definition, and the places that used to differ pinned to it.

Runs in both virtualenvs: standard library and PyYAML only.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bot import identifiers as ids
from bot.text.abbreviations import fold_expanded

ROOT = Path(__file__).resolve().parents[2]

# every official form of a one-stop dossier code, as printed and as pasted
OFFICIAL_DOSSIER_CODES = {
    "000.00.18.H12-250412-0007": "000.00.18.H12-250412-0007",  # canonical
    "000.00.18.h12-250412-0007": "000.00.18.H12-250412-0007",  # lower case
    "000.00.18.H12 - 250412 - 0007": "000.00.18.H12-250412-0007",  # spaced
    "000.00.22.A05-251103-0147": "000.00.22.A05-251103-0147",  # another agency letter
    "H05.22-251103-0147": "000.00.22.H05-251103-0147",  # short, letter first (as some receipts print it)
    "22.H05-251103-0147": "000.00.22.H05-251103-0147",  # short, unit first
}


def test_time_zone_is_vietnam_without_daylight_saving() -> None:
    assert ids.VIETNAM_TZ.utcoffset(None) == dt.timedelta(hours=7)
    assert dt.datetime(2026, 12, 31, 17, tzinfo=dt.timezone.utc).astimezone(ids.VIETNAM_TZ).year == 2027


def test_channels() -> None:
    assert ids.CHAT_CHANNELS == ("web", "telegram", "zalo")
    assert set(ids.CHAT_CHANNELS) < set(ids.COMPLAINT_CHANNELS)
    assert {"rest", "hotline"} <= set(ids.COMPLAINT_CHANNELS)


def test_sender_ids() -> None:
    assert ids.parse_rasa_sender_id(ids.rasa_sender_id("telegram", "12345")) == ("telegram", "12345")
    assert ids.parse_rasa_sender_id("hotline:lan") is None and ids.parse_rasa_sender_id("sms-1") is None
    longest = ids.rasa_sender_id("telegram", "x" * 128)  # any id the hub makes is a valid Rasa sender id
    assert re.match(ids.SENDER_PATTERN, "x" * 128) and re.match(ids.RASA_SENDER_PATTERN, longest)
    assert re.match(ids.RASA_SENDER_PATTERN, "hotline:lan")  # the staff desk's sender
    for bad in ("", "a b", "x" * 129, "ab\n"):
        assert not re.fullmatch(ids.SENDER_PATTERN, bad), bad


@pytest.mark.parametrize("code", ["1.000425", "2.000620", "9.999999"])
def test_procedure_codes(code: str) -> None:
    assert re.match(ids.PROCEDURE_CODE_PATTERN, code)


@pytest.mark.parametrize("code", ["0.000425", "2.00062", "2.0006200", "২.০০০৬২০", " 2.000620"])
def test_not_procedure_codes(code: str) -> None:
    assert not re.match(ids.PROCEDURE_CODE_PATTERN, code)


def test_catalogue_codes_are_procedure_codes() -> None:
    codes = re.findall(
        r"^code:\s*['\"]?([^'\"\s]+)",
        "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "procedures_catalog").rglob("*.yaml")),
        re.MULTILINE,
    )
    assert codes and all(re.match(ids.PROCEDURE_CODE_PATTERN, c) for c in codes)


@pytest.mark.parametrize("written", sorted(OFFICIAL_DOSSIER_CODES))
def test_every_official_dossier_code_form_is_seen(written: str) -> None:
    mention = re.compile(ids.DOSSIER_CODE_MENTION, re.IGNORECASE)
    for text in (written, f"tra cứu giúp hồ sơ {written} đến đâu rồi", fold_expanded(f"hồ sơ {written} sao rồi")):
        assert mention.search(text), text
    assert re.match(ids.DOSSIER_REFERENCE_PATTERN, written.upper().replace(" ", ""))
    assert re.match(ids.DOSSIER_CODE_PATTERN, OFFICIAL_DOSSIER_CODES[written])


@pytest.mark.parametrize(
    "text", ["gọi 0912345678 giúp", "năm 2026 nộp 3 bộ", "mã thủ tục 2.000620", "pakn-2026-000123"]
)
def test_no_dossier_code_seen(text: str) -> None:
    assert not re.search(ids.DOSSIER_CODE_MENTION, fold_expanded(text), re.IGNORECASE)


def test_pasted_dossier_codes_with_slips_are_seen() -> None:
    for text in ("tra cứu giúp 000.00.18.h12 - 261028 - 0002", "hồ sơ 000.00.18.H12-26110-30015 đến đâu rồi"):
        assert re.search(ids.DOSSIER_CODE_MENTION, fold_expanded(text), re.IGNORECASE), text


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("PAKN-2026-000123", "PAKN-2026-000123"),
        ("pakn 2026 000123", "PAKN-2026-000123"),
        (" Pakn_2026_123 ", "PAKN-2026-000123"),
        ("pakn-2026/000123", "PAKN-2026-000123"),
        ("PAKN2026000123", "PAKN-2026-000123"),
        ("PAKN-2026-1000000", "PAKN-2026-1000000"),  # the sequence grows past 6 digits: never cut short
        ("PAKN-2026-000000", None),
        ("PAKN-1999-000001", None),
        ("PAKN-2026", None),
    ],
)
def test_complaint_codes(typed: str, code: str | None) -> None:
    assert ids.parse_complaint_code(typed) == code
    found = re.search(ids.COMPLAINT_CODE_MENTION, f"mã {typed} xử lý tới đâu rồi", re.IGNORECASE)
    assert (ids.parse_complaint_code(found.group(0)) if found else None) == code
    if code:
        assert re.match(ids.COMPLAINT_CODE_PATTERN, code)
        assert ids.format_complaint_code(int(code[5:9]), int(code[10:])) == code


def test_intents_are_the_domains() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(ids.INTENTS) == set(domain["intents"])
    assert len(ids.INTENTS) == len(set(ids.INTENTS))
    assert ids.PART_INTENTS[0] == ids.ASK_PROCEDURE


def test_question_cues_cover_the_part_intents() -> None:
    cues = yaml.safe_load((ROOT / "bot/nlu/cues.yaml").read_text(encoding="utf-8"))
    assert set(cues["PART_CUES"]["groups"]) | {ids.ASK_PROCEDURE} == set(ids.PART_INTENTS)
