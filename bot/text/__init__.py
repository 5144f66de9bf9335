"""Vietnamese text handling shared by the backend and the Rasa NLU components."""

from bot.text.abbreviations import expand_abbreviations, fold_expanded
from bot.text.normalize import canonical, fold, nfc, strip_diacritics

__all__ = ["canonical", "expand_abbreviations", "fold", "fold_expanded", "nfc", "strip_diacritics"]
