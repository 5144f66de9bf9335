"""Chat channels: the hub every channel goes through (web widget, Telegram, Zalo OA) and their adapters."""
