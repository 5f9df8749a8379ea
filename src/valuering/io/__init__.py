"""Reading and writing valuering files: model files in TOML, JSON and YAML, strictly checked.

>>> import valuering.io
>>> from valuering import examples
>>> pmo = valuering.io.load(examples.path("northwind-energy"))
>>> valuering.io.loads(valuering.io.dumps(pmo, "toml"), "toml") == pmo
True
>>> valuering.io.MODEL_SCHEMA
'valuering/1'
"""

from valuering._document._converter import structure, unstructure
from valuering._document._envelope import MODEL_MIGRATIONS, MODEL_SCHEMA, Migrations
from valuering._document._formats import FORMATS, format_of
from valuering.io._files import dump, dumps, load, loads
from valuering.io._names import catalog_named
from valuering.io._schema import catalog_json_schema, json_schema

__all__ = [
    "FORMATS",
    "MODEL_MIGRATIONS",
    "MODEL_SCHEMA",
    "Migrations",
    "catalog_json_schema",
    "catalog_named",
    "dump",
    "dumps",
    "format_of",
    "json_schema",
    "load",
    "loads",
    "structure",
    "unstructure",
]
