"""Private: the document machinery model files and catalog files share.

Formats (TOML, JSON, YAML) with line maps, the strict cattrs converter, the envelope and its
migrations, and atomic writes. It knows nothing of catalogs or of what a PMO means; :mod:`valuering.io`
and :mod:`valuering.catalog` build on it.
"""
