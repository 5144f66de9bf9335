"""Telegram gateway (python-telegram-bot 22): relays Telegram chats to the backend's chat hub and back.

Run with `python -m bot.channels.telegram` (polling for development, webhook for production; see README).
"""
