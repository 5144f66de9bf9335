"""Complaint status vocabulary, Vietnamese labels and the transitions staff may make."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    received = "received"
    processing = "processing"
    answered = "answered"
    closed = "closed"


LABELS: dict[Status, str] = {
    Status.received: "Đã tiếp nhận",
    Status.processing: "Đang xử lý",
    Status.answered: "Đã trả lời",
    Status.closed: "Đã đóng",
}

EXPLANATIONS: dict[Status, str] = {
    Status.received: "Sở đã tiếp nhận và sẽ chuyển tới bộ phận phụ trách để xem xét.",
    Status.processing: "Bộ phận phụ trách của Sở đang xem xét, xử lý.",
    Status.answered: "Sở đã trả lời phản ánh, kiến nghị này.",
    Status.closed: "Phản ánh, kiến nghị đã được xử lý xong và đóng lại.",
}

# "answered" is reached only through an answer (which stores the text, from any status but closed);
# a closed complaint may be reopened for processing.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.received: frozenset({Status.processing, Status.closed}),
    Status.processing: frozenset({Status.closed}),
    Status.answered: frozenset({Status.processing, Status.closed}),
    Status.closed: frozenset({Status.processing}),
}


def label(status: str) -> str:
    return LABELS[Status(status)]


def can_move(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]


def can_answer(current: str) -> bool:
    return Status(current) is not Status.closed
