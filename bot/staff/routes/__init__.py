"""Routers of the staff app: HTML pages and the JSON API."""
