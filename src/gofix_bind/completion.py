"""Shell completion (click's) across main()'s own dispatch of the subcommands.

click completes one command; gofix-bind is a command whose first argument may name a
subcommand. So the first argument also completes to the subcommands' names, and once one is
typed, the words after it are completed by that subcommand, as if it were the program.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, MutableMapping

from click.shell_completion import CompletionItem, split_arg_string

# The variable click reads for every command, the subcommands included (whose prog_name has a
# space, from which click would derive another name).
COMPLETE_VAR = "_GOFIX_BIND_COMPLETE"


def first_argument(
    names: Collection[str], incomplete: str, environ: Mapping[str, str]
) -> list[CompletionItem]:
    """Complete a path, and the subcommand names when it is the program's first word."""
    items = [CompletionItem(incomplete, type="file")]
    if _first_word(environ, incomplete):
        items += [CompletionItem(name) for name in sorted(names) if name.startswith(incomplete)]
    return items


def _first_word(environ: Mapping[str, str], incomplete: str) -> bool:
    """Tell whether the word being completed comes right after the program's name."""
    if environ.get(COMPLETE_VAR, "") == "fish_complete":
        words = split_arg_string(environ.get("COMP_WORDS", ""))
        return len(words) - (1 if incomplete else 0) == 1
    return environ.get("COMP_CWORD") == "1"


def subcommand(names: Collection[str], environ: MutableMapping[str, str]) -> str | None:
    """Return the subcommand whose words the shell asks to complete, and make them its own.

    The subcommand's name is taken out of COMP_WORDS (and COMP_CWORD moved back for the shells
    that count words), so that the subcommand sees its own words after the program's name.
    """
    instruction = environ.get(COMPLETE_VAR, "")
    if not instruction.endswith("_complete") or "COMP_WORDS" not in environ:
        return None
    words = split_arg_string(environ["COMP_WORDS"])
    if len(words) < 2 or words[1] not in names:
        return None
    if instruction == "fish_complete":
        # fish gives the word being typed itself: the name may still be being typed.
        if len(words) == 2 and environ.get("COMP_CWORD", "") == words[1]:
            return None
    else:
        cword = int(environ.get("COMP_CWORD", "0") or 0)
        if cword < 2:
            return None
        environ["COMP_CWORD"] = str(cword - 1)
    environ["COMP_WORDS"] = " ".join(_quoted(word) for word in [words[0], *words[2:]])
    return words[1]


def _quoted(word: str) -> str:
    # As split_arg_string reads it back: shell quoting, kept minimal for plain words.
    if word and all(c.isalnum() or c in "-_./=:@%+," for c in word):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def enabled() -> bool:
    """Tell whether this process was started by a completion script."""
    return bool(os.environ.get(COMPLETE_VAR))
