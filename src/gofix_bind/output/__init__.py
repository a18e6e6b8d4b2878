"""Renderers: one module per output format, each pure (results in, bytes or text out)."""
