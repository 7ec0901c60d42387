"""Maps the import names onto the top-level folders; all other metadata is in pyproject.toml.

`masthead` is a namespace package whose parts live in `sdk/`, `server/` and `plugins/`. Listing
sub-packages by discovery keeps new plugins from needing an edit here.
"""

from setuptools import find_packages, setup

FOLDERS = {
    "masthead.sdk": "sdk",
    "masthead.extract": "extract",
    "masthead.server": "server",
    "masthead.plugins": "plugins",
}

packages = [
    f"{name}.{sub}" if sub else name
    for name, folder in FOLDERS.items()
    for sub in ["", *find_packages(folder)]
]

setup(packages=packages, package_dir=FOLDERS)
