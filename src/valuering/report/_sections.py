"""The section registry: every document (the report, the service catalogue) is the list of section
builders registered for it, in order. A capability adds its part of a report by registering a
builder here; :func:`to_markdown` and :func:`to_html` draw whatever is registered."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

import attrs

from valuering.errors import Problem, UnknownIdError, ValidationError
from valuering.report._blocks import ReportContext, Section

__all__ = [
    "DOCUMENTS",
    "SectionBuilder",
    "build_sections",
    "register_section",
    "section_ids",
    "unregister_section",
]

#: The documents sections belong to: the steering-committee report and the service catalogue.
DOCUMENTS = ("report", "catalogue")

#: A builder reads the context and gives the document's sections (none, one, or one per offering).
SectionBuilder = Callable[[ReportContext], Iterable[Section]]


@attrs.frozen
class _Entry:
    id: str
    build: SectionBuilder


_registry: dict[str, list[_Entry]] = {document: [] for document in DOCUMENTS}
_lock = threading.Lock()


def _entries(document: str) -> list[_Entry]:
    if document not in _registry:
        raise UnknownIdError("document", document, DOCUMENTS)
    return _registry[document]


def register_section(
    section_id: str,
    build: SectionBuilder,
    *,
    document: str = "report",
    after: str | None = None,
    replace: bool = False,
) -> None:
    """Add a builder of ``document``'s sections under ``section_id``: at the end, or just after the
    builder ``after``. A taken id is a :class:`~valuering.errors.ValidationError` unless
    ``replace=True`` (which keeps its place); an unknown document or ``after`` id is an
    :class:`~valuering.errors.UnknownIdError`.

    >>> from valuering.report import Paragraph, Section
    >>> def note(context):
    ...     yield Section("note", "A note", [Paragraph(f"{context.pmo.name} was reviewed.")])
    >>> register_section("note", note, after="glance")
    >>> section_ids()[:3]
    ('glance', 'note', 'customers')
    >>> unregister_section("note")
    """
    with _lock:
        entries = _entries(document)
        ids = [entry.id for entry in entries]
        if section_id in ids:
            if not replace:
                raise ValidationError(
                    [
                        Problem(
                            "section_id",
                            f"the {document} already has a section {section_id!r} "
                            "(pass replace=True to replace it)",
                        )
                    ]
                )
            entries[ids.index(section_id)] = _Entry(section_id, build)
            return
        if after is not None and after not in ids:
            raise UnknownIdError(f"{document} section", after, ids)
        position = len(entries) if after is None else ids.index(after) + 1
        entries.insert(position, _Entry(section_id, build))


def unregister_section(section_id: str, *, document: str = "report") -> None:
    """Remove the builder ``section_id`` from ``document`` (an unknown id is an
    :class:`~valuering.errors.UnknownIdError`).

    >>> register_section("appendix", lambda context: [])
    >>> unregister_section("appendix")
    >>> "appendix" in section_ids()
    False
    """
    with _lock:
        entries = _entries(document)
        ids = [entry.id for entry in entries]
        if section_id not in ids:
            raise UnknownIdError(f"{document} section", section_id, ids)
        del entries[ids.index(section_id)]


def section_ids(document: str = "report") -> tuple[str, ...]:
    """The ids of ``document``'s section builders, in order.

    >>> section_ids("catalogue")
    ('cover', 'offerings')
    """
    with _lock:
        return tuple(entry.id for entry in _entries(document))


def build_sections(
    context: ReportContext, document: str = "report", extra: Iterable[SectionBuilder] = ()
) -> list[Section]:
    """Every section of ``document`` for the model in ``context``, in registry order, then those of
    the ``extra`` builders (sections for this one document, such as a roadmap asked for once)."""
    with _lock:
        builders = [entry.build for entry in _entries(document)]
    builders.extend(extra)
    return [section for build in builders for section in build(context)]
