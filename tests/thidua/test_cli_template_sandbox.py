"""`thidua templates check` refuses a commune's template that tries to run code, naming the
file and the paragraph, as the office would see it after `thidua templates copy … --commune`."""

from __future__ import annotations

from docx import Document
from typer.testing import CliRunner

from infra.settings import get_settings
from tasks.documents.templating import _paragraph_texts
from thidua.cli import app

runner = CliRunner()
PAYLOADS = {
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}": "«cycler» không được dùng",
    "{{ ().__class__.__base__.__subclasses__() }}": "«__subclasses__» không được dùng",
    "{{ cycler }}": "«cycler» không được dùng",
    "{% for x in range(10**9) %}{% endfor %}": "range(…) đếm quá 1.000 số",
}


def test_the_check_names_each_hostile_paragraph_of_a_communes_copy() -> None:
    copied = runner.invoke(app, ["templates", "copy", "quyet-dinh-khen-thuong",
                                 "--commune", "Hồng Vân"])
    assert copied.exit_code == 0, copied.output
    own = get_settings().data_dir / "templates" / "hong-van" / "quyet-dinh-khen-thuong.docx"
    assert runner.invoke(app, ["templates", "check"]).exit_code == 0
    word = Document(str(own))
    for payload in PAYLOADS:
        word.add_paragraph(payload)
    word.save(str(own))
    checked = runner.invoke(app, ["templates", "check"])
    assert checked.exit_code == 2
    lines = list(_paragraph_texts(Document(str(own))))
    for payload, expected in PAYLOADS.items():
        named = f"{own}: đoạn {lines.index(payload) + 1}: "
        assert any(line.startswith(named) and expected in line
                   for line in checked.output.splitlines()), (payload, checked.output)
    assert "Traceback" not in checked.output
