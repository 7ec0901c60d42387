"""Maps the import names onto the top-level folders; all other metadata is in pyproject.toml.

`masthead` itself is `package/` (its `__main__` makes `python -m masthead` the CLI); its parts
live in `sdk/`, `extract/`, `server/` and `plugins/`. Listing sub-packages by discovery keeps new
plugins from needing an edit here. Tests and `./test` read `FOLDERS` from this file.
"""

from setuptools import find_packages, setup

FOLDERS = {
    "masthead": "package",
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
