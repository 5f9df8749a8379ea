"""The structure function of a model class: one pass that converts, checks and builds each object.

A model class checks every field after ``__init__`` (see :mod:`valuering.model._checks`). Loading a file
through cattrs and then ``__init__`` would test each value's type twice and call each check through
two layers of functions; a large file holds hundreds of thousands of objects. The function generated
here reads each key, runs the strict hook of the field's type (inlined for strings and numbers), writes
each field check as the expression of its ``Check.fast`` and builds the object without running the
checks again. A check without ``fast`` runs as ``__init__`` would run it, and a class's own
``__attrs_post_init__`` runs last.

The function only has to be right for good input: on any failure (a missing or unknown key, a value of
the wrong type, a failed check) it hands the value to ``on_failure``, which reports every problem
through the ordinary path (cattrs and ``__init__``), so messages are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import attrs

from valuering._document._limits import INT_LIMIT
from valuering.model import _checks

__all__ = ["model_structure_fn"]

Hook = Callable[[Any, Any], Any]


class _Refused(Exception):
    """A value the fast path does not accept; the ordinary path says why."""


def _refuse() -> NoReturn:
    raise _Refused


def _inline_type_test(hook: Hook, strict: Mapping[type, Hook], var: str) -> str | None:
    """When the strict hook of a string, integer or number would return the value unchanged: the
    test as an expression (else None, and the hook is called)."""
    if hook is strict.get(str):
        return f"{var}.__class__ is str and {var}.isascii()"
    if hook is strict.get(int):
        return f"{var}.__class__ is int and {-INT_LIMIT} <= {var} < {INT_LIMIT}"
    if hook is strict.get(float):
        return (
            f"{var}.__class__ is float or ({var}.__class__ is int "
            f"and {-INT_LIMIT} <= {var} < {INT_LIMIT})"
        )
    return None


def model_structure_fn(
    kind: type,
    hook_of: Callable[[Any], Hook],
    strict: Mapping[type, Hook],
    not_table: Callable[[object], NoReturn],
    on_failure: Callable[[Mapping[Any, Any]], NoReturn],
) -> Hook | None:
    """The structure function of model class ``kind`` (None when ``kind`` is not a plain model class).

    ``hook_of(type)`` is the converter's hook for a field's type, ``strict`` the hooks of ``str``,
    ``int`` and ``float`` (inlined), ``not_table(value)`` raises for a value that is not a table and
    ``on_failure(value)`` reports every problem of a table the fast path did not accept.
    """
    if not _checks.is_model_class(kind):
        return None
    fields = attrs.fields(kind)
    if any(not f.init or f.alias != f.name or not f.kw_only for f in fields):
        return None
    scope: dict[str, Any] = {
        "_kind": kind,
        "_new": object.__new__,
        "_set": object.__setattr__,
        "_Mapping": Mapping,
        "_not_table": not_table,
        "_on_failure": on_failure,
        "_refuse": _refuse,
    }
    names: dict[int, str] = {}

    def ref(obj: object) -> str:
        """A name for ``obj`` in the generated code."""
        if id(obj) not in names:
            names[id(obj)] = f"_r{len(names)}"
            scope[names[id(obj)]] = obj
        return names[id(obj)]

    body: list[str] = []
    required = 0
    for index, field in enumerate(fields):
        var, key = f"v{index}", repr(field.name)
        hook = hook_of(field.type)
        inline = _inline_type_test(hook, strict, var)
        convert = [
            f"if not ({inline}): {var} = {ref(hook)}({var}, {ref(field.type)})"
            if inline is not None
            else f"{var} = {ref(hook)}({var}, {ref(field.type)})"
        ]
        if field.converter is not None:
            convert.append(f"{var} = {ref(field.converter)}({var})")
        default: Any = field.default
        if default is attrs.NOTHING:
            required += 1
            body.append(f"{var} = o[{key}]")
            body.extend(convert)
            continue
        body.append(f"if {key} in o:")
        body.append("    n += 1")
        body.append(f"    {var} = o[{key}]")
        body.extend(f"    {line}" for line in convert)
        body.append("else:")
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                return None
            made = f"{ref(default.factory)}()"
        else:
            made = ref(default)
        if field.converter is not None:
            made = f"{ref(field.converter)}({made})"
        body.append(f"    {var} = {made}")
    body.append(f"if len(o) != {required} + n: _refuse()")  # an unknown key
    body.append("self = _new(_kind)")
    body.extend(f"_set(self, {field.name!r}, v{i})" for i, field in enumerate(fields))
    for index, field in enumerate(fields):
        check = field.metadata.get(_checks.CHECK)
        if check is None:
            continue
        if check.fast is None:
            body.append(f"{ref(check.run)}(self, {ref(field)}, v{index})")
            continue
        accepts = check.fast(f"v{index}", ref)
        if accepts != "True":
            body.append(f"if not ({accepts}): _refuse()")
    own = _checks.own_post_init(kind)
    if own is not None:
        body.append(f"{ref(own)}(self)")
    body.append("return self")
    lines = [
        "def structure(o, _):",
        "    if o.__class__ is not dict and not isinstance(o, _Mapping):",
        "        _not_table(o)",
        "    n = 0",
        "    try:",
        *(f"        {line}" for line in body),
        "    except Exception:",
        "        _on_failure(o)",
    ]
    code = compile("\n".join(lines), f"<structure {kind.__qualname__}>", "exec")
    exec(code, scope)
    structure: Hook = scope["structure"]
    return structure
