"""Loading, validating and saving snippet packs (TOML).

A pack is one ``.toml`` file with a ``[pack]`` table, or a folder whose
``pack.toml`` holds the ``[pack]`` table and whose other ``.toml`` files hold
more ``[[snippets]]``. Loading never raises for what is inside a file: every
problem becomes a :class:`~expander.model.Problem` with file, line and what to
do, and whatever is valid is kept, so one broken snippet does not sink a pack.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import tomli_w

from expander import template as tmpl
from expander.errors import PackError, TemplateError
from expander.fsutil import atomic_write_bytes
from expander.model import InjectMode, Layer, Pack, Problem, Snippet, SourceLocation
from expander.ownpatterns import pattern_problem
from expander.tomlsource import (
    Block,
    FileReport,
    TomlHeader,
    did_you_mean,
    multiline_string_line,
    read_toml,
    scan_toml_lines,
)

__all__ = [
    "MANIFEST",
    "PACK_KEYS",
    "PACK_NAME_RE",
    "SEMVER_RE",
    "SNIPPET_KEYS",
    "LoadedPack",
    "add_personal_snippet",
    "load_pack",
    "pack_files",
]

MANIFEST = "pack.toml"

PACK_KEYS = {
    "name": 'a unique pack name, e.g. name = "support-en"',
    "version": 'the pack\'s version as semver, e.g. version = "1.0.0"',
    "language": 'a BCP-47 language code, e.g. language = "pl"',
    "description": "one line saying what the pack is for",
    "author": "who maintains the pack",
    "word_boundary": "true or false",
    "propagate_case": "true or false",
    "inject": '"auto", "type" or "paste"',
    "order_patterns": "regular expressions for the shop's own order numbers",
}
SNIPPET_KEYS = {
    "id": 'a unique id, e.g. id = "order-delayed"',
    "trigger": 'an abbreviation without spaces, e.g. trigger = ";delay"',
    "title": 'a short title, e.g. title = "Order delayed"',
    "body": "the reply text (a template)",
    "keywords": 'a list of words, e.g. keywords = ["late", "parcel"]',
    "examples": "a list of sample customer messages",
    "tags": "a list of tags",
    "word_boundary": "true or false",
    "propagate_case": "true or false",
    "inject": '"auto", "type" or "paste"',
}
_TOP_KEYS = {"pack", "snippets"}
_REQUIRED_SNIPPET_KEYS = ("id", "title", "body")
_INJECT_MODES = ("auto", "type", "paste")

PACK_NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
"""A valid pack name: lowercase letters, digits, '.', '_' or '-', at most 64."""
SEMVER_RE = re.compile(
    r"(?=.{5,64}\Z)(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\Z"
)
"""A valid pack version: semantic versioning 2.0 (pre-release and build parts allowed), at
most 64 characters: it becomes part of file names (an archive's, an installed version's
folder), and a 300-character one passed every check but failed at build and install."""
_SNIPPET_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")


# --- finding lines in the TOML text --------------------------------------------


class _Lines:
    """Line numbers of the ``[pack]`` table and each ``[[snippets]]`` entry.

    Enough to point a problem at the right line; anything the scan cannot
    place falls back to the entry's header line.
    """

    def __init__(self, text: str) -> None:
        self.pack: Block | None = None
        self.snippets: list[Block] = []
        self.text_lines = text.splitlines()
        self.top = Block(1)
        current: Block | None = self.top
        for item in scan_toml_lines(self.text_lines):
            if isinstance(item, TomlHeader):
                name = item.raw_name.strip().strip("\"'")
                current = None
                if item.bracket == "[[" and name == "snippets":
                    current = Block(item.line)
                    self.snippets.append(current)
                elif item.bracket == "[" and name == "pack":
                    current = self.pack = Block(item.line)
            elif current is not None:
                current.keys.setdefault(item.name, item.line)

    def snippet(self, index: int) -> Block | None:
        return self.snippets[index] if index < len(self.snippets) else None


# --- loading --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadedPack:
    """What loading one path gave: the pack (None if unusable) and every problem."""

    pack: Pack | None
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class _Defaults:
    word_boundary: bool = False
    propagate_case: bool = True
    inject: InjectMode = "auto"
    order_patterns: tuple[str, ...] = ()


_NO_HEADER = ("?", "0.0.0", None, "", "", _Defaults())


def pack_files(path: Path, unreadable: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The TOML files that make up the pack at ``path``, manifest first.

    Every entry named ``*.toml`` is a file of the pack, whatever it is now (a
    folder, a named pipe, a link to nothing or to itself): the loader reports
    it as a file it cannot read, instead of the pack losing its snippets
    without a word. Hidden files and folders are skipped. A sub-folder that
    cannot be listed is added to ``unreadable`` with the reason (or raises
    ``OSError`` when no list is given).
    """
    if not path.is_dir():
        return [path]
    manifest = path / MANIFEST
    found: list[Path] = []
    _walk_pack_folder(path, found, unreadable)
    return [manifest, *sorted(p for p in found if p != manifest)]


def _walk_pack_folder(
    folder: Path, found: list[Path], unreadable: list[tuple[Path, str]] | None
) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        if unreadable is None:
            raise
        unreadable.append((folder, exc.strerror or str(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        if entry.name.endswith(".toml"):
            found.append(child)
        elif _is_real_dir(entry):
            _walk_pack_folder(child, found, unreadable)


def _is_real_dir(entry: os.DirEntry[str]) -> bool:
    """A folder, not a link to one (a link loop is never followed)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def load_pack(
    path: str | Path, layer: Layer = Layer.TEAM, *, word_boundary: bool = False
) -> LoadedPack:
    """Load and validate the pack at ``path`` (a ``.toml`` file or a pack folder).

    ``word_boundary`` is the default for snippets whose pack and own entry say
    nothing (the user's ``[expansion] word_boundary`` setting).

    Never raises for the content of the files: problems are collected and
    returned with the pack built from everything that was valid.
    """
    path = Path(path)
    problems: list[Problem] = []
    if path.name.endswith(".toml") and path.is_dir() and not (path / MANIFEST).exists():
        read_toml(path, FileReport(path, problems))  # a pack file replaced by a folder
        return LoadedPack(None, tuple(problems))
    unreadable: list[tuple[Path, str]] = []
    files = pack_files(path, unreadable)
    for folder, reason in unreadable:
        FileReport(folder, problems).error(
            f"cannot read the folder: {reason}; the snippets in it were not loaded"
        )
    manifest_report = FileReport(files[0], problems)
    if path.is_dir() and not os.path.lexists(files[0]):
        manifest_report.error(
            f"a pack folder needs a {MANIFEST} with a [pack] table (name, version): create it"
        )
        return LoadedPack(None, tuple(problems))
    read = read_toml(files[0], manifest_report)
    if read is None:
        return LoadedPack(None, tuple(problems))
    data, text = read
    lines = _Lines(text)
    header = _read_header(data, lines, manifest_report, _Defaults(word_boundary=word_boundary))
    # A broken header sinks the pack, but its snippets are still checked so that
    # every problem is reported at once.
    name, version, language, description, author, defaults = header or _NO_HEADER
    builder = _SnippetBuilder(name, language, layer, defaults)
    builder.add_file(data, lines, manifest_report)
    for extra in files[1:]:
        report = FileReport(extra, problems)
        read = read_toml(extra, report)
        if read is None:
            continue
        extra_data, extra_text = read
        extra_lines = _Lines(extra_text)
        _check_top_keys(extra_data, extra_lines, report)
        if "pack" in extra_data:
            line = extra_lines.pack.line if extra_lines.pack else None
            report.error(
                f"only {MANIFEST} may have a [pack] table: move it there or remove it", line
            )
        builder.add_file(extra_data, extra_lines, report)
    if header is None:
        return LoadedPack(None, tuple(problems))
    pack = Pack(
        name=name,
        version=version,
        snippets=tuple(builder.snippets),
        language=language,
        description=description,
        author=author,
        layer=layer,
        path=path,
        order_patterns=defaults.order_patterns,
    )
    return LoadedPack(pack, tuple(problems))


def _check_top_keys(data: Mapping[str, Any], lines: _Lines, report: FileReport) -> None:
    for key in data:
        if key not in _TOP_KEYS:
            hint = did_you_mean(key, _TOP_KEYS)
            report.error(f"unknown top-level key {key!r}{hint}", lines.top.keys.get(key))


def _read_header(
    data: Mapping[str, Any], lines: _Lines, report: FileReport, defaults: _Defaults
) -> tuple[str, str, str | None, str, str, _Defaults] | None:
    _check_top_keys(data, lines, report)
    table = data.get("pack")
    header_line = lines.pack.line if lines.pack else None
    if not isinstance(table, dict):
        report.error(
            'no [pack] table: start the file with [pack] and name = "...", version = "1.0.0"',
            1 if table is None else header_line,
        )
        return None
    key_lines = lines.pack.keys if lines.pack else {}

    def line_of(key: str) -> int | None:
        return key_lines.get(key, header_line)

    for key in table:
        if key not in PACK_KEYS:
            hint = did_you_mean(key, PACK_KEYS)
            report.error(f"unknown key {key!r} in [pack]{hint}", line_of(key))
    name = table.get("name")
    version = table.get("version")
    fatal = False
    if not isinstance(name, str) or not PACK_NAME_RE.match(name):
        what = "missing" if name is None else f"invalid ({name!r})"
        report.error(
            f"[pack] name is {what}: use lowercase letters, digits, '.', '_' or '-', "
            'e.g. name = "support-en"',
            line_of("name"),
        )
        fatal = True
    if not isinstance(version, str) or not SEMVER_RE.match(version):
        what = "missing" if version is None else f"invalid ({version!r:.80})"
        report.error(
            f"[pack] version is {what}: use semantic versioning (at most 64 characters), "
            'e.g. version = "1.0.0"',
            line_of("version"),
        )
        fatal = True
    language = table.get("language")
    if language is not None and (not isinstance(language, str) or not _LANGUAGE_RE.match(language)):
        report.error(
            f'[pack] language {language!r} is not a BCP-47 code such as "en", "pl" or "pt-BR"',
            line_of("language"),
        )
        language = None
    texts: dict[str, str] = {}
    for key in ("description", "author"):
        value = table.get(key, "")
        if not isinstance(value, str):
            report.error(f"[pack] {key} must be a string", line_of(key))
            value = ""
        texts[key] = value
    _read_options(table, defaults, report, line_of, "[pack]")
    patterns: list[str] = []
    raw_patterns = table.get("order_patterns", [])
    if not isinstance(raw_patterns, list) or not all(isinstance(p, str) for p in raw_patterns):
        report.error("[pack] order_patterns must be a list of strings", line_of("order_patterns"))
    else:
        for pattern in raw_patterns:
            if problem := pattern_problem(pattern):
                # the pack loads without it: the built-in patterns still find orders
                report.error(
                    f"[pack] order_patterns: {pattern!r} is {problem}", line_of("order_patterns")
                )
            else:
                patterns.append(pattern)
    defaults.order_patterns = tuple(patterns)
    if fatal:
        return None
    return (
        cast(str, name),
        cast(str, version),
        language,
        texts["description"],
        texts["author"],
        defaults,
    )


def _read_options(
    table: Mapping[str, Any],
    options: _Defaults,
    report: FileReport,
    line_of: Any,
    where: str,
) -> None:
    for key in ("word_boundary", "propagate_case"):
        if key in table:
            value = table[key]
            if isinstance(value, bool):
                setattr(options, key, value)
            else:
                report.error(f"{where} {key} must be true or false, not {value!r}", line_of(key))
    if "inject" in table:
        value = table["inject"]
        if value in _INJECT_MODES:
            options.inject = value
        else:
            report.error(
                f'{where} inject must be "auto", "type" or "paste", not {value!r}',
                line_of("inject"),
            )


class _SnippetBuilder:
    """Validates snippets across a pack's files; keeps ids and triggers unique."""

    def __init__(self, pack: str, language: str | None, layer: Layer, defaults: _Defaults) -> None:
        self.pack = pack
        self.language = language
        self.layer = layer
        self.defaults = defaults
        self.snippets: list[Snippet] = []
        self.ids: dict[str, SourceLocation] = {}
        self.triggers: dict[str, SourceLocation] = {}
        self.text_lines: Sequence[str] = ()

    def add_file(self, data: Mapping[str, Any], lines: _Lines, report: FileReport) -> None:
        self.text_lines = lines.text_lines
        entries = data.get("snippets", [])
        if not isinstance(entries, list):
            report.error("'snippets' must be an array of tables: write each as [[snippets]]")
            return
        for index, entry in enumerate(entries):
            block = lines.snippet(index)
            if not isinstance(entry, dict):
                report.error(
                    f"snippet #{index + 1} is not a table: write it as [[snippets]]",
                    block.line if block else None,
                )
                continue
            snippet = self.build(entry, index, block, report)
            if snippet is not None:
                self.snippets.append(snippet)

    def build(
        self,
        entry: Mapping[str, Any],
        index: int,
        block: Block | None,
        report: FileReport,
    ) -> Snippet | None:
        header_line = block.line if block else None
        key_lines = block.keys if block else {}

        def line_of(key: str) -> int | None:
            return key_lines.get(key, header_line)

        raw_id = entry.get("id")
        label = f"snippet {raw_id!r}" if isinstance(raw_id, str) else f"snippet #{index + 1}"

        def error(message: str, key: str | None = None) -> None:
            report.error(f"{label}: {message}", line_of(key) if key else header_line)

        for key in entry:
            if key not in SNIPPET_KEYS:
                error(f"unknown key {key!r}{did_you_mean(key, SNIPPET_KEYS)}", key)
        for key in _REQUIRED_SNIPPET_KEYS:
            if key not in entry:
                error(f"missing required key {key!r}: add {SNIPPET_KEYS[key]}")
        if any(key not in entry for key in _REQUIRED_SNIPPET_KEYS):
            return None

        usable = True
        snippet_id = entry["id"]
        if not isinstance(snippet_id, str) or not _SNIPPET_ID_RE.match(snippet_id):
            error(
                f"id {snippet_id!r} is invalid: use letters, digits, '.', '_' or '-' "
                '(e.g. "order-delayed")',
                "id",
            )
            usable = False
        title = entry["title"]
        if not isinstance(title, str) or not title.strip():
            error("title must be a non-empty string", "title")
            usable = False
        body = entry["body"]
        template: tmpl.Template | None = None
        if not isinstance(body, str):
            error('body must be a string (use """...""" for several lines)', "body")
            usable = False
        else:
            try:
                template = tmpl.parse(body)
            except TemplateError as exc:
                line = line_of("body")
                if line is not None and exc.line is not None and "body" in key_lines:
                    line = multiline_string_line(self.text_lines, line, exc.line)
                report.error(f"{label}: in body: {exc.message}", line)
                usable = False
        trigger = entry.get("trigger")
        if trigger is not None:
            problem = _trigger_problem(trigger)
            if problem:
                error(problem, "trigger")
                usable = False
            elif mixed := _mixed_scripts(trigger):
                report.warn(f"{label}: {mixed}", line_of("trigger"))
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("keywords", "examples", "tags"):
            value = entry.get(key, [])
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                lists[key] = tuple(v for v in value if v.strip())
            else:
                error(f'{key} must be a list of strings, e.g. {key} = ["..."]', key)
                lists[key] = ()
        options = _Defaults(
            self.defaults.word_boundary, self.defaults.propagate_case, self.defaults.inject
        )
        _read_options(entry, options, report, line_of, f"{label}:")
        if not usable or template is None:
            return None

        location = SourceLocation(report.path, header_line)
        if snippet_id in self.ids:
            error(
                f"duplicate id {snippet_id!r} (first defined at {self.ids[snippet_id]}): "
                "give this snippet another id; it was skipped",
                "id",
            )
            return None
        if trigger is not None and trigger in self.triggers:
            error(
                f"duplicate trigger {trigger!r} (already used at {self.triggers[trigger]}): "
                "pick another trigger; this snippet was skipped",
                "trigger",
            )
            return None
        self.ids[snippet_id] = location
        if trigger is not None:
            self.triggers[trigger] = location
        return Snippet(
            id=snippet_id,
            title=title.strip(),
            body=body,
            template=template,
            pack=self.pack,
            trigger=trigger,
            keywords=lists["keywords"],
            examples=lists["examples"],
            tags=lists["tags"],
            language=self.language,
            word_boundary=options.word_boundary,
            propagate_case=options.propagate_case,
            inject=options.inject,
            layer=self.layer,
            location=location,
        )


def _trigger_problem(trigger: object) -> str | None:
    if not isinstance(trigger, str):
        return f"trigger must be a string, not {type(trigger).__name__}"
    if len(trigger) < 2 or len(trigger) > 64:
        return f"trigger {trigger!r:.40} must be 2 to 64 characters long (it has {len(trigger)})"
    if any(ch.isspace() for ch in trigger):
        return f"trigger {trigger!r:.80} contains white space: triggers are typed as one word"
    if any(not ch.isprintable() for ch in trigger):
        return f"trigger {trigger!r:.80} contains control characters"
    return None


def _mixed_scripts(trigger: str) -> str | None:
    """Why a trigger mixing alphabets is suspect (``;dеlay`` with a Cyrillic е looks
    like ``;delay`` but is typed with other keys), or None when it uses one."""
    scripts: dict[str, list[str]] = {}
    for ch in trigger:
        if ch.isalpha():
            script = unicodedata.name(ch, "?").split(" ")[0]
            script = "CJK" if script in ("HIRAGANA", "KATAKANA", "HANGUL") else script
            scripts.setdefault(script, []).append(ch)
    if len(scripts) < 2:
        return None
    names = sorted(scripts, key=lambda script: -len(scripts[script]))
    odd = ", ".join(
        f"{ch!r} is {script.title()}"
        for script in names[1:]
        for ch in dict.fromkeys(scripts[script])
    )
    return (
        f"trigger {trigger!r} mixes {' and '.join(n.title() for n in names)} letters ({odd}): "
        "it looks like a trigger typed in one alphabet but needs other keys; retype it in one"
    )


# --- saving personal snippets ------------------------------------------------------


def add_personal_snippet(
    path: Path,
    snippet: Mapping[str, Any],
    *,
    replace: bool = False,
    pack_name: str = "personal",
) -> Path:
    """Add (or with ``replace``, update) a snippet in the personal pack at ``path``.

    The snippet is validated exactly as the loader would; the file is rewritten
    atomically with ``tomli-w`` and its previous version kept as ``.bak``. A
    personal file that does not parse, or has errors, is never overwritten: fix it first.
    Comments in the file are not preserved (``tomli-w`` writes data only).
    """
    path = Path(path)
    if path.exists():
        problems: list[Problem] = []
        read = read_toml(path, FileReport(path, problems))
        if read is None:
            raise PackError(
                "the personal snippets file cannot be read, so it was not changed: "
                + "; ".join(str(p) for p in problems),
                path,
                None,
                problems,
            )
        document = read[0]
        # a snippet added to a file with errors would never load: the loader drops a
        # pack with errors whole ('pack = 5', a [snippets] table; review, session 30).
        # A file without [pack] gets one below, as before.
        loaded = load_pack(path, Layer.PERSONAL) if "pack" in document else None
        if errors := [p for p in (loaded.problems if loaded else ()) if p.is_error]:
            shown = "; ".join(
                f"line {p.line}: {p.message}" if p.line else p.message for p in errors[:3]
            )
            more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
            raise PackError(
                "the personal snippets file has errors, so it was not changed; fix them "
                f"first ('expander check' lists them): {shown}{more}",
                path,
                None,
                errors,
            )
    else:
        document = {"pack": {"name": pack_name, "version": "1.0.0"}}
    document.setdefault("pack", {"name": pack_name, "version": "1.0.0"})
    raw_entries = document.get("snippets", [])
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        raise PackError(
            "the personal snippets file has errors, so it was not changed: 'snippets' "
            "must be tables written as [[snippets]]",
            path,
        )
    entries: list[dict[str, Any]] = list(raw_entries)

    clean = {key: value for key, value in snippet.items() if value not in (None, [], ())}
    check_problems: list[Problem] = []
    builder = _SnippetBuilder(pack_name, None, Layer.PERSONAL, _Defaults())
    builder.build(clean, len(entries), None, FileReport(path, check_problems))
    errors = [p for p in check_problems if p.is_error]
    if errors:
        raise PackError("; ".join(p.message for p in errors), path, None, errors)
    replaced_at: int | None = None
    for position, existing in enumerate(entries):
        same_id = existing.get("id") == clean["id"]
        same_trigger = clean.get("trigger") is not None and existing.get("trigger") == clean.get(
            "trigger"
        )
        if same_id and replace:
            replaced_at = position
            continue
        if same_id or same_trigger:
            what = "id" if same_id else "trigger"
            hint = "choose another, or replace it" if same_id else "choose another trigger"
            raise PackError(
                f"your personal snippets already have a snippet with {what} "
                f"{clean[what]!r}: {hint}",
                path,
            )
    if replaced_at is None:
        entries.append(dict(clean))
    else:
        entries[replaced_at] = dict(clean)
    document["snippets"] = entries
    atomic_write_bytes(
        path, tomli_w.dumps(document, multiline_strings=True).encode("utf-8"), backup=True
    )
    return path
