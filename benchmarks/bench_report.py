"""Report generation: the example and a generated model of 1,000 offerings, as Markdown and as HTML
with its pictures, against the same tables written with plain string formatting.

Run: ``python benchmarks/bench_report.py`` (``--offerings 1000 --rounds 5``).

Targets (issue 12): the example's report in under 1 s, 1,000 offerings in under 10 s. Rounds are
interleaved (each round runs every variant once) and the times given as min / median / max. The
variants:

- sections: the model's analysis and the report's blocks (every figure, no text yet);
- markdown: ``report.to_markdown`` (sections, then escaping and layout);
- html, no pictures: ``report.to_html(pictures=False)``;
- html: ``report.to_html`` with its SVG pictures (matplotlib, the ``plot`` extra);
- render markdown, render html: the renderers alone, on sections already built;
- plain: the same sections, already built, joined with f-strings and no escaping: the least any
  renderer of these tables can cost, the baseline for the two rendering rows.

A cold run (``valuering report`` in a new process: Python start, imports, matplotlib) is timed once
for the example.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import attrs

from valuering import (
    PMO,
    examples,
    report,
)
from valuering.report import Items, Paragraph, ReportContext, Section, Table
from valuering.report._html import html_document
from valuering.report._markdown import markdown_document
from valuering.report._sections import build_sections
from valuering.testing.models import large_pmo


def plain(sections: list[Section]) -> str:
    """The sections' text and tables as Markdown with nothing but f-strings and joins."""
    out = []
    for section in sections:
        out.append(f"## {section.title}")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Items):
                out.extend(f"- {item}" for item in block.items)
            elif isinstance(block, Table):
                out.append("| " + " | ".join(block.headers) + " |")
                out.append("|" + " --- |" * len(block.headers))
                out.extend("| " + " | ".join(row) + " |" for row in block.rows)
    return "\n\n".join(out)


def measure(pmo: PMO, rounds: int) -> dict[str, list[float]]:
    """Interleaved rounds; each round reads a fresh copy of the model, so no cached verdict of the
    soundness gate carries over from one run to the next."""
    sections = build_sections(ReportContext(pmo))
    title = "Report"
    variants: dict[str, Callable[[PMO], object]] = {
        "sections": lambda m: build_sections(ReportContext(m)),
        "markdown": lambda m: report.to_markdown(m),
        "html, no pictures": lambda m: report.to_html(m, pictures=False),
        "html": lambda m: report.to_html(m),
        "render markdown": lambda m: markdown_document(title, sections),
        "render html": lambda m: html_document(title, sections, pictures=False),
        "plain": lambda m: plain(sections),
    }
    for run in variants.values():  # warm up: imports, the catalog, matplotlib's fonts
        run(attrs.evolve(pmo))
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, run in variants.items():
            fresh = attrs.evolve(pmo)
            start = time.perf_counter()
            run(fresh)
            times[name].append(time.perf_counter() - start)
    return times


def cold(pmo_file: str) -> float:
    """Seconds for ``valuering report`` in a new process: Python, imports, matplotlib, the file."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "valuering", "report", pmo_file, "-o", f"{folder}/r.html"],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def show(title: str, times: dict[str, list[float]], limit: float) -> None:
    print(f"\n{title}")
    for name, values in times.items():
        low, middle, high = min(values), statistics.median(values), max(values)
        print(f"  {name:<18} {low:8.4f} {middle:8.4f} {high:8.4f} s  (min / median / max)")
    baseline = statistics.median(times["plain"])
    for name in ("render markdown", "render html"):
        ratio = statistics.median(times[name]) / baseline
        print(f"  {name}: {ratio:.1f}x the plain join of the same tables")
    html = statistics.median(times["html"])
    verdict = "within" if html < limit else "OVER"
    print(f"  HTML with pictures: median {html:.3f} s, {verdict} the {limit:g} s target")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offerings", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    example = examples.load("northwind-energy")
    show("Example (12 offerings)", measure(example, args.rounds), 1.0)
    print(
        f"  valuering report in a new process (cold): {cold(str(examples.path('northwind-energy'))):.2f} s"
    )
    large = large_pmo(args.offerings)
    show(f"Generated ({args.offerings} offerings)", measure(large, args.rounds), 10.0)


if __name__ == "__main__":
    main()
