"""Message templates in the sandbox: a hostile one is refused by the check, naming file and line,
and one placed after the check runs nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from notifications.budget import TemplateStopped
from notifications.render import TEMPLATES, MessageKind, check_message_templates, render
from notifications.sandbox import SafeEnvironment
from notifications.template_rules import findings
from tests.notifications.test_render import CONTEXTS

KIND = MessageKind.REPORT_DUE
EXPECTED = ["«cycler» không được dùng trong mẫu", "«__class__» không được dùng trong mẫu",
            "«cycler» không được dùng trong mẫu", "range(…) đếm quá 1.000 số"]


def _payloads(marker: Path) -> list[str]:
    return [f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
            "{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__ == 'Popen' %}"
            "{{ c(['touch', '" + str(marker) + "']).wait() }}{% endif %}{% endfor %}",
            "{{ cycler(1, 2).next() }}",
            "{% for x in range(10**9) %}{% endfor %}"]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    return folder


def _plant(template: Path, payload: str) -> int:
    """The payload on a line of its own in the Zalo text; its line number."""
    lines = template.read_text(encoding="utf-8").splitlines()
    at = lines.index("{% block short %}") + 1
    lines.insert(at, payload)
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_the_shipped_message_templates_pass_the_check() -> None:
    assert check_message_templates() == []


@pytest.mark.parametrize("which", range(4), ids=["cycler-popen", "subclasses", "cycler", "range"])
def test_a_hostile_message_template_is_refused_naming_file_and_line(tmp_path: Path,
                                                                   which: int) -> None:
    marker = tmp_path / "ran"
    folder = _folder(tmp_path)
    template = folder / f"{KIND.value}.j2"
    line = _plant(template, _payloads(marker)[which])
    problems = check_message_templates(folder)
    assert problems and all(p.startswith(f"{template}: dòng {line}: ") for p in problems)
    assert any(EXPECTED[which] in p for p in problems), problems
    with pytest.raises(TemplateStopped) as refused:  # the start-up check, at the first render
        render(KIND, CONTEXTS[KIND], folder)
    assert refused.value.reasons == problems
    assert not marker.exists()


@pytest.mark.parametrize("which", range(4), ids=["cycler-popen", "subclasses", "cycler", "range"])
def test_a_hostile_message_template_placed_after_the_check_runs_nothing(tmp_path: Path,
                                                                        which: int) -> None:
    marker = tmp_path / "ran"
    folder = _folder(tmp_path)
    template = folder / f"{KIND.value}.j2"
    assert check_message_templates(folder) == []
    assert render(KIND, CONTEXTS[KIND], folder).subject  # started: checked and working
    _plant(template, _payloads(marker)[which])
    with pytest.raises((TemplateStopped, UndefinedError)) as stopped:
        render(KIND, CONTEXTS[KIND], folder)
    assert not marker.exists()
    if isinstance(stopped.value, TemplateStopped):
        assert str(stopped.value).startswith(f"{template}: mẫu bị dừng: ")
    else:  # cycler is not there at all: Jinja2 says so, as for any name the data lacks
        assert "'cycler' is undefined" in str(stopped.value)


def test_messages_render_the_same_in_the_sandbox() -> None:
    """Every kind renders with its usual context; the sandbox changes no text."""
    for kind, context in CONTEXTS.items():
        rendered = render(kind, context)
        assert rendered.subject and rendered.short and rendered.text and rendered.html, kind


def test_macros_of_an_imported_module_may_be_called_other_methods_not() -> None:
    env = SafeEnvironment()
    tree = env.parse("{% import '_parts.j2' as m %}{{ m.contact(x) }}\n{{ x.format(1) }}")
    assert [(f.line, f.message.split(";")[0]) for f in findings(env, tree, files=True)] == [
        (2, "gọi «.format(…)» không được dùng")]
    assert [f.message for f in findings(env, tree)][0] == \
        "lệnh «import» không dùng được trong mẫu Word"  # a Word template includes nothing
