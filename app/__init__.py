"""Briefing Builder: turn news articles about a meeting into a sourced briefing memo."""

__version__ = "0.1.0"
