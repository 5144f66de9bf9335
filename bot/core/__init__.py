"""Helpers every part may use (time, ...): they know no use case, no web layer."""
