"""Rasa custom actions: thin HTTP clients of the backend API (no business logic here)."""
