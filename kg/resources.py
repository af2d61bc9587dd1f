"""Where kg's data files are: shapes, ontology and the bundled example.

In a checkout they are the top-level ``shapes/``, ``ontology/`` and ``examples/``
folders; in an installed wheel they are copied to ``kg/_resources/``. This is the
one place that knows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The folder ``name`` (``shapes``, ``ontology`` or ``examples``).

    :raises FileNotFoundError: when neither the wheel copy nor the checkout folder exists.
    """
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg data folder {name!r} not found (looked in {_PACKAGE / '_resources'} and {_PACKAGE.parent})")


def shapes_file() -> Path:
    return resource_dir("shapes") / "kg.shapes.ttl"


def ontology_file() -> Path:
    return resource_dir("ontology") / "kg.ttl"


def context_file() -> Path:
    return resource_dir("ontology") / "context.jsonld"


def example_file() -> Path:
    """The bundled example article (MediaWiki API JSON)."""
    return resource_dir("examples") / "leaving-las-vegas.api.json"


def example_files() -> list[Path]:
    """The bundled examples: the article as MediaWiki API JSON and a plain-text extract of a
    later revision of it (what ``kg export`` exports, merged, when given no input)."""
    return [example_file(), resource_dir("examples") / "Leaving_Las_Vegas.extract.txt"]
