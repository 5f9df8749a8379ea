"""The limits on what a file may hold, in one place (docs/files.md, "Limits", says why each is what
it is). :mod:`valuering._document._bounds` checks values against them; the line maps stop at
:data:`MAX_DEPTH`."""

__all__ = ["ALIAS_ALLOWANCE", "EXTRA_DEPTH", "INT_LIMIT", "MAX_DEPTH", "TOO_DEEP"]

#: The deepest nesting of any file: a YAML file is refused before its aliases are followed, a JSON
#: or TOML file when it is deeper than the parser can follow. The model's own tables use 6 levels.
MAX_DEPTH = 100
#: The deepest nesting of free-form data: an ``extra`` table is level 1.
EXTRA_DEPTH = 64
#: Values YAML aliases may add to a file beyond one per character of its text (a fixed part, so
#: small files may share anchors freely; a linear part, so the work stays proportional to the size).
ALIAS_ALLOWANCE = 10_000
#: Integers lie in ``-INT_LIMIT <= n < INT_LIMIT`` (64 bits, TOML's range).
INT_LIMIT = 2**63

#: The problem of a file nested deeper than :data:`MAX_DEPTH`.
TOO_DEEP = f"nested too deeply: more than {MAX_DEPTH} levels (files may nest {MAX_DEPTH})"
