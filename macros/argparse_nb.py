"""argparse in bokmål: `python -m macros` prints its help, usage and errors in Norwegian.

`NorwegianArgumentParser` is an `argparse.ArgumentParser` whose own texts ("usage:", the section
headings, the help option and every error message) are in bokmål. Sub-commands made with
`add_subparsers().add_parser(...)` are parsers of the same class, so a new sub-command is covered
without any change here. The texts a command supplies itself (descriptions, help, metavar) are
the command's to write in Norwegian.

argparse builds its errors from English templates (gettext message ids) before `error()` sees
them, so `translate` matches the finished message against those templates and fills the
Norwegian one with the same values; an unknown message is passed on as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NoReturn

USAGE = "Bruk: "
POSITIONALS = "Argumenter"
OPTIONALS = "Valg"
HELP = "vis denne hjelpen og avslutt"
ERROR = "{prog}: feil: {message}\n"

# argparse's message templates (Python 3.11–3.13) and their bokmål. Placeholders are kept by
# name (%(value)r) or by position (%s); a value that is itself a message is translated too.
MESSAGES = {
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "mangler %s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ugyldig valg: %(value)s (velg blant %(choices)s)",
    "invalid %(type)s value: %(value)r": "ugyldig verdi: %(value)s (%(type)s)",
    "expected one argument": "mangler en verdi",
    "expected at most one argument": "tar høyst én verdi",
    "expected at least one argument": "trenger minst én verdi",
    "expected %s argument": "trenger %s verdi",
    "expected %s arguments": "trenger %s verdier",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig valg: %(option)s kan bety %(matches)s",
    "not allowed with argument %s": "kan ikke brukes sammen med %s",
    "one of the arguments %s is required": "ett av argumentene %s må være med",
    "ignored explicit argument %r": "tar ingen verdi (fikk %s)",
    "unexpected option string: %s": "uventet valg: %s",
}
# Captured values that are messages of their own (the rest are names and values, kept as is).
NESTED = {"message"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%[sr]")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str, list[str]]]:
    """(regex matching a finished English message, bokmål template, placeholder names)."""
    patterns: list[tuple[int, re.Pattern, str, list[str]]] = []
    for english, norwegian in MESSAGES.items():
        names: list[str] = []
        parts: list[str] = []
        position = count = 0
        for match in PLACEHOLDER.finditer(english):
            name = match.group(1) or f"_{count}"
            count += 1
            names.append(name)
            parts += [re.escape(english[position:match.start()]), f"(?P<{name}>.+?)"]
            position = match.end()
        parts.append(re.escape(english[position:]))
        in_order = iter(names)
        template = PLACEHOLDER.sub(lambda _: f"{{{next(in_order)}}}", norwegian)
        literal = len(PLACEHOLDER.sub("", english))
        patterns.append((literal, re.compile("".join(parts) + r"\Z", re.S), template, names))
    # The most literal text first: "expected one argument" before "expected %s argument".
    return [p[1:] for p in sorted(patterns, key=lambda p: -p[0])]


def translate(message: str) -> str:
    """An argparse message in bokmål; a message argparse did not write is returned unchanged."""
    for pattern, template, names in _patterns():
        match = pattern.match(message)
        if match:
            values = {name: translate(match.group(name)) if name in NESTED else match.group(name)
                      for name in names}
            return template.format(**values)
    return message


class NorwegianHelpFormatter(argparse.HelpFormatter):
    """The help text with a Norwegian "Bruk:" line."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class NorwegianArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks bokmål; its sub-command parsers are of this class too."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", NorwegianHelpFormatter)
        kwargs["add_help"] = False  # our own -h, with a Norwegian help text, is added below
        super().__init__(*args, **kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        if add_help:
            prefix = self.prefix_chars[0]
            self.add_argument(prefix + "h", prefix * 2 + "help", action="help",
                              default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in bokmål, and exit with 2 (as argparse does)."""
        self.print_usage(sys.stderr)
        self.exit(2, ERROR.format(prog=self.prog, message=translate(message)))
