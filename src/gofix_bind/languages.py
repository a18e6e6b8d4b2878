"""The registry of languages: the one place outside a language package that names one."""

from __future__ import annotations

from collections.abc import Mapping

from gofix_bind.go.language import GO
from gofix_bind.language import Language

LANGUAGES: tuple[Language, ...] = (GO,)
_BY_NAME: Mapping[str, Language] = {language.name: language for language in LANGUAGES}


def by_name(name: str) -> Language:
    """Return the registered language of that name."""
    return _BY_NAME[name]
