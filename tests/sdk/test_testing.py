"""`masthead.sdk.testing`: the harness third-party plugin authors use."""

from __future__ import annotations

from masthead.sdk import Annotation, hookimpl
from masthead.sdk.testing import _registered, analyze, registered


class Shouter:
    """Flags headings written in capitals."""

    @hookimpl
    def masthead_detect(self, page):
        for h in page.body.iter("h1", "h2"):
            text = page.text_of(h)
            if text.isupper():
                yield Annotation(kind="shouting", title="All caps", target=page.target(h))


HTML = "<html><body><h1>BREAKING NEWS</h1><h2>Calm subtitle</h2><p>Text.</p></body></html>"


def test_analyze_with_an_object_plugin():
    result = analyze(HTML, plugins=[Shouter()])
    assert [a.id for a in result.of_kind("shouting")] == ["Shouter/shouting/0"]
    assert result.errors == {}
    assert result.of_kind("shouting")[0].target.exact == "BREAKING NEWS"


def test_fixture_registers_for_one_test(masthead_plugin):
    masthead_plugin(Shouter(), name="shouter")
    result = analyze(HTML, plugins=[])
    assert [a.plugin for a in result.annotations] == ["shouter"]


def test_fixture_unregistered_afterwards():
    assert _registered == []
    assert analyze(HTML, plugins=[]).annotations == []


def test_installed_plugins_by_name_mix_with_objects():
    result = analyze(HTML, plugins=["attribution", Shouter()])
    assert set(result.runs) == {"attribution", "Shouter"}


def test_registered_runs_a_plugin_inside_the_block_only():
    with registered(Shouter(), name="shouter"):
        assert [a.plugin for a in analyze(HTML, plugins=[]).annotations] == ["shouter"]
    assert _registered == []
    assert analyze(HTML, plugins=[]).annotations == []


class FailsToStart:
    @hookimpl
    def masthead_startup(self, settings):
        raise RuntimeError("no config")

    @hookimpl
    def masthead_detect(self, page):
        return [{"kind": "never"}]


def test_a_plugin_that_failed_to_start_is_reported_skipped():
    result = analyze(HTML, plugins=[FailsToStart(), Shouter()])
    assert result.runs["FailsToStart"].status == "skipped"
    assert "startup failed: RuntimeError: no config" in result.runs["FailsToStart"].error
    assert result.runs["Shouter"].status == "ok" and result.of_kind("shouting")


def test_the_harness_needs_no_pytest(tmp_path):
    """A plugin author's script, with pytest made unimportable: the harness still runs."""
    import subprocess
    import sys

    script = tmp_path / "check.py"
    script.write_text(
        "import sys\n"
        "sys.modules['pytest'] = None  # any import of pytest now fails\n"
        "from masthead.sdk.testing import analyze\n"
        "result = analyze('<html><body><p>Hello there.</p></body></html>', plugins=[])\n"
        "print(result.errors, 'pytest' in sys.modules and sys.modules['pytest'] is not None)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["{}", "False"]
