"""The sandbox every template runs in: no way out to Python, and every render on a budget."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined, TemplateAssertionError, UndefinedError

from notifications.budget import TemplateStopped, bounded
from notifications.sandbox import SafeEnvironment


def _escapes(marker: Path) -> dict[str, str]:
    """Templates that run a shell command creating `marker`, each by a known way out."""
    touch = f"touch {marker}"
    return {
        "cycler": f"{{{{ cycler.__init__.__globals__.os.popen('{touch}').read() }}}}",
        "joiner": f"{{{{ joiner.__init__.__globals__.os.system('{touch}') }}}}",
        "subclasses": ("{% for c in ().__class__.__base__.__subclasses__() %}"
                       "{% if c.__name__ == 'Popen' %}"
                       "{{ c(['touch', '" + str(marker) + "']).wait() }}{% endif %}{% endfor %}"),
        "item": ("{% for c in ()['__class__']['__base__']['__subclasses__']() %}"
                 "{% if c.__name__ == 'Popen' %}{{ c(['touch', '" + str(marker) + "']).wait() }}"
                 "{% endif %}{% endfor %}"),
        "format": "{{ '{0.__class__.__base__}'.format(1) }}" + f"{{{{ lipsum.__globals__.os."
                                                               f"popen('{touch}').read() }}}}",
        "map": "{{ [1]|map(attribute='__class__')|list }}",
    }


@pytest.mark.parametrize("way", ["cycler", "joiner", "subclasses", "item", "format", "map"])
def test_a_way_out_to_python_runs_nothing(tmp_path: Path, way: str) -> None:
    marker = tmp_path / "ran"
    source = _escapes(marker)[way]
    env = SafeEnvironment(undefined=StrictUndefined, autoescape=True)
    with pytest.raises((TemplateStopped, UndefinedError)) as stopped:
        env.from_string(source).render()
    assert not marker.exists()
    if isinstance(stopped.value, TemplateStopped):
        assert "không được dùng trong mẫu" in str(stopped.value)
    else:  # cycler, joiner and lipsum are simply not there
        assert "is undefined" in str(stopped.value)


def test_the_same_ways_out_do_run_outside_the_sandbox(tmp_path: Path) -> None:
    """The control: each payload above is live in Jinja2's plain environment."""
    for way in ("cycler", "joiner", "subclasses"):
        marker = tmp_path / way
        Environment().from_string(_escapes(marker)[way]).render()
        assert marker.exists(), way


@pytest.mark.parametrize(("source", "expected"), [
    ("{% for x in range(10**9) %}{% endfor %}", "range(…) đếm quá 1.000 số"),
    ("{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
     "quá 20.000 vòng lặp"),
    ("{% for a in xs %}{% for b in xs %}{% for c in xs %}{% endfor %}{% endfor %}{% endfor %}",
     "quá 20.000 vòng lặp"),
    ("{{ 10**10**10 }}", "số quá lớn"),
    ("{{ 'a' * 10**8 }}", "một giá trị dài quá 1.000.000 ký tự"),
    ("{{ '%0999999999d' % 1 }}", "định dạng chữ bằng «%»"),
    ("{{ '{:>999999999}'.format(1) }}", "«format» không được dùng"),
    ("{{ 'ab'|replace('', 'x' * 900000) }}", "một giá trị dài quá"),
    ("{{ (['x' * 900000] * 5)|join }}", "một giá trị dài quá"),
    ("{% macro f(s) %}{{ f(s ~ s ~ s ~ s) }}{% endmacro %}{{ f('abc') }}", "một giá trị dài quá"),
    ("{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}", "gọi lồng nhau quá 50 tầng"),
    ("{% set s = 'x' * 900000 %}{% for i in range(1000) %}{{ s ~ i }}{% endfor %}",
     "mẫu tạo ra quá 20.000.000 ký tự"),
    ("{{ xs.copy() }}", "«copy» không được dùng"),
    ("{{ xs.append(1) }}", "«append» không được dùng"),
])
def test_a_template_that_asks_too_much_is_stopped_naming_it(source: str, expected: str) -> None:
    env = SafeEnvironment(undefined=StrictUndefined)
    with pytest.raises(TemplateStopped) as stopped:
        env.from_string(source).render(xs=list(range(100)))
    assert expected in str(stopped.value)


def test_a_stop_names_the_template_in_one_vietnamese_line() -> None:
    env = SafeEnvironment(undefined=StrictUndefined)
    with pytest.raises(TemplateStopped) as stopped, bounded("templates/hong-van/qd.docx"):
        env.from_string("{{ ().__class__ }}").render()
    assert str(stopped.value) == ("templates/hong-van/qd.docx: mẫu bị dừng: «__class__» không "
                                  "được dùng trong mẫu")
    assert "\n" not in str(stopped.value) and stopped.value.line() == str(stopped.value)


def test_a_render_past_its_time_is_stopped() -> None:
    """The wall clock is read at each turn: a render whose time is up stops at the next."""
    env = SafeEnvironment()
    template = env.from_string("{% for x in range(10) %}{{ x }}{% endfor %}")
    with pytest.raises(TemplateStopped, match="qd.docx: mẫu bị dừng: điền mẫu quá 20 giây"), \
            bounded("qd.docx", seconds=-1):
        template.render()
    assert template.render() == "0123456789"  # the next render has its own time


def test_each_thread_renders_on_its_own_budget() -> None:
    """Prefect runs tasks in worker threads: one thread's runaway template stops alone."""
    env = SafeEnvironment()
    runaway = env.from_string("{% for a in range(1000) %}{% for b in range(1000) %}"
                              "{% endfor %}{% endfor %}")
    fine = env.from_string("{% for a in range(500) %}{{ a }}{% endfor %}")

    def attempt(template_index: int) -> str:
        try:
            return [runaway, fine][template_index % 2].render()
        except TemplateStopped as stopped:
            return str(stopped)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(attempt, range(16)))
    expected = "".join(str(a) for a in range(500))
    assert results[1::2] == [expected] * 8
    assert all("quá 20.000 vòng lặp" in r for r in results[::2])


def test_what_papers_and_messages_use_still_works() -> None:
    env = SafeEnvironment(undefined=StrictUndefined, autoescape=True,
                          filters={"ngay": lambda d: f"ngày {d}"})
    source = ("{% for u in units %}{{ loop.index }}.{{ u.name|upper }}"
              "{{ loop.cycle(',', ';') }}{% endfor %} {{ row.items()|list|length }} "
              "{{ 'a. '.rstrip(' .') }} {{ units|map(attribute='name')|join('/') }} "
              "{{ 'x'|replace('x', 'y') }} {{ 5|ngay }} {% if 'b' in 'abc' %}có{% endif %} "
              "{{ '<b>' }} {{ (2 ** 10) // 3 }}")
    out = env.from_string(source).render(units=[{"name": "a"}, {"name": "b"}], row={"k": 1})
    assert out == "1.A,2.B; 1 a a/b y ngày 5 có &lt;b&gt; 341"


def test_autoescape_cannot_be_turned_off() -> None:
    env = SafeEnvironment(autoescape=True)
    with pytest.raises(TemplateAssertionError, match="không được tắt autoescape"):
        env.from_string("{% autoescape false %}{{ x }}{% endautoescape %}")
    assert env.from_string("{% autoescape true %}{{ x }}{% endautoescape %}").render(
        x="<i>") == "&lt;i&gt;"


def test_filters_and_globals_are_only_those_listed() -> None:
    env = SafeEnvironment()
    assert set(env.globals) == {"range"}
    assert "attr" not in env.filters and "format" not in env.filters and "safe" not in env.filters
    with pytest.raises(TemplateAssertionError, match="No filter named 'safe'"):
        env.from_string("{{ x|safe }}")
