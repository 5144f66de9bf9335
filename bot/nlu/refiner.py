"""Rasa 3 graph component: correct DIET's intent with the question cues of bot.nlu.cues.

Runs after DIETClassifier and before FallbackClassifier. When the cues point to another intent (or confirm an
unsure one), that intent goes to the top of the ranking with at least `confidence` (0.85 by default: above the
fallback threshold, below the 0.9 the complaint form needs to treat a message as a change of topic), so the
dialogue and the fallback behave as if DIET had said it. The reason is kept in the message for the logs.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.cues import DOUBT, decide, looks_like_mention


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentCueRefiner(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"confidence": 0.85}

    def __init__(self, config: dict[str, Any]) -> None:
        self.confidence = float(config.get("confidence", 0.85))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentCueRefiner:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._refine(message)
        return messages

    def _refine(self, message: Message) -> None:
        text = message.get("text") or ""
        intent = message.get("intent") or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
        if not text or text.startswith("/"):  # button payloads carry their intent
            return
        mentions = [
            e
            for e in message.get("entities") or []
            if e.get("entity") == "procedure_code"
            or (e.get("entity") == "procedure" and looks_like_mention(str(e.get("value") or "")))
        ]
        decision = decide(text, name, confidence, has_mention=bool(mentions))
        if decision is None:
            return
        if decision.intent == DOUBT:  # below the fallback threshold: the two-stage fallback answers
            message.set("intent", {"name": name, "confidence": min(confidence, 0.2)}, add_to_output=True)
            message.set("intent_cue", {"reason": decision.reason, "diet": name}, add_to_output=True)
            return
        previous = next((r for r in message.get("intent_ranking") or [] if r.get("name") == decision.intent), None)
        new_confidence = max(self.confidence, float(previous["confidence"]) if previous else 0.0)
        if decision.intent == name:
            new_confidence = max(new_confidence, confidence)
        # the others are capped at what is left, so the fallback's ambiguity check sees a clear winner
        ceiling = round(1.0 - new_confidence, 4)
        ranking = [
            {**r, "confidence": min(float(r.get("confidence") or 0.0), ceiling)}
            for r in message.get("intent_ranking") or []
            if r.get("name") != decision.intent
        ]
        top = {"name": decision.intent, "confidence": new_confidence}
        message.set("intent", top, add_to_output=True)
        message.set("intent_ranking", [top, *ranking], add_to_output=True)
        message.set("intent_cue", {"reason": decision.reason, "diet": name}, add_to_output=True)
