"""A run's summary: what it did, in Markdown for the run's Artifacts tab, and its gist in one
line for the run's state message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from infra.links import markdown_link
from tasks.desk.sending import Sending, sending_lines, sending_warnings
from tasks.documents.inert_markdown import escape_markdown

GIST_CHARACTERS = 400  # a state message is read in a list; the artifact says the rest


@dataclass(frozen=True)
class RunSummary:
    """What one run did, as the clerk needs to hear it; every text in Vietnamese."""

    title: str  # one line: what was done, with the number it created
    lead: str = ""  # set: the state message says this first, then the warnings (no title)
    facts: Sequence[tuple[str, str]] = ()  # label, value
    notes: Sequence[str] = ()  # what is still missing, what happens next
    documents: Sequence[tuple[str, str]] = ()  # label, path of a file under the data folder
    sending: Sending | None = None  # None: the run sends nothing
    warnings: Sequence[str] = ()  # besides the sending's; shown first, and in the state
    problems: Sequence[str] = ()  # a refusal's reasons, every one
    extra: Sequence[str] = field(default_factory=tuple)  # Markdown the builder already made
    kept: bool = True  # False: the state message says it all, no artifact (an empty pass)

    @property
    def all_warnings(self) -> list[str]:
        """The builder's warnings, then the sending's (no channel, failures)."""
        return [*self.warnings, *(sending_warnings(self.sending) if self.sending else [])]


def gist(summary: RunSummary) -> str:
    """One line for the run's state: warnings first, then what was done; or, for a run whose
    outcome matters more than any warning (the council's decision), its lead first."""
    warnings = [f"⚠ {w}" for w in summary.all_warnings]
    line = " ".join([summary.lead, *warnings] if summary.lead else [*warnings, summary.title])
    return line if len(line) <= GIST_CHARACTERS else line[:GIST_CHARACTERS - 1] + "…"


def render(summary: RunSummary) -> str:
    """The summary as Markdown: title, warnings, facts, notes, documents, messages, refusals."""
    lines = [f"## {escape_markdown(summary.title)}", ""]
    for warning in summary.all_warnings:
        lines += [f"⚠ **{escape_markdown(warning)}**", ""]
    if summary.facts:
        lines += ["| Mục | Nội dung |", "|---|---|"]
        lines += [f"| {escape_markdown(k)} | {escape_markdown(v)} |" for k, v in summary.facts]
        lines.append("")
    if summary.problems:
        lines += [f"**Không thực hiện vì {len(summary.problems)} lỗi:**", ""]
        lines += [f"- {code_span(p)}" for p in summary.problems]
        lines.append("")
    lines += [f"- {escape_markdown(n)}" for n in summary.notes]
    if summary.notes:
        lines.append("")
    lines += list(summary.extra)
    if summary.documents:
        lines += ["### Văn bản", ""]
        lines += [f"- {escape_markdown(label)}: {markdown_link(path, Path(path).name)}"
                  for label, path in summary.documents]
        lines.append("")
    if summary.sending is not None:
        lines += ["### Tin nhắn", "", *sending_lines(summary.sending), ""]
    return "\n".join(lines).rstrip() + "\n"


def code_span(text: str) -> str:
    """A Markdown code span holding `text` as typed, even with backticks in it (CommonMark)."""
    flat = " ".join(text.splitlines())
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"
