"""Importing the State Media Matrix into the local store, and the `masthead outlets` commands."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

import support
from masthead.plugins.republication.curated import curated_outlets
from masthead.sdk import OutletRegistry, normalize_name
from masthead.sdk.outlets import clean_domain
from masthead.server.cli import main
from masthead.server.outlet_import import ImportFormatError, read_file, read_state_media_matrix
from masthead.server.store import OutletStore

MATRIX = support.DATA / "state-media" / "State_Media_Matrix.csv"
HEADER = "Region,Country,Media company,Main assets,URL,Typology,Status,Notes\n"


@pytest.fixture(scope="module")
def matrix_rows() -> list[dict[str, str]]:
    with MATRIX.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported():
    return read_file(str(MATRIX), "state-media-matrix", checked="2031-01-01")


def test_the_matrix_imports_with_only_its_blank_row_skipped(imported, matrix_rows):
    assert imported.rows == len(matrix_rows) == 1157
    assert imported.skipped == ["line 1158: neither a media company nor an asset name"]
    assert len(imported.warnings) == 4 and all("'ISFM?'" in w for w in imported.warnings)


def test_every_row_resolves_by_its_urls_domain(imported, matrix_rows):
    """With curated records underneath, as the server layers them."""
    registry = OutletRegistry()
    for outlet in curated_outlets():
        registry.add(outlet, "curated")
    for outlet in imported.outlets:
        registry.add(outlet, "imported")
    with_url = [r for r in matrix_rows if r["URL"].strip()]
    without_url = [r for r in matrix_rows if not r["URL"].strip() and r["Main assets"].strip()]
    assert len(with_url) + len(without_url) == 1156
    for row in with_url:
        outlet = registry.by_domain(row["URL"])
        assert outlet is not None, row["URL"]
        names = {normalize_name(n) for n in (outlet.name, *outlet.aliases)}
        assert normalize_name(row["Main assets"] or row["Media company"]) in names, row
    for row in without_url:  # no URL in the file: found by name, in the right country
        outlet = registry.by_name(row["Main assets"])
        assert outlet is not None, row


def test_imported_facts_cite_the_state_media_monitor(imported):
    outlet = next(o for o in imported.outlets if "rt.com" in o.domains)
    assert (outlet.name, outlet.country, outlet.typology) == ("RT International", "Russia", "SC")
    source = outlet.source("typology")
    assert source.label == "State Media Monitor"
    assert source.url.startswith("https://github.com/ASD-at-GMF/")
    assert (source.checked, source.origin) == ("2031-01-01", "imported:state-media-matrix")
    assert "swentr.site" in outlet.domains  # one asset, every domain it uses


MALFORMED = (
    HEADER
    + "Europe,Norway,Good Co,Good Asset,https://good.example/,IP,,\n"
    + "Europe,Norway,Extra Co,Extra Asset,https://extra.example/,SC,,,surplus,cells\n"
    + "Europe,Norway,Short Co\n"
    + "Europe,Norway,,,https://nameless.example/,SC,,\n"
    + "Europe,,No Country Co,No Country,https://nocountry.example/,SC,,\n"
    + "Europe,Norway,Bad Url Co,Bad Url,not a url at all,SC,,\n"
    + "Europe,Norway,Odd Code Co,Odd Code,https://odd.example/,XYZ,,\n"
    + 'Europe,Norway,"Quoted, Co","Quoted ""Asset""",https://quoted.example/path?q=1,CaPr,,\n'
    + "Europe,Norway,No Url Co,No Url Asset,,SC,,\n"
    + ",,,,,,,\n"
)


def test_malformed_rows_are_reported_and_skipped():
    result = read_state_media_matrix(MALFORMED)
    assert result.rows == 10
    reasons = "\n".join(result.skipped)
    for line, why in [
        (3, "more cells"),
        (4, "fewer cells"),
        (5, "neither a media company nor an asset name"),
        (6, "no country"),
        (7, "URL 'not a url at all' has no usable host name"),
        (11, "neither"),
    ]:
        assert f"line {line}: {why}" in reasons
    assert len(result.skipped) == 6
    assert result.warnings == [
        "line 8: typology 'XYZ' is not a State Media Monitor code; imported without it"
    ]
    names = {o.name: o for o in result.outlets}
    assert set(names) == {"Good Asset", "Odd Code", 'Quoted "Asset"', "No Url Asset"}
    assert names["Odd Code"].typology == "" and names["Odd Code"].country == "Norway"
    assert names['Quoted "Asset"'].domains == ("quoted.example",)
    assert names["No Url Asset"].domains == ()


@pytest.mark.parametrize(
    "text",
    ["", "just,some,other,csv\n1,2,3,4\n", "\x00\x01\x02", "Country,URL\nNorway,https://x.no/\n"],
)
def test_a_file_in_another_format_is_refused_whole(text):
    with pytest.raises(ImportFormatError, match="not a State Media Matrix file"):
        read_state_media_matrix(text)


def test_undecodable_bytes_do_not_stop_the_import(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_bytes(
        HEADER.encode() + b"Europe,Norway,Co \xff\xfe,Asset \xc3,https://bytes.example/,SC,,\n"
    )
    result = read_file(str(path), "state-media-matrix")
    assert [o.domains for o in result.outlets] == [("bytes.example",)]


def test_the_store_round_trips_and_a_reimport_replaces(tmp_path, imported):
    store = OutletStore.in_dir(tmp_path)
    assert store.outlets() == [] and list(tmp_path.iterdir()) == []  # reading creates nothing
    store.replace("imported:state-media-matrix", imported.outlets, "m.csv", 1)
    store.replace("imported:state-media-matrix", imported.outlets, "m.csv", 1)
    back = store.outlets()
    assert back == imported.outlets
    assert [i["outlets"] for i in store.imports()] == [len(imported.outlets)]


# -- the command line --------------------------------------------------------------------------
@pytest.fixture
def cli(tmp_path):
    config = tmp_path / "masthead.toml"
    config.write_text(f'[server]\ndata_dir = "{tmp_path / "data"}"\n')
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["outlets", *args, "--config", str(config)])

    return invoke


def test_import_then_show_says_where_each_fact_comes_from(cli):
    assert cli("show", "russian.rt.com").output.startswith("RT International\n")  # parent
    before = cli("show", "bakhtarnews.af")
    assert before.exit_code == 1 and "knows no outlet" in before.output
    result = cli("import", str(MATRIX), "--format", "state-media-matrix")
    assert result.exit_code == 0, result.output
    assert "1157 rows read" in result.output and "1 rows skipped" in result.output
    shown = cli("show", "russian.rt.com")
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("Russian RT\n")
    assert cli("show", "bakhtarnews.af").exit_code == 0
    assert "typology: SC (state-controlled media)" in shown.output
    assert "source: State Media Monitor <https://github.com/ASD-at-GMF/" in shown.output
    assert "from imported:state-media-matrix" in shown.output


def test_show_by_name_lists_layers_and_sources(cli):
    result = cli("show", "The Associated Press", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["name"] == "Associated Press" and record["layers"] == ["curated"]
    country = next(f for f in record["facts"] if f["fact"] == "country")
    assert country["source"]["url"] == "https://en.wikipedia.org/wiki/Associated_Press"
    assert country["source"]["checked"] == "2026-11-29"


def test_import_refuses_a_wrong_format_cleanly(cli, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    result = cli("import", str(path), "--format", "state-media-matrix")
    assert result.exit_code == 1 and "missing column" in result.output


def test_domains_in_the_matrix_clean_to_hosts(matrix_rows):
    hosts = [clean_domain(r["URL"]) for r in matrix_rows if r["URL"].strip()]
    assert all(h and "/" not in h and not h.startswith("www.") for h in hosts)


def test_import_into_an_unwritable_place_fails_cleanly(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be")
    config = tmp_path / "masthead.toml"
    config.write_text(f'[server]\ndata_dir = "{blocker}"\n')
    result = CliRunner().invoke(
        main, ["outlets", "import", str(MATRIX), "--format", "state-media-matrix",
               "--config", str(config)],
    )  # fmt: skip
    assert result.exit_code == 1 and "cannot write" in result.output
