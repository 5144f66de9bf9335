"""Rasa NLU components. Imported by the Rasa virtualenv (Python 3.10): depends only on rasa, underthesea
and bot.text (standard library and PyYAML)."""
