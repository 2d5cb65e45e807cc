"""``expander ...``: the command line on top of the library.

A thin layer: it parses arguments, calls the library, prints, and turns
:class:`~expander.errors.ExpanderError` into ``Error: ...`` and a non-zero exit
code. User mistakes never end in a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import expander
from expander.cli.pack import add_pack_commands
from expander.cli.stats import add_stats_commands
from expander.errors import BackendError, ExpanderError, MissingFieldsError
from expander.library import Library, load
from expander.model import Problem, Severity, Snippet
from expander.packs import SNIPPET_KEYS, add_personal_snippet
from expander.paths import bundled_dir, user_paths

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]


# --- helpers ---------------------------------------------------------------------


def _library(args: argparse.Namespace) -> Library:
    return load(
        *args.pack,
        include_bundled=not args.no_bundled,
        include_user=not args.no_user,
    )


def _print_json(data: Any, out: TextIO | None = None) -> None:
    json.dump(data, out or sys.stdout, ensure_ascii=False, indent=2)
    (out or sys.stdout).write("\n")


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _snippet_json(lib: Library, snippet: Snippet, *, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": snippet.id,
        "trigger": snippet.trigger,
        "title": snippet.title,
        "pack": snippet.pack,
        "layer": snippet.layer.label,
        "language": snippet.language,
    }
    if full:
        data |= {
            "keywords": list(snippet.keywords),
            "examples": list(snippet.examples),
            "tags": list(snippet.tags),
            "word_boundary": snippet.word_boundary,
            "propagate_case": snippet.propagate_case,
            "inject": snippet.inject,
            "fields": [
                {"name": f.name, "kind": f.kind, "default": f.default, "options": list(f.options)}
                for f in lib.fields_of(snippet)
            ],
            "source": str(snippet.location),
            "body": snippet.body,
        }
    return data


def _field_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _problem_line(problem: Problem) -> str:
    return str(problem)


# --- commands ----------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    lib = _library(args)
    snippets = [
        s for s in lib if args.language is None or (s.language or "").startswith(args.language)
    ]
    snippets.sort(key=lambda s: (s.language or "", s.trigger or "~", s.id))
    if args.json:
        _print_json([_snippet_json(lib, s) for s in snippets])
    else:
        if not snippets:
            print("No snippets loaded. Add one with: expander new --help")
        width = max((len(s.trigger or "") for s in snippets), default=0)
        id_width = max((len(s.id) for s in snippets), default=0)
        for s in snippets:
            print(f"{(s.trigger or '-'):<{width}}  {s.id:<{id_width}}  {s.title}")
    _report_error_count(lib)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    lib = _library(args)
    snippet = lib.get(args.key)
    if args.json:
        _print_json(_snippet_json(lib, snippet, full=True))
        return EXIT_OK
    print(f"id:       {snippet.id}")
    print(f"trigger:  {snippet.trigger or '-'}")
    print(f"title:    {snippet.title}")
    print(f"pack:     {snippet.pack} ({snippet.layer.label}, {snippet.language or 'any language'})")
    print(f"source:   {snippet.location}")
    fields = lib.fields_of(snippet)
    if fields:
        described = []
        for f in fields:
            if f.kind == "choice":
                described.append(f"{f.name} (one of: {' | '.join(f.options)})")
            elif f.default is not None:
                described.append(f"{f.name} (default: {f.default!r})")
            else:
                described.append(f.name)
        print(f"fields:   {', '.join(described)}")
    if snippet.keywords:
        print(f"keywords: {', '.join(snippet.keywords)}")
    for example in snippet.examples:
        print(f"example:  {example}")
    print()
    print(snippet.body)
    return EXIT_OK


def cmd_expand(args: argparse.Namespace) -> int:
    lib = _library(args)
    snippet = lib.get(args.key)
    fields = dict(args.field)
    clipboard = args.clipboard_text
    if clipboard is None and lib.uses_clipboard(snippet):
        try:
            from expander.desktop.backends.clipboard import read_text

            clipboard = read_text()
        except BackendError as exc:
            _warn(f"Warning: {exc}; {{clipboard}} is left as a gap")
    try:
        out = lib.render(
            snippet,
            fields,
            today=args.today,
            clipboard=clipboard,
            missing="error" if args.strict else "keep",
        )
    except MissingFieldsError as exc:
        hints = []
        if any(name != "clipboard" for name in exc.missing):
            hints.append("give fields with --field NAME=VALUE")
        if "clipboard" in exc.missing:
            hints.append("give the clipboard text with --clipboard-text TEXT")
        raise ExpanderError(f"{exc}; {' and '.join(hints)}") from None
    if args.json:
        _print_json(
            {"id": snippet.id, "text": out.text, "cursor": out.cursor, "missing": list(out.missing)}
        )
    else:
        sys.stdout.write(out.text)
        if not out.text.endswith("\n"):
            sys.stdout.write("\n")
        if out.missing:
            _warn(
                f"Note: missing fields left as gaps: {', '.join(out.missing)} "
                "(give them with --field NAME=VALUE)"
            )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    if args.paths:
        lib = load(*args.paths, include_bundled=args.with_bundled, include_user=False)
    else:
        lib = _library(args)
    problems = [p for p in lib.problems if args.verbose or p.severity is not Severity.INFO]
    errors = sum(p.is_error for p in lib.problems)
    warnings = sum(p.severity is Severity.WARNING for p in lib.problems)
    overrides = sum(p.severity is Severity.INFO for p in lib.problems)
    if args.json:
        _print_json(
            {
                "packs": [
                    {
                        "name": p.name,
                        "version": p.version,
                        "layer": p.layer.label,
                        "path": str(p.path),
                        "snippets": len(p.snippets),
                    }
                    for p in lib.packs
                ],
                "problems": [
                    {
                        "severity": p.severity.value,
                        "path": str(p.path) if p.path else None,
                        "line": p.line,
                        "message": p.message,
                    }
                    for p in lib.problems
                ],
                "errors": errors,
                "warnings": warnings,
            }
        )
    else:
        for problem in problems:
            print(_problem_line(problem))
        summary = (
            f"{len(lib.packs)} pack(s), {len(lib)} snippet(s): "
            f"{errors} error(s), {warnings} warning(s)"
        )
        if overrides:
            summary += f", {overrides} override(s)"
            if not args.verbose:
                summary += " (list them with --verbose)"
        print(summary)
    return EXIT_ERROR if errors else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    body = args.body
    if body is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise ExpanderError(
                "no body given: use --body TEXT, --body-file FILE, or pipe the text on stdin"
            )
        body = sys.stdin.read()
    # a file or `echo` ends with a newline; typed out, it would send a chat message
    body = body.rstrip("\r\n")
    if not body.strip():
        raise ExpanderError(
            "no body given: use --body TEXT, --body-file FILE, or pipe the text on stdin"
        )
    snippet: dict[str, Any] = {
        "id": args.id,
        "trigger": args.trigger,
        "title": args.title or args.id,
        "body": body,
        "keywords": args.keyword,
        "examples": args.example,
    }
    if args.word_boundary:
        snippet["word_boundary"] = True
    paths = user_paths()
    target = Path(args.file) if args.file else paths.personal_file
    written = add_personal_snippet(target, snippet, replace=args.replace)
    lib = load(include_bundled=True, include_user=True)
    shadows = [s for s in lib.shadows if s.winner.id == args.id]
    print(f"Saved snippet {args.id!r} to {written}")
    for shadow in shadows:
        print(f"Note: {shadow}")
    return EXIT_OK


def cmd_paths(args: argparse.Namespace) -> int:
    paths = user_paths()
    entries = {
        "config": paths.config_dir,
        "personal": paths.personal_file,
        "settings": paths.settings_file,
        "team_packs": paths.team_packs_dir,
        "data": paths.data_dir,
        "bundled": bundled_dir(),
    }
    if args.json:
        _print_json({name: str(path) for name, path in entries.items()})
    else:
        for name, path in entries.items():
            print(f"{name + ':':<12}{path}")
    return EXIT_OK


def _read_email(args: argparse.Namespace) -> str:
    if args.clipboard:
        from expander.desktop.backends.clipboard import read_text

        text = read_text()
    else:
        if sys.stdin is None or sys.stdin.isatty():
            raise ExpanderError(
                "paste the customer's e-mail on stdin (e.g. xclip -o | expander suggest), "
                "or use --clipboard"
            )
        text = sys.stdin.read()
    if not text.strip():
        raise ExpanderError("the e-mail is empty: nothing to suggest a reply for")
    return text


def cmd_suggest(args: argparse.Namespace) -> int:
    from expander.suggest import accept, learned_examples, suggest

    lib = _library(args)
    learned = learned_examples(lib)
    if args.export is not None:
        if learned is None:
            raise ExpanderError(
                "learned examples are kept only with your user folder (no --no-user)"
            )
        count = learned.export(Path(args.export), {s.id: s.title for s in lib})
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
        _print_json(
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
        return EXIT_OK
    if not suggestions:
        print("No confident match: no snippet answers this e-mail well. "
              "(--all shows the closest ones anyway)")  # fmt: skip
        return EXIT_OK
    print("Score  Trigger / id")
    for s in suggestions:
        flag = "" if s.confident else "  (not confident)"
        print(f"{s.score:5.1f}  {s.snippet.trigger or s.snippet.id}  {s.snippet.title}{flag}")
        for reason in s.reasons:
            print(f"       {reason}")
    found = suggestions[0].fields
    if found:
        print("\nFields from the e-mail: " + ", ".join(f"{k}={v}" for k, v in found.items()))
    print(f"\n--- reply: {suggestions[0].snippet.title} ---")
    print(suggestions[0].reply.text)
    if suggestions[0].reply.missing:
        _warn("Note: still to fill in: " + ", ".join(suggestions[0].reply.missing))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from expander.desktop.app import AppOptions, configure_logging, run

    configure_logging(args.verbose)
    options = AppOptions(
        packs=[Path(p) for p in args.pack],
        include_bundled=not args.no_bundled,
        include_user=not args.no_user,
        fields=dict(args.field),
        paste_threshold=args.paste_threshold,
        suggest_hotkey=args.suggest_hotkey,
        pause_hotkey=args.pause_hotkey,
        tray=not args.no_tray,
    )
    return run(options)


def _report_error_count(lib: Library) -> None:
    if lib.errors:
        _warn(
            f"Warning: {len(lib.errors)} problem(s) in the packs; "
            "broken snippets were skipped (details: expander check)"
        )


# --- the parser -----------------------------------------------------------------------


def _add_library_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("which packs to load")
    group.add_argument(
        "-p",
        "--pack",
        action="append",
        default=[],
        metavar="PATH",
        help="a team pack (.toml file or pack folder) to load; repeatable, later ones win",
    )
    group.add_argument(
        "--no-bundled", action="store_true", help="leave out the bundled default packs"
    )
    group.add_argument(
        "--no-user",
        action="store_true",
        help="leave out your personal snippets and installed team packs",
    )


def _add_field_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument(
        "-f",
        "--field",
        action="append",
        default=[],
        type=_field_pair,
        metavar="NAME=VALUE",
        help=help,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="expander",
        description="Canned replies for customer support: list, render and check snippets.",
        epilog="Run 'expander COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"expander {expander.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "list",
        help="list the snippets in effect",
        description=("List the snippets in effect after merging (personal > team > bundled)."),
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--language", metavar="LANG", help="only snippets in this language, e.g. pl")
    _add_library_options(p)
    p.set_defaults(func=cmd_list)

    p = commands.add_parser(
        "show",
        help="show one snippet",
        description=("Show a snippet's details and body, by trigger, id or pack:id."),
    )
    p.add_argument("key", metavar="ID|TRIGGER")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_library_options(p)
    p.set_defaults(func=cmd_show)

    p = commands.add_parser(
        "expand",
        help="render a snippet with fields",
        description=(
            "Render a snippet with customer fields and print the reply. Missing fields "
            "stay visible as {name} gaps (or fail with --strict)."
        ),
    )
    p.add_argument("key", metavar="ID|TRIGGER")
    _add_field_option(p, "a field value, e.g. --field name=Anna; repeatable")
    p.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD", help="render dates as if today were this day"
    )
    p.add_argument(
        "--clipboard-text",
        metavar="TEXT",
        help="use this text for {clipboard} instead of the system clipboard",
    )
    p.add_argument("--strict", action="store_true", help="fail when a field is missing")
    p.add_argument("--json", action="store_true", help="print JSON with text, cursor and missing")
    _add_library_options(p)
    p.set_defaults(func=cmd_expand)

    p = commands.add_parser(
        "check",
        help="validate packs",
        description=(
            "Validate packs and print every problem as file:line: severity: message. "
            "Without PATHS, checks everything the app would load. Exits 1 on errors."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="pack files or folders to check")
    p.add_argument(
        "--with-bundled",
        action="store_true",
        help="with PATHS: load the bundled packs too (for {snippet:...} references)",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also list overrides (a personal snippet replacing a team one, ...)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_library_options(p)
    p.set_defaults(func=cmd_check)

    p = commands.add_parser(
        "new",
        help="add a personal snippet",
        description=(
            "Add a snippet to your personal pack (it overrides team and bundled snippets "
            "with the same trigger or id). The file is saved atomically; the previous "
            "version is kept as personal.toml.bak."
        ),
    )
    p.add_argument("--id", required=True, help=SNIPPET_KEYS["id"])
    p.add_argument("--trigger", help=SNIPPET_KEYS["trigger"])
    p.add_argument("--title", help="a short title (default: the id)")
    p.add_argument("--body", help="the reply text; without it, read from --body-file or stdin")
    p.add_argument(
        "--body-file",
        type=argparse.FileType("r", encoding="utf-8"),
        metavar="FILE",
        help="read the body from FILE ('-' for stdin)",
    )
    p.add_argument("--keyword", action="append", default=[], help="a keyword; repeatable")
    p.add_argument(
        "--example", action="append", default=[], help="a sample customer message; repeatable"
    )
    p.add_argument(
        "--word-boundary",
        action="store_true",
        help="expand only when a space or punctuation follows the trigger",
    )
    p.add_argument("--replace", action="store_true", help="replace a personal snippet with this id")
    p.add_argument("--file", metavar="PATH", help="save to this pack file instead")
    p.set_defaults(func=cmd_new)

    p = commands.add_parser(
        "suggest",
        help="suggest replies for a customer's e-mail",
        description=(
            "Rank the snippets that answer a customer's e-mail (read from stdin, or the "
            "clipboard with --clipboard) and print the best reply filled with the fields "
            "found in the e-mail. Scores are 0-100; below the confidence threshold "
            "(40, or 27 without the embedding model) nothing is suggested."
        ),
    )
    p.add_argument("--limit", type=int, default=3, metavar="N", help="how many (default 3)")
    p.add_argument("--clipboard", action="store_true", help="read the e-mail from the clipboard")
    p.add_argument("--json", action="store_true", help="print JSON")
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
    _add_library_options(p)
    p.set_defaults(func=cmd_suggest)

    p = commands.add_parser(
        "run",
        help="run the desktop app (expands triggers anywhere)",
        description=(
            "Run the desktop app: watch the keyboard and expand triggers in whatever window "
            "has focus. Needs a graphical X11 session. Stop it with Ctrl+C."
        ),
    )
    _add_field_option(
        p, "a default field value for every expansion, e.g. --field agent=Kasia; repeatable"
    )
    p.add_argument(
        "--paste-threshold",
        type=int,
        default=None,
        metavar="N",
        help="paste replies longer than N characters instead of typing them (default: the "
        "settings file's, 40; "
        "text the keyboard layout cannot type is always pasted)",
    )
    p.add_argument(
        "--suggest-hotkey",
        default=None,
        metavar="KEYS",
        help="keys that open the reply picker for the e-mail on the clipboard "
        "(default: the settings file's, <ctrl>+<alt>+s; '' to disable)",
    )
    p.add_argument(
        "--pause-hotkey",
        default=None,
        metavar="KEYS",
        help="keys that pause and resume expansion "
        "(default: the settings file's, <ctrl>+<alt>+p; '' to disable)",
    )
    p.add_argument("--no-tray", action="store_true", help="run without a tray icon")
    p.add_argument("-v", "--verbose", action="store_true", help="log more (never typed text)")
    _add_library_options(p)
    p.set_defaults(func=cmd_run)

    p = commands.add_parser(
        "paths",
        help="show where Expander keeps things",
        description=(
            "Show the folders and files Expander uses (set EXPANDER_HOME to move them all)."
        ),
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_paths)
    add_pack_commands(commands)
    add_stats_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 error, 2 usage)."""
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe in a legacy encoding must not turn "Zażółć" into a traceback
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if getattr(args, "body_file", None) is not None:
            if args.body is not None:
                raise ExpanderError("give the body with either --body or --body-file, not both")
            with args.body_file as handle:
                args.body = handle.read()
        code: int = args.func(args)
        return code
    except ExpanderError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `expander list | head -1`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail too
        return EXIT_OK
    except OSError as exc:  # a file or folder we must write or read is not usable
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"Error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
