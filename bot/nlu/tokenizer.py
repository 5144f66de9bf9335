"""Vietnamese tokenizer for Rasa 3: underthesea word segmentation, normalised token text, original offsets.

Each token's text is folded (no diacritics, lower case) with abbreviations expanded, so "gp bán lẻ rượu",
"giấy phép ban le ruou" and "Giấy phép bán lẻ rượu" give the same features; its start/end point into the
message as typed, so entity spans stay aligned.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.action_validation import install as install_action_validation
from bot.text.abbreviations import fold_expanded
from bot.text.tokenize import split_at, tokenize


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class VietnameseTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        install_action_validation()  # loading the model: a Rasa server is starting (see that module)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        words = tokenize(text)
        entities = message.get("entities") or []
        if entities and attribute == "text":
            words = split_at(text, words, {e["start"] for e in entities} | {e["end"] for e in entities})
        tokens: list[Token] = []
        for word in words:
            norm = fold_expanded(word.text) or word.text.lower()
            tokens.append(Token(norm, word.start, word.end))
        return self._apply_token_pattern(tokens)
