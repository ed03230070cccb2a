"""Data-to-snippet pipeline: validate `data/`, render `snippets/`, publish downloads.

Run `python -m scripts --help`. The same code runs from `hooks/generate.py` during MkDocs builds.
"""
