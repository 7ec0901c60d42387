"""docs/operators.md matches the server: every setting, its default, and every error code."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from masthead.server import config as config_module
from masthead.server import errors
from masthead.server.config import Config, load_config
from masthead.server.origins.config import OriginsConfig
from support import ROOT

GUIDE = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
TOML_BLOCKS = re.findall(r"^```toml\n(.*?)^```", GUIDE, re.M | re.S)
SERVER_KEYS = sorted(config_module._SERVER_KEYS)
SECTION_KEYS = [(section, key) for section, keys in config_module._SECTIONS.items() for key in keys]
ORIGINS_KEYS = [f.name for f in fields(OriginsConfig)]


@pytest.mark.parametrize("key", SERVER_KEYS)
def test_every_server_setting_is_documented(key):
    assert re.search(rf"^\| `{key}` \|", GUIDE, re.M), f"[server] {key} is not in the table"


@pytest.mark.parametrize(("section", "key"), SECTION_KEYS)
def test_every_store_and_cache_setting_is_documented(section, key):
    assert re.search(rf"^\| `\[{section}\] {key}` \|", GUIDE, re.M), f"[{section}] {key}"


@pytest.mark.parametrize("key", ORIGINS_KEYS)
def test_every_origins_setting_is_documented(key):
    assert re.search(rf"^\| `{key}` \|", GUIDE, re.M), f"[origins] {key} is not in the table"


def test_example_config_loads_and_shows_the_defaults(tmp_path):
    assert TOML_BLOCKS
    for number, block in enumerate(TOML_BLOCKS):
        path = tmp_path / f"example-{number}.toml"
        path.write_text(block)
        config = load_config(path).check()
        server, _, rest = block.partition("[origins]")
        shown = re.findall(r"^(\w+) = ", server.split("[plugins]")[0], re.M)
        for key in shown:
            assert getattr(config, key) == getattr(Config(), key), f"default of {key}"
        for key in re.findall(r"^(\w+) = ", rest.split("[plugins")[0], re.M):
            if key != "feeds":
                assert getattr(config.origins, key) == getattr(OriginsConfig(), key), key


def test_error_codes_match_the_server():
    source = "\n".join(p.read_text() for p in (ROOT / "server").rglob("*.py"))
    raised = set(re.findall(r'ApiError\(\s*\d+,\s*"(\w+)"', source))
    rows = re.findall(r"^\| [45]\d\d \| (.*?) \|", GUIDE, re.M)
    documented = set(re.findall(r"`(\w+)`", " ".join(rows)))
    generic = set(errors._HTTP_CODES.values())
    assert raised - {"internal_error"} <= documented, "an error the server raises is undocumented"
    assert documented <= raised | generic, "the guide lists an error the server never sends"
