"""Fact extraction: every quantitative target and observation of a document."""
from .extract import extract_facts

__all__ = ["extract_facts"]
