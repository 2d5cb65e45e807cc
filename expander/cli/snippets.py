"""``expander list | show | expand | check | new | paths``: the snippets in effect,
one snippet's details and rendering, pack validation, adding a personal
snippet, and where Expander keeps its files."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from expander.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    SubParsers,
    add_command,
    add_field_option,
    add_json_option,
    add_library_options,
    iso_date,
    load_library,
    print_json,
    read_clipboard,
    read_file,
    read_stdin,
    repair_text,
    shown,
    warn,
)
from expander.errors import (
    BackendError,
    ExpanderError,
    MissingFieldsError,
    PackError,
    UnknownSnippetError,
)
from expander.library import Library, load
from expander.matcher import Case, KeyEvent, Matcher, TriggerSpec, apply_case
from expander.model import Problem, Severity, Snippet
from expander.packs import SNIPPET_KEYS, add_personal_snippet
from expander.paths import bundled_dir, user_paths
from expander.template import Rendered

__all__ = ["add_paths_command", "add_snippet_commands", "snippet_json"]

NO_BODY = "no body given: use --body TEXT, --body-file FILE, or pipe the text on stdin"


def snippet_json(lib: Library, snippet: Snippet, *, full: bool = False) -> dict[str, Any]:
    """A snippet as ``list --json`` prints it, or with ``full`` as ``show --json`` does."""
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


def _warn_about_broken_packs(lib: Library) -> None:
    if lib.errors:
        warn(
            f"Warning: {len(lib.errors)} problem(s) in the packs; "
            "broken snippets were skipped (details: expander check)"
        )


# --- commands ----------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    """List the snippets in effect after merging (personal > team > bundled)."""
    lib = load_library(args)
    snippets = [
        s for s in lib if args.language is None or (s.language or "").startswith(args.language)
    ]
    snippets.sort(key=lambda s: (s.language or "", s.trigger or "~", s.id))
    if args.json:
        print_json([snippet_json(lib, s) for s in snippets])
    else:
        if not snippets:
            print("No snippets loaded. Add one with: expander new --help")
        width = max((len(s.trigger or "") for s in snippets), default=0)
        id_width = max((len(s.id) for s in snippets), default=0)
        for s in snippets:
            print(shown(f"{(s.trigger or '-'):<{width}}  {s.id:<{id_width}}  {s.title}"))
    _warn_about_broken_packs(lib)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Show a snippet's details and body, by trigger, id or pack:id."""
    lib = load_library(args)
    snippet = lib.get(args.key)
    if args.json:
        print_json(snippet_json(lib, snippet, full=True))
        return EXIT_OK
    lines = [
        f"id:       {snippet.id}",
        f"trigger:  {snippet.trigger or '-'}",
        f"title:    {snippet.title}",
        f"pack:     {snippet.pack} ({snippet.layer.label}, {snippet.language or 'any language'})",
        f"source:   {snippet.location}",
    ]
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
        lines.append(f"fields:   {', '.join(described)}")
    if snippet.keywords:
        lines.append(f"keywords: {', '.join(snippet.keywords)}")
    lines += [f"example:  {example}" for example in snippet.examples]
    for line in lines:
        print(shown(line))
    print()
    print(shown(snippet.body, body=True))
    return EXIT_OK


def cmd_expand(args: argparse.Namespace) -> int:
    """Render a snippet with customer fields and print the reply. Missing fields stay
    visible as {name} gaps (or fail with --strict)."""
    lib = load_library(args)
    snippet, case = _typed(lib, args.key)
    fields = _fields_from(args.fields_from) if args.fields_from else {}
    fields.update(args.field)
    clipboard = args.clipboard_text
    if clipboard is None and lib.uses_clipboard(snippet):
        try:
            clipboard = read_clipboard()
        except BackendError as exc:
            warn(f"Warning: {exc}; {{clipboard}} is left as a gap")
    try:
        out = lib.render(
            snippet,
            fields,
            today=args.today,
            clipboard=clipboard,
            missing="error" if args.strict else "keep",
        )
    except MissingFieldsError as exc:
        raise ExpanderError(f"{exc}; {_how_to_give(exc.missing)}") from None
    if case is not Case.AS_TYPED:
        text = apply_case(out.text, case)
        out = Rendered(text, len(text) - (len(out.text) - out.cursor), out.missing)
    if args.json:
        print_json(
            {"id": snippet.id, "text": out.text, "cursor": out.cursor, "missing": list(out.missing)}
        )
    else:
        # a terminal shows the reply; a pipe (| xclip) gets it exactly
        sys.stdout.write(shown(out.text, body=True) if sys.stdout.isatty() else out.text)
        if not out.text.endswith("\n"):
            sys.stdout.write("\n")
        if out.missing:
            gaps = ", ".join(out.missing)
            warn(f"Note: missing fields left as gaps: {gaps} ({_how_to_give(out.missing)})")
    return EXIT_OK


def _fields_from(path: str) -> dict[str, str]:
    """The fields in a JSON file (``-``: stdin): an object of names and texts, or the
    output of ``expander suggest --json`` (its ``fields``). Off the command line, a
    customer's name and order are not shown to every user by ``ps``."""
    where = "stdin" if path == "-" else path
    try:
        data = json.loads(read_file(path))
    except OSError as exc:
        raise ExpanderError(f"cannot read the fields from {where}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ExpanderError(f"{where}:{exc.lineno}: the fields are not JSON ({exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("fields"), dict):
        data = data["fields"]  # expander suggest --json
    if not isinstance(data, dict) or not all(
        isinstance(name, str) and name.strip() and isinstance(value, str)
        for name, value in data.items()
    ):
        raise ExpanderError(
            f"{where}: the fields must be a JSON object of names and texts, "
            'e.g. {"name": "Anna", "order": "12345"}'
        )
    return {name.strip(): value for name, value in data.items()}


def _typed(lib: Library, key: str) -> tuple[Snippet, Case]:
    """The snippet ``key`` names, and how to case its reply: as the app does, a
    trigger typed ``;Delay`` or ``;DELAY`` finds ``;delay`` and cases the reply
    to match (when the snippet propagates case)."""
    try:
        return lib.get(key), Case.AS_TYPED
    except UnknownSnippetError:
        matcher = Matcher(
            TriggerSpec(trigger, s.id, s.word_boundary, s.propagate_case)
            for trigger, s in lib.triggers.items()
        )
        match = matcher.feed(KeyEvent.text(key)) or matcher.feed(KeyEvent.text(" "))
        if match is None or match.typed != key:
            raise
        return lib.triggers[match.spec.trigger], match.case


def _how_to_give(missing: Sequence[str]) -> str:
    """How to give the ``missing`` fields: ``--field``, and ``--clipboard-text`` for
    ``{clipboard}`` (a ``--field clipboard=...`` does not fill it)."""
    hints = []
    if any(name != "clipboard" for name in missing):
        hints.append("give fields with --field NAME=VALUE")
    if "clipboard" in missing:
        hints.append("give the clipboard text with --clipboard-text TEXT")
    return " and ".join(hints)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate packs and print every problem as file:line: severity: message. Without
    PATHS, checks everything the app would load, the settings file too. Exits 1 on
    errors."""
    if args.paths:
        lib = load(*args.paths, include_bundled=args.with_bundled, include_user=False)
    else:
        lib = load_library(args)
    every = [*lib.problems, *_settings_problems(args)]
    problems = [p for p in every if args.verbose or p.severity is not Severity.INFO]
    errors = sum(p.is_error for p in every)
    warnings = sum(p.severity is Severity.WARNING for p in every)
    overrides = sum(p.severity is Severity.INFO for p in every)
    if args.json:
        print_json(
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
                    for p in every
                ],
                "errors": errors,
                "warnings": warnings,
            }
        )
    else:
        for problem in problems:
            print(shown(str(problem)))
        if args.paths and not args.with_bundled:
            for ref in _bundled_refs(lib):
                print(shown(f"Note: {{snippet:{ref}}} is in the bundled packs: add --with-bundled"))
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


def _settings_problems(args: argparse.Namespace) -> tuple[Problem, ...]:
    """What is wrong in the settings file, as the app reads it, when ``check`` checks
    what the app would load (no PATHS, the user's files included)."""
    if args.paths or args.no_user:
        return ()
    from expander.desktop.settings import load_settings

    return load_settings()[1]


_UNRESOLVED_REF = re.compile(r"\{snippet:([^}]+)\} refers to no loaded snippet")


def _bundled_refs(lib: Library) -> list[str]:
    """The ``{snippet:...}`` references ``lib`` could not resolve that the bundled packs
    would: ``check PATHS`` leaves those out unless ``--with-bundled``."""
    refs = {m.group(1) for p in lib.errors if (m := _UNRESOLVED_REF.search(p.message))}
    if not refs:
        return []
    bundled = {s.id for s in load(include_bundled=True, include_user=False)}
    return sorted(refs & bundled)


def _new_body(args: argparse.Namespace) -> str:
    """The body from --body, --body-file or stdin, without the newline a file or
    ``echo`` ends with (typed out, it would send a chat message)."""
    if args.body_file is not None:
        if args.body is not None:
            raise ExpanderError("give the body with either --body or --body-file, not both")
        body = read_file(args.body_file)
    elif args.body is not None:
        body = repair_text(args.body, "--body")
    elif sys.stdin is None or sys.stdin.isatty():
        raise ExpanderError(NO_BODY)
    else:
        body = read_stdin("the body on stdin")
    body = body.rstrip("\r\n")
    if not body.strip():
        raise ExpanderError(NO_BODY)
    return body


def cmd_new(args: argparse.Namespace) -> int:
    """Add a snippet to your personal pack (it overrides team and bundled snippets with the
    same trigger or id). The file is saved atomically; the previous version is kept as
    personal.toml.bak."""
    snippet: dict[str, Any] = {
        "id": args.id,
        "trigger": args.trigger,
        "title": args.title or args.id,
        "body": _new_body(args),
        "keywords": args.keyword,
        "examples": args.example,
    }
    if args.word_boundary:
        snippet["word_boundary"] = True
    target = Path(args.file) if args.file else user_paths().personal_file
    try:
        written = add_personal_snippet(target, snippet, replace=args.replace)
    except PackError as exc:
        if exc.message.endswith("or replace it"):  # the id is taken: name the option that does
            raise PackError(f"{exc.message} with --replace", exc.path, exc.line) from None
        raise
    lib = load(include_bundled=True, include_user=True)
    shadows = [s for s in lib.shadows if s.winner.id == args.id]
    print(f"Saved snippet {args.id!r} to {written}")
    for shadow in shadows:
        print(f"Note: {shadow}")
    return EXIT_OK


def cmd_paths(args: argparse.Namespace) -> int:
    """Show the folders and files Expander uses (set EXPANDER_HOME to move them all)."""
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
        print_json({name: str(path) for name, path in entries.items()})
    else:
        for name, path in entries.items():
            print(f"{name + ':':<12}{path}")
    return EXIT_OK


# --- the parser -----------------------------------------------------------------------


def add_snippet_commands(commands: SubParsers) -> None:
    """Add ``list``, ``show``, ``expand``, ``check`` and ``new``, in that order."""
    p = add_command(commands, "list", cmd_list, help="list the snippets in effect")
    add_json_option(p, "print JSON instead of a table")
    p.add_argument("--language", metavar="LANG", help="only snippets in this language, e.g. pl")
    add_library_options(p)

    p = add_command(commands, "show", cmd_show, help="show one snippet")
    p.add_argument("key", metavar="ID|TRIGGER")
    add_json_option(p)
    add_library_options(p)

    p = add_command(commands, "expand", cmd_expand, help="render a snippet with fields")
    p.add_argument("key", metavar="ID|TRIGGER")
    add_field_option(p, "a field value, e.g. --field name=Anna; repeatable")
    p.add_argument(
        "--fields-from",
        metavar="FILE",
        help="read the fields from a JSON file (- for stdin): an object such as "
        '{"name": "Anna"}, or what \'expander suggest --json\' prints; --field wins. '
        "Keeps a customer's data off the command line, where other users can see it",
    )
    p.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="render dates as if today were this day",
    )
    p.add_argument(
        "--clipboard-text",
        metavar="TEXT",
        help="use this text for {clipboard} instead of the system clipboard",
    )
    p.add_argument("--strict", action="store_true", help="fail when a field is missing")
    add_json_option(p, "print JSON with text, cursor and missing")
    add_library_options(p)

    p = add_command(commands, "check", cmd_check, help="validate packs")
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
    add_json_option(p)
    add_library_options(p)

    p = add_command(commands, "new", cmd_new, help="add a personal snippet")
    p.add_argument("--id", required=True, help=SNIPPET_KEYS["id"])
    p.add_argument("--trigger", help=SNIPPET_KEYS["trigger"])
    p.add_argument("--title", help="a short title (default: the id)")
    p.add_argument("--body", help="the reply text; without it, read from --body-file or stdin")
    p.add_argument(
        "--body-file",
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


def add_paths_command(commands: SubParsers) -> None:
    """Add ``paths``."""
    p = add_command(commands, "paths", cmd_paths, help="show where Expander keeps things")
    add_json_option(p)
