"""A refusal: input the rules do not accept, said in one Vietnamese line for the clerk."""

from __future__ import annotations


class Refused(Exception):
    """Input refused by a rule; the message is what the clerk reads, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
