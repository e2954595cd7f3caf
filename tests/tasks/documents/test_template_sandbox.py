"""A commune's Word template that tries to run code: refused by the check, naming the file and
the paragraph; placed after the check, stopped when the paper is filled, and nothing ran."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from tasks.documents.award_papers import DECISION
from tasks.documents.templating import (
    SHIPPED,
    TemplateRefused,
    _paragraph_texts,
    check_templates,
    commune_folder,
    template_path,
)
from tests.tasks.documents.test_award_papers import _decision, _plan

SEED = "002-vinh-thuy.yaml"  # its commune: Vĩnh Thủy
NAMES = ["popen", "subclasses", "cycler", "range", "nested"]


def _payloads(marker: Path) -> list[str]:
    """The issue's four, then loops that pass the check one by one but not together."""
    return [f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
            "{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__ == 'Popen' %}"
            "{{ c(['touch', '" + str(marker) + "']).wait() }}{% endif %}{% endfor %}",
            "{{ cycler('a', 'b').next() }}",
            "{% for x in range(10**9) %}{% endfor %}",
            "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}"]


# What the check says about each (the nested loops are each within bounds: only the render
# stops them), and what the render says when the template was placed after the check.
CHECKED = ["«cycler» không được dùng trong mẫu", "«__class__» không được dùng trong mẫu",
           "«cycler» không được dùng trong mẫu", "range(…) đếm quá 1.000 số", None]
STOPPED = ["mẫu bị dừng: «__init__» không được dùng trong mẫu",
           "mẫu bị dừng: «__class__» không được dùng trong mẫu",
           "lỗi khi điền mẫu: «cycler» không có trong dữ liệu",
           "mẫu bị dừng: range(…) đếm quá 1.000 số",
           "mẫu bị dừng: quá 20.000 vòng lặp trong một lần điền mẫu"]


def _commune_copy(data: Path, commune: str = "Vĩnh Thủy") -> Path:
    """The shipped decision in the commune's own folder, as `thidua templates copy … --commune`
    puts it."""
    own = data / "templates" / commune_folder(commune) / "quyet-dinh-khen-thuong.docx"
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIPPED / own.name, own)
    return own


def _edit(own: Path, text: str) -> int:
    """One paragraph of the template replaced by `text`; its number as the check counts."""
    word = Document(str(own))
    [target] = [p for p in word.paragraphs if p.text == "QUYẾT ĐỊNH:"]
    target.runs[0].text = text
    for run in target.runs[1:]:
        run.text = ""
    word.save(str(own))
    return list(_paragraph_texts(Document(str(own)))).index(text) + 1


@pytest.mark.parametrize("which", range(4), ids=NAMES[:4])
def test_a_hostile_template_is_refused_by_the_check_naming_file_and_paragraph(
        tmp_path: Path, which: int) -> None:
    own = _commune_copy(tmp_path)
    paragraph = _edit(own, _payloads(tmp_path / "ran")[which])
    with pytest.raises(TemplateRefused) as refused:
        check_templates(tmp_path, {DECISION.name: DECISION})
    problems = refused.value.problems
    assert all(p.startswith(f"{own}: đoạn {paragraph}: ") for p in problems), problems
    assert f"{own}: đoạn {paragraph}: {CHECKED[which]}" in problems
    assert all("\n" not in p for p in problems)


@pytest.mark.parametrize("which", range(5), ids=NAMES)
def test_a_hostile_template_placed_after_the_check_runs_nothing(tmp_path: Path,
                                                                which: int) -> None:
    marker = tmp_path / "ran"
    own = _commune_copy(tmp_path)
    check_templates(tmp_path, {DECISION.name: DECISION})  # started with the shipped wording
    _edit(own, _payloads(marker)[which])
    assert template_path(DECISION, tmp_path, "Vĩnh Thủy") == own
    with pytest.raises(TemplateRefused) as refused:
        _decision(_plan(SEED), tmp_path)
    assert str(refused.value) == f"{own}: {STOPPED[which]}"
    assert not marker.exists()
    assert not (tmp_path / "qd.docx").exists()  # no paper half written


def test_code_hidden_in_the_files_properties_is_found_too(tmp_path: Path) -> None:
    """docxtpl fills the title and other properties as templates: the check reads them."""
    marker = tmp_path / "ran"
    own = _commune_copy(tmp_path)
    word = Document(str(own))
    word.core_properties.title = _payloads(marker)[0]
    word.save(str(own))
    with pytest.raises(TemplateRefused) as refused:
        check_templates(tmp_path, {DECISION.name: DECISION})
    assert f"{own}: thuộc tính «title» của tệp: «cycler» không được dùng trong mẫu" \
        in refused.value.problems
    with pytest.raises(TemplateRefused, match="mẫu bị dừng: «__init__» không được dùng"):
        _decision(_plan(SEED), tmp_path)
    assert not marker.exists()


def test_another_communes_paper_is_not_held_up(tmp_path: Path) -> None:
    """Only the commune whose template it is gets the refusal; the shipped one still fills."""
    own = _commune_copy(tmp_path, "Hồng Vân")
    _edit(own, _payloads(tmp_path / "ran")[0])
    word = Document(str(_decision(_plan(SEED), tmp_path)))
    assert "QUYẾT ĐỊNH:" in [p.text for p in word.paragraphs]


@pytest.mark.parametrize(("edit", "expected"), [
    ("{{ award|attr('__class__') }}", "bộ lọc «attr» không dùng được"),
    ("{{ award.format(1) }}", "gọi «.format(…)» không được dùng"),
    ("{% include 'x.docx' %}", "lệnh «include» không dùng được trong mẫu Word"),
    ("{% autoescape false %}{{ award }}{% endautoescape %}", "không được tắt autoescape"),
    ("{{ '%s' % award }}", "định dạng chữ bằng «%» không được dùng"),
    ("{{ award['_x'] }}", "«_x» không được dùng trong mẫu"),
    ("{{ lipsum() }}", "«lipsum» không được dùng trong mẫu"),
])
def test_other_constructs_outside_the_sandbox_are_refused(tmp_path: Path, edit: str,
                                                          expected: str) -> None:
    own = _commune_copy(tmp_path)
    paragraph = _edit(own, edit)
    with pytest.raises(TemplateRefused) as refused:
        check_templates(tmp_path, {DECISION.name: DECISION})
    assert any(p.startswith(f"{own}: đoạn {paragraph}: {expected}")
               for p in refused.value.problems), refused.value.problems


def test_plain_jinja2_an_office_may_write_still_passes(tmp_path: Path) -> None:
    own = _commune_copy(tmp_path)
    _edit(own, "QUYẾT ĐỊNH{% for x in range(3) %}{{ loop.cycle('', '', ':') }}{% endfor %}"
               "{{ ''|upper }}")
    check_templates(tmp_path, {DECISION.name: DECISION})
    word = Document(str(_decision(_plan(SEED), tmp_path)))
    assert "QUYẾT ĐỊNH:" in [p.text for p in word.paragraphs]
