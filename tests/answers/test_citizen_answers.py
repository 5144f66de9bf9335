"""Every part of every catalogued procedure, as a citizen of the configured province reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.answers.compose import MAX_REPLY_CHARS, Locale, Part, answer
from bot.catalog.province import PROVINCE_NAMES, load_profile
from bot.catalog.schema import province_key
from bot.settings import Settings

# where a fact was read belongs to staff: repositories, files, searches, research notes
PROVENANCE = re.compile(
    r"github|gitlab|/blob/|\.jsonl?\b|\.csv\b|\.md\b|\.py\b|kho (mã|dữ liệu|GitHub)|repository"
    r"|3-hWnG|diepxuan|hongdienvbhp"
    r"|bản thu thập|bản crawl|văn bản gốc chưa|chưa đối chiếu|chưa đọc|đoạn trang|trang .{0,20}đã đọc|find_string"
    r"|read_file|search corpus|Database/|data/source",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def locale() -> Locale:
    settings = Settings(environment="test")
    profile = load_profile(settings.province)
    return Locale(department=profile.department, province=profile)


def _pages(proc, part, locale):
    page, replies = 1, []
    while True:
        reply = answer(proc, part, locale, page=page)
        replies.append(reply)
        if not any(b.title.startswith("Xem tiếp") for b in reply.buttons) or page > 20:
            return replies
        page += 1


def test_answers_name_no_other_province_no_provenance_and_fit_a_phone(catalog, locale):
    own = locale.province.short_name
    others = [name for name in PROVINCE_NAMES if name != own]
    problems: list[str] = []
    visible = [p for p in catalog if p.province is None or province_key(p.province) == province_key(own)]
    for proc in visible:
        for part in Part:
            for reply in _pages(proc, part, locale):
                text = reply.text
                for name in others:
                    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                        problems.append(f"{proc.code} {part.value}: names {name}")
                if PROVENANCE.search(text):
                    problems.append(f"{proc.code} {part.value}: provenance «{PROVENANCE.search(text).group(0)}»")
                footer = text.rsplit("\n\n", 1)[-1]
                if len(footer.splitlines()) > 2 or not footer.startswith(("Căn cứ:", "Tra cứu:")):
                    problems.append(f"{proc.code} {part.value}: source line «{footer[:80]}»")
                if len(text) > MAX_REPLY_CHARS:
                    problems.append(f"{proc.code} {part.value}: {len(text)} characters")
    assert not problems, "\n".join(problems[:40]) + f"\n... {len(problems)} in all"


def test_the_configured_province_is_the_one_the_bot_speaks_for(locale):
    settings = Settings(environment="test")
    assert settings.province_name == locale.province.name
    assert locale.department.endswith(locale.province.name)


def test_greeting_demo_page_and_readme_name_the_configured_province(locale):
    root = Path(__file__).resolve().parents[2]
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8"))
    greeting = domain["responses"]["utter_greet"][0]["text"]
    assert locale.province.name in greeting
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert locale.province.name in readme
    others = [n for n in PROVINCE_NAMES if n != locale.province.short_name]
    assert not [n for n in others if f"Sở Công Thương tỉnh {n}" in readme or f"Sở Công Thương {n}" in readme]
