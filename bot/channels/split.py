"""Split a long reply into messages a chat platform accepts, on line boundaries where possible."""

from __future__ import annotations

TELEGRAM_LIMIT = 4096  # Telegram counts UTF-16 code units after entity parsing; we send plain text


def utf16_len(text: str) -> int:
    """Length as chat platforms count it: characters outside the BMP (emoji) count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _hard_split(line: str, limit: int) -> list[str]:
    pieces, current, size = [], [], 0
    for char in line:
        width = utf16_len(char)
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    if current:
        pieces.append("".join(current))
    return pieces


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Cut `text` into chunks of at most `limit` (UTF-16 units), keeping whole lines together.

    A line longer than the limit on its own is cut inside the line. Chunks holding only whitespace are
    dropped (platforms refuse empty messages), so an empty text gives no chunk at all.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        pieces = _hard_split(line, limit) if utf16_len(line) > limit else [line]
        for piece in pieces:
            width = utf16_len(piece)
            extra = width + (1 if current else 0)
            if current and size + extra > limit:
                chunks.append("\n".join(current))
                current, size, extra = [], 0, width
            current.append(piece)
            size += extra
    if current:
        chunks.append("\n".join(current))
    return [chunk for chunk in chunks if chunk.strip()]
