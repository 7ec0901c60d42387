"""`masthead.sdk.testing`: the harness third-party plugin authors use."""

from __future__ import annotations

from masthead.sdk import Annotation, hookimpl
from masthead.sdk.testing import _registered, analyze


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
