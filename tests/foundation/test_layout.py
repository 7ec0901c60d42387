"""Every place that lists the package folders agrees with setup.py's `FOLDERS`."""

from __future__ import annotations

import re

from foundation.layout import package_folders
from support import ROOT


def test_the_container_build_copies_every_package_folder():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = set(re.findall(r"^COPY (\S+) \1$", dockerfile, re.M))
    assert set(package_folders().values()) <= copied


def test_the_type_check_covers_every_package_folder():
    script = (ROOT / "test").read_text(encoding="utf-8")
    (linked,) = re.findall(r"^for folder in ([a-z ]+); do ln -s", script, re.M)
    top = package_folders()["masthead"]
    assert set(linked.split()) | {top} == set(package_folders().values())
    assert f"for file in {top}/*.py" in script and "-p masthead)" in script
