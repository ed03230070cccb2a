"""Renderers: each takes the loaded Dataset and returns {relative output path: content}."""
