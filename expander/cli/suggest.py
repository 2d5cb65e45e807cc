"""``expander suggest``: rank the snippets that answer a customer's e-mail, learn
from an accepted reply (``--accept``), and export what was learned (``--export``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from expander.cli.common import (
    EXIT_OK,
    SubParsers,
    add_command,
    add_json_option,
    add_library_options,
    load_library,
    print_json,
    read_clipboard,
    read_stdin,
    shown,
    warn,
)
from expander.errors import ExpanderError

if TYPE_CHECKING:
    from expander.suggest.ranker import Suggestion

__all__ = ["add_suggest_command"]


def _read_email(args: argparse.Namespace) -> str:
    """The customer's e-mail from stdin, or the clipboard with ``--clipboard``."""
    if args.clipboard:
        text = read_clipboard()
    else:
        if sys.stdin is None or sys.stdin.isatty():
            raise ExpanderError(
                "paste the customer's e-mail on stdin (e.g. xclip -o | expander suggest), "
                "or use --clipboard"
            )
        text = read_stdin("the e-mail on stdin")
    if not text.strip():
        raise ExpanderError("the e-mail is empty: nothing to suggest a reply for")
    return text


def _print_suggestions_json(suggestions: Sequence[Suggestion]) -> None:
    print_json(
        {
            "fields": dict(suggestions[0].fields) if suggestions else {},
            "confident": bool(suggestions) and suggestions[0].confident,
            "suggestions": [
                {
                    "id": s.snippet.id,
                    "trigger": s.snippet.trigger,
                    "title": s.snippet.title,
                    "pack": s.snippet.pack,
                    "score": s.score,
                    "confident": s.confident,
                    "reasons": list(s.reasons),
                    "reply": s.reply.text,
                    "cursor": s.reply.cursor,
                    "missing": list(s.reply.missing),
                }
                for s in suggestions
            ],
        }
    )


def _print_suggestions(suggestions: Sequence[Suggestion]) -> None:
    if not suggestions:
        print("No confident match: no snippet answers this e-mail well. "
              "(--all shows the closest ones anyway)")  # fmt: skip
        return
    print("Score  Trigger / id")
    for s in suggestions:
        flag = "" if s.confident else "  (not confident)"
        print(
            shown(f"{s.score:5.1f}  {s.snippet.trigger or s.snippet.id}  {s.snippet.title}{flag}")
        )
        for reason in s.reasons:
            print(shown(f"       {reason}"))
    best = suggestions[0]
    if best.fields:
        found = ", ".join(f"{k}={v}" for k, v in best.fields.items())
        print(shown(f"\nFields from the e-mail: {found}", body=True))
    print(shown(f"\n--- reply: {best.snippet.title} ---", body=True))
    print(shown(best.reply.text, body=True))
    if best.reply.missing:
        warn("Note: still to fill in: " + ", ".join(best.reply.missing))


def cmd_suggest(args: argparse.Namespace) -> int:
    """Rank the snippets that answer a customer's e-mail (read from stdin, or the clipboard
    with --clipboard) and print the best reply filled with the fields found in the
    e-mail. Scores are 0-100; a reply is suggested only when it is a confident match:
    its score reaches the threshold for the e-mail's language and the kind of snippet
    (for a snippet without examples 51.5 for English, 53.5 for Polish, 67.5 for Russian
    or an unknown language; 27 without the embedding models), or it leads clearly a
    little below. --min-score sets one threshold instead; --all shows the best anyway."""
    from expander.suggest import accept, learned_examples, suggest

    lib = load_library(args)
    learned = learned_examples(lib)
    if args.forget_learned:
        if learned is None:
            raise ExpanderError(
                "learned examples are kept only with your user folder (no --no-user)"
            )
        count = learned.forget()
        print(f"Forgot {count} learned example(s) and what was computed from them.")
        return EXIT_OK
    if args.export is not None:
        if learned is None:
            raise ExpanderError(
                "learned examples are kept only with your user folder (no --no-user)"
            )
        count = learned.export(
            Path(args.export),
            {s.id: s.title for s in lib},
            [pattern for pack in lib.packs for pattern in pack.order_patterns],
        )
        print(f"Exported learned examples for {count} snippet(s) to {args.export}")
        return EXIT_OK
    email = _read_email(args)
    if args.accept is not None:
        snippet = lib.get(args.accept)
        accept(lib, snippet, email)
        print(f"Learned: e-mails like this one now rank {snippet.id!r} higher.")
        return EXIT_OK
    suggestions = suggest(lib, email, args.limit, min_score=0.0 if args.all else args.min_score)
    if args.json:
        _print_suggestions_json(suggestions)
    else:
        _print_suggestions(suggestions)
    return EXIT_OK


def add_suggest_command(commands: SubParsers) -> None:
    """Add ``suggest``."""
    p = add_command(
        commands, "suggest", cmd_suggest, help="suggest replies for a customer's e-mail"
    )
    p.add_argument("--limit", type=int, default=3, metavar="N", help="how many (default 3)")
    p.add_argument("--clipboard", action="store_true", help="read the e-mail from the clipboard")
    add_json_option(p)
    p.add_argument(
        "--min-score", type=float, default=None, metavar="S", help="the confidence threshold, 0-100"
    )
    p.add_argument("--all", action="store_true", help="show the best N even if not confident")
    p.add_argument(
        "--accept",
        metavar="ID|TRIGGER",
        help="learn: keep this e-mail (masked) as an example for that snippet",
    )
    p.add_argument(
        "--export",
        metavar="FILE",
        help="write the learned examples as TOML for the team pack's manager",
    )
    p.add_argument(
        "--forget-learned",
        action="store_true",
        help="delete every learned example, and what was computed from them",
    )
    add_library_options(p)
