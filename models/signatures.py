"""Who signs a document, and under which authority line (Nghị định 30/2020, Phụ lục I)."""

from __future__ import annotations

from dataclasses import dataclass

from models.plan import Plan


@dataclass(frozen=True)
class SignatureBlock:
    """The bold upper-case authority lines, then (after the signature) the signer's name."""

    authority: tuple[str, ...]
    name: str


def for_the_chairman(plan: Plan) -> SignatureBlock:
    """A decision the chairman takes in his own right (a Giấy khen): 'CHỦ TỊCH' and his name,
    or 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' when the plan names a deputy as the one who signs."""
    signer = plan.signer
    if signer.acting_for:
        return SignatureBlock((signer.acting_for, signer.title), signer.name)
    chairman = plan.chairman.name if plan.chairman and plan.chairman.name else None
    return SignatureBlock(("CHỦ TỊCH",), chairman or signer.name)


def for_the_committee(plan: Plan) -> SignatureBlock:
    """A document of the People's Committee as a body: 'TM. ỦY BAN NHÂN DÂN' over the
    signer's title (with 'KT. CHỦ TỊCH' when a deputy signs)."""
    signer = plan.signer
    lines = tuple(line for line in (signer.on_behalf, signer.acting_for, signer.title) if line)
    return SignatureBlock(lines, signer.name)


def for_a_head(title: str, name: str | None) -> SignatureBlock:
    """An office's own paper (a Tờ trình): its head's title and name."""
    return SignatureBlock((title.upper(),), name or "")
