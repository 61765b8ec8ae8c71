"""The package's own YAML files (messages, labels, requirements): written by developers and reviewed, so read with
libyaml's fast loader where PyYAML has it. Files an editor writes go through source.py, which bounds them."""
from __future__ import annotations

from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader, in C when PyYAML was built with libyaml: the same data, many times faster. layout.read_config
reads mkdocs.yml with it too: that is configuration, read as MkDocs reads it, not an editor's text."""


def load(name: str):
    """The data in the package's file `name`."""
    return yaml.load(Path(__file__).with_name(name).read_text(encoding="utf-8"), Loader=LOADER)
