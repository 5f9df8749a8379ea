"""Reading and writing valuering data: the strict converter and (later) model files."""

from valuering.io._converter import make_converter, structure, unstructure

__all__ = ["make_converter", "structure", "unstructure"]
