"""The office's bases file (can-cu.yaml): found like a template, read, and checked.

The shipped one is `tasks/documents/templates/can-cu.yaml`; `<data>/templates/can-cu.yaml`
replaces it for the deployment and `<data>/templates/<commune>/can-cu.yaml` for one commune.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from models.legal_bases import BasesRefused, LegalBasis, cited, parse_bases
from tasks.documents.templating import LEGAL_BASES, office_file

FILE = "can-cu.yaml"


def legal_bases(kind: str, day: date, data_dir: Path, commune: str | None = None) -> list[str]:
    """The bases a paper of this kind dated `day` cites, from the file in use for the commune;
    BasesRefused if that file is broken."""
    return cited(read_bases(office_file(FILE, data_dir, commune)), kind, day)


def read_bases(path: Path) -> list[LegalBasis]:
    """Every entry of one bases file, or BasesRefused naming the file and what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BasesRefused(f"{path}: không đọc được tệp căn cứ ({error.strerror})") from None
    except UnicodeDecodeError:
        raise BasesRefused(f"{path}: tệp căn cứ không phải văn bản UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" dòng {mark.line + 1}" if mark else ""
        what = getattr(error, "problem", None) or "không đúng cú pháp"
        raise BasesRefused(f"{path}:{where}: tệp căn cứ không đúng YAML ({what})") from None
    return parse_bases(data, str(path), citing_kinds())


def bases_problems(data_dir: Path, communes: list[str]) -> list[str]:
    """What is wrong with each bases file in use (the deployment's, each commune folder's)."""
    paths = {office_file(FILE, data_dir, None)} | {
        p for p in (data_dir / "templates" / c / FILE for c in communes) if p.is_file()}
    problems: list[str] = []
    for path in sorted(paths):
        try:
            read_bases(path)
        except BasesRefused as refused:
            problems += refused.reasons
    return problems


def citing_kinds() -> set[str]:
    """The kinds of paper whose templates print legal bases."""
    from tasks.documents.kinds import all_kinds

    return {name for name, kind in all_kinds().items() if LEGAL_BASES in kind.names}

