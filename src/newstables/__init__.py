"""newstables: who said what, who claimed which number, what happened when, as tables.

>>> import newstables
>>> newstables.tables()                     # names, row counts, one-line descriptions
>>> figures = newstables.load("figures")    # a pandas DataFrame with typed columns
>>> print(newstables.describe("figures"))   # what every column means
>>> newstables.__data_version__             # the bundled dataset's version, e.g. '1.0.0'

Importing newstables loads pandas and pydantic only; the build engine (spaCy), frictionless,
YAML and Datasette are imported by the commands that need them.
"""

from __future__ import annotations

from typing import Any

from .load import IntegrityError, LoaderError, describe, load, tables

__all__ = ["IntegrityError", "LoaderError", "describe", "load", "tables"]


def __getattr__(name: str) -> Any:
    """``__data_version__`` and ``__version__``, read on first use (the import stays cheap)."""
    if name == "__data_version__":
        from .load import data_version

        return data_version()
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("newstables")
        except PackageNotFoundError:
            return "0+unknown"
    raise AttributeError(f"module 'newstables' has no attribute {name!r}")
