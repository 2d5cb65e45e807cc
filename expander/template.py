"""The template language of snippet bodies: parse once, render many times.

A template is plain text with tags in braces::

    Hello {name|there}, your order{#order} {order}{/order} ships {date+2wd:on}.{cursor}

The parser turns the text into a tuple of nodes; rendering walks them with the
fields given. Nothing is ever evaluated: a tag can only name a field, a built-in
or another snippet, and field values are inserted literally, so a customer who
signs an e-mail ``{clipboard}`` gets ``{clipboard}`` back, not the clipboard.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from expander import dates
from expander.errors import MissingFieldsError, TemplateError

__all__ = [
    "BUILTINS",
    "MAX_INCLUDES",
    "MAX_INCLUDE_DEPTH",
    "MAX_RENDERED_LENGTH",
    "MAX_SECTION_DEPTH",
    "Choice",
    "Clipboard",
    "Cursor",
    "DateTag",
    "Field",
    "FieldSpec",
    "Include",
    "MissingPolicy",
    "Node",
    "RenderContext",
    "Rendered",
    "Section",
    "Template",
    "Text",
    "format_chain",
    "parse",
]

BUILTINS = frozenset({"date", "clipboard", "cursor", "choice", "snippet"})

MissingPolicy = Literal["keep", "empty", "error"]

# The limits every template obeys (docs/limits.md says why these numbers): the
# bundled packs reach an include depth of 1, 1 include, sections 2 deep and replies
# of 813 characters at most.
MAX_INCLUDE_DEPTH = 16
"""How many levels of ``{snippet:...}`` one reply may nest."""
MAX_INCLUDES = 256
"""How many ``{snippet:...}`` tags one reply may render, repeats counted."""
MAX_RENDERED_LENGTH = 100_000
"""How many characters one reply may have."""
MAX_SECTION_DEPTH = 32
"""How deep ``{#name}...{/name}`` sections may nest inside one template."""
_LONGEST_DATE = 40  # a date preset at its longest (a Russian weekday and month), with room

_NAME = r"[^\W\d][\w-]*"
_NAME_RE = re.compile(rf"{_NAME}\Z")
_FIELD_RE = re.compile(rf"(?P<name>{_NAME})(?:\|(?P<default>.*))?\Z", re.DOTALL)
_DATE_RE = re.compile(
    r"date(?:(?P<sign>[+-])(?P<count>\d{1,4})(?P<unit>wd|d|w))?(?::(?P<format>.+))?\Z",
    re.DOTALL,
)
_CHOICE_RE = re.compile(rf"choice(?:\s+(?P<name>{_NAME}))?\s*:(?P<options>.*)\Z", re.DOTALL)
_SNIPPET_RE = re.compile(r"snippet:\s*(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)\s*\Z")
_SECTION_RE = re.compile(rf"(?P<kind>[#^/])\s*(?P<name>{_NAME})\s*\Z")


# --- nodes -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    default: str | None
    source: str


@dataclass(frozen=True, slots=True)
class DateTag:
    offset: int
    unit: Literal["d", "wd", "w"]
    format: str
    source: str


@dataclass(frozen=True, slots=True)
class Clipboard:
    source: str


@dataclass(frozen=True, slots=True)
class Cursor:
    pass


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    options: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Include:
    snippet_id: str
    source: str


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    inverted: bool
    children: tuple[Node, ...]


Node = Text | Field | DateTag | Clipboard | Cursor | Choice | Include | Section


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field a template asks for, as a fill-in dialog would show it."""

    name: str
    kind: Literal["field", "choice", "section"]
    default: str | None = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered snippet.

    ``cursor`` is the caret's offset in ``text`` (in characters) after insertion:
    where ``{cursor}`` stood, or the end of the text. ``missing`` names the fields
    (and choices, and ``clipboard``) that were needed but not given, in order.
    """

    text: str
    cursor: int
    missing: tuple[str, ...] = ()


# --- parsing -----------------------------------------------------------------


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@dataclass(slots=True)
class _OpenSection:
    name: str
    inverted: bool
    index: int
    children: list[Node] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.unnamed_choices = 0
        self.cursors = 0

    def error(self, message: str, index: int) -> TemplateError:
        line, column = _position(self.text, index)
        return TemplateError(message, line, column)

    def parse(self) -> tuple[Node, ...]:
        text = self.text
        stack: list[_OpenSection] = [_OpenSection("", False, 0)]
        literal: list[str] = []
        i = 0
        n = len(text)

        def flush() -> None:
            joined = "".join(literal)
            literal.clear()
            if joined:
                stack[-1].children.append(Text(joined))

        while i < n:
            brace = _next_brace(text, i)
            if brace < 0:
                literal.append(text[i:])
                break
            literal.append(text[i:brace])
            ch = text[brace]
            if text.startswith(ch * 2, brace):
                literal.append(ch)
                i = brace + 2
                continue
            if ch == "}":
                raise self.error("a lone '}': write '}}' for a literal brace", brace)
            end = _next_brace(text, brace + 1)
            if end < 0 or text[end] == "{":
                raise self.error(
                    "'{' is never closed: close the tag with '}', "
                    "or write '{{' for a literal brace",
                    brace,
                )
            flush()
            inner = text[brace + 1 : end]
            self.tag(inner, brace, stack)
            i = end + 1
        flush()
        if len(stack) > 1:
            open_section = stack[-1]
            raise self.error(
                f"section {{#{open_section.name}}} is never closed: add {{/{open_section.name}}}",
                open_section.index,
            )
        return tuple(stack[0].children)

    def tag(self, inner: str, index: int, stack: list[_OpenSection]) -> None:
        content = inner.strip()
        source = "{" + inner + "}"
        if not content:
            raise self.error("empty tag '{}': write '{{}}' for literal braces", index)
        if m := _SECTION_RE.match(content):
            name = m["name"]
            if m["kind"] == "/":
                top = stack[-1]
                if len(stack) == 1:
                    raise self.error(f"{{/{name}}} closes a section that was never opened", index)
                if top.name != name:
                    raise self.error(
                        f"{{/{name}}} found, but the open section is {{#{top.name}}}: "
                        f"close it with {{/{top.name}}} first",
                        index,
                    )
                stack.pop()
                stack[-1].children.append(Section(name, top.inverted, tuple(top.children)))
            else:
                self.check_name(name, index)
                if len(stack) > MAX_SECTION_DEPTH:
                    raise self.error(
                        f"sections nest more than {MAX_SECTION_DEPTH} levels deep: "
                        "close some before opening more",
                        index,
                    )
                stack.append(_OpenSection(name, m["kind"] == "^", index))
            return
        node = self.simple_tag(content, source, index)
        stack[-1].children.append(node)

    def simple_tag(self, content: str, source: str, index: int) -> Node:
        if content == "cursor":
            self.cursors += 1
            if self.cursors > 1:
                raise self.error("{cursor} appears more than once: keep one", index)
            return Cursor()
        if content == "clipboard":
            return Clipboard(source)
        m = self.builtin_tag(
            content,
            "date",
            _DATE_RE,
            f"bad date tag {source}: write {{date}}, {{date+3d}}, {{date+2wd}}, "
            "{date-1w} or add a format after a colon, e.g. {date+2wd:long}",
            index,
        )
        if m is not None:
            count = int(m["count"] or 0)
            offset = -count if m["sign"] == "-" else count
            unit = m["unit"] or "d"
            fmt = m["format"] or "medium"
            problem = dates.check_format(fmt)
            if problem:
                raise self.error(f"bad date format in {source}: {problem}", index)
            return DateTag(offset, unit, fmt, source)  # type: ignore[arg-type]
        m = self.builtin_tag(
            content,
            "choice",
            _CHOICE_RE,
            f"bad choice tag {source}: write {{choice:Refund|Exchange}} "
            "or name it: {choice remedy:Refund|Exchange}",
            index,
        )
        if m is not None:
            options = tuple(option.strip() for option in m["options"].split("|"))
            if len(options) < 2 or not all(options):
                raise self.error(
                    f"{source} needs at least two non-empty options separated by '|'", index
                )
            name = m["name"]
            if name is None:
                self.unnamed_choices += 1
                name = "choice" if self.unnamed_choices == 1 else f"choice{self.unnamed_choices}"
            else:
                self.check_name(name, index)
            return Choice(name, options, source)
        m = self.builtin_tag(
            content,
            "snippet",
            _SNIPPET_RE,
            f"bad snippet tag {source}: write {{snippet:ID}} with the id of another snippet",
            index,
        )
        if m is not None:
            return Include(m["id"], source)
        m = _FIELD_RE.match(content)
        if m is None:
            raise self.error(self.unknown_tag_message(content, source), index)
        name = m["name"]
        self.check_name(name, index)
        return Field(name, m["default"], source)

    def builtin_tag(
        self, content: str, builtin: str, pattern: re.Pattern[str], usage: str, index: int
    ) -> re.Match[str] | None:
        """The tag read as the built-in ``builtin``, or None when it is not that built-in
        (a field such as ``{dates}`` only starts like one).

        Raises with ``usage`` when the tag is the built-in but is not written as
        ``pattern`` expects.
        """
        if not content.startswith(builtin) or _is_field_named(content, builtin):
            return None
        m = pattern.match(content)
        if m is None:
            raise self.error(usage, index)
        return m

    def check_name(self, name: str, index: int) -> None:
        if name in BUILTINS:
            raise self.error(
                f"'{name}' is a built-in and cannot be used as a field name: pick another name",
                index,
            )

    @staticmethod
    def unknown_tag_message(content: str, source: str) -> str:
        head = re.split(r"[\s:+|-]", content, maxsplit=1)[0]
        close = difflib.get_close_matches(head, sorted(BUILTINS), n=1, cutoff=0.6)
        hint = f"; did you mean {{{close[0]}...}}?" if close else ""
        return (
            f"cannot read tag {source}: expected a field such as {{name}} or {{name|default}}, "
            "a built-in (date, clipboard, cursor, choice, snippet) "
            "or a section {#name}...{/name}"
            f"{hint}"
        )


_BRACE = re.compile(r"[{}]")


def _next_brace(text: str, start: int) -> int:
    """Where the next ``{`` or ``}`` from ``start`` is, or -1. One search that stops
    at the first of either: finding each kind apart looked to the end of the text
    for the one that was not there, at every brace ("{" * 800,000: 3 s, a 4 MiB
    pack file's body a minute)."""
    m = _BRACE.search(text, start)
    return m.start() if m else -1


def _is_field_named(content: str, builtin: str) -> bool:
    """True when a tag starting with a built-in's name is really a field like ``{dates}``."""
    rest = content[len(builtin) :]
    return bool(rest) and (rest[0].isalnum() or rest[0] in "_-") and not rest.startswith("-")


# --- rendering ---------------------------------------------------------------


SnippetResolver = Callable[[str], "tuple[Template, str | None]"]
"""Looks up a snippet by id for ``{snippet:ID}``: its template and its language."""


@dataclass(frozen=True, slots=True)
class RenderContext:
    """Everything a render may read besides the template itself.

    ``today`` and ``holidays`` make dates reproducible; ``clipboard`` is the
    clipboard text (None when there is none); ``resolve`` finds nested snippets.
    """

    fields: Mapping[str, str] = field(default_factory=dict)
    today: dt.date | None = None
    clipboard: str | None = None
    language: str | None = None
    holidays: Collection[dt.date] = ()
    resolve: SnippetResolver | None = None
    missing: MissingPolicy = "keep"


def format_chain(ids: Sequence[str], length: int | None = None) -> str:
    """An include chain as people read it, ``a -> b -> c``; a long one shortened in
    the middle, so a message stays one line whatever the pack holds. ``length``
    is the chain's when ``ids`` holds only its first and last five steps."""
    length = len(ids) if length is None else length
    if length <= 12:
        return " -> ".join(ids)
    return f"{' -> '.join(ids[:5])} -> ... -> {' -> '.join(ids[-5:])} ({length} snippets)"


_Frame = tuple[Iterator[Node], "str | None", bool]
"""Nodes still to render, their language, and whether finishing them leaves an include."""


class _Renderer:
    """Renders nodes with an explicit stack, so no nesting of sections or snippets
    can exhaust Python's recursion, within the budget of :data:`MAX_INCLUDE_DEPTH`,
    :data:`MAX_INCLUDES` and :data:`MAX_RENDERED_LENGTH`."""

    def __init__(self, context: RenderContext, snippet_id: str) -> None:
        self.context = context
        self.today = context.today or dt.date.today()
        self.out: list[str] = []
        self.length = 0
        self.includes = 0
        self.cursor: int | None = None
        self.missing: dict[str, None] = {}
        self.include_stack: list[str] = [snippet_id]

    def emit(self, text: str) -> None:
        if text:
            self.length += len(text)
            if self.length > MAX_RENDERED_LENGTH:
                raise TemplateError(
                    f"the reply of {format_chain(self.include_stack)} grows past "
                    f"{MAX_RENDERED_LENGTH:,} characters, the most one reply may have"
                )
            self.out.append(text)

    def value(self, name: str) -> str | None:
        value = self.context.fields.get(name)
        if value is None:
            return None
        value = str(value)
        return value if value.strip() else None

    def gap(self, name: str, source: str) -> None:
        self.missing.setdefault(name)
        if self.context.missing == "keep":
            self.emit(source)

    def render(self, nodes: tuple[Node, ...], language: str | None) -> None:
        frames: list[_Frame] = [(iter(nodes), language, False)]
        while frames:
            remaining, language, leaves_include = frames[-1]
            node = next(remaining, None)
            if node is None:
                frames.pop()
                if leaves_include:
                    self.include_stack.pop()
                continue
            match node:
                case Section(name, inverted, children):
                    if (self.value(name) is None) == inverted:
                        frames.append((iter(children), language, False))
                case Include(snippet_id, source):
                    template, included_language = self.enter(snippet_id, source)
                    frames.append((iter(template.nodes), included_language, True))
                case _:
                    self.leaf(node, language)

    def leaf(self, node: Node, language: str | None) -> None:
        match node:
            case Text(text):
                self.emit(text)
            case Field(name, default, source):
                value = self.value(name)
                if value is not None:
                    self.emit(value)
                elif default is not None:
                    self.emit(default)
                else:
                    self.gap(name, source)
            case Choice(name, _options, source):
                value = self.value(name)
                if value is not None:
                    self.emit(value)
                else:
                    self.gap(name, source)
            case DateTag(offset, unit, fmt, source):
                try:
                    day = dates.shift(self.today, offset, unit, self.context.holidays)
                except OverflowError:  # past year 9999 or before year 1 (--today 9999-12-30)
                    raise TemplateError(
                        f"{source} falls outside the calendar (years 1-9999) from "
                        f"{self.today.isoformat()}"
                    ) from None
                self.emit(dates.format_date(day, fmt, language))
            case Clipboard(source):
                clip = self.context.clipboard
                if clip:
                    self.emit(clip)
                else:
                    self.gap("clipboard", source)
            case Cursor():
                if self.cursor is None:
                    self.cursor = self.length

    def enter(self, snippet_id: str, source: str) -> tuple[Template, str | None]:
        """The nested snippet to render next, once it is known to fit the budget."""
        chain = format_chain([*self.include_stack, snippet_id])
        if snippet_id in self.include_stack:
            raise TemplateError(f"snippets include each other in a cycle: {chain}")
        if len(self.include_stack) > MAX_INCLUDE_DEPTH:
            raise TemplateError(f"snippets nest more than {MAX_INCLUDE_DEPTH} levels deep: {chain}")
        self.includes += 1
        if self.includes > MAX_INCLUDES:
            raise TemplateError(
                f"the reply of {format_chain(self.include_stack[:1])} includes snippets "
                f"more than {MAX_INCLUDES} times (the latest: {chain})"
            )
        resolve = self.context.resolve
        if resolve is None:
            raise TemplateError(f"{source} cannot be rendered outside a library")
        result = resolve(snippet_id)
        self.include_stack.append(snippet_id)
        return result


# --- the template ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template. Build one with :func:`parse`; render it many times."""

    source: str
    nodes: tuple[Node, ...]

    def render(
        self,
        context: RenderContext | Mapping[str, str] | None = None,
        *,
        snippet_id: str = "template",
    ) -> Rendered:
        """Render with the given context, or with just these fields (``{"name": "Anna"}``).

        Raises :class:`TemplateError` for a nested-snippet cycle, an unknown
        nested snippet or a reply over the limits (:data:`MAX_INCLUDE_DEPTH`,
        :data:`MAX_INCLUDES`, :data:`MAX_RENDERED_LENGTH`), and
        :class:`MissingFieldsError` when ``context.missing`` is ``"error"`` and
        fields are missing. Field values never reach the parser.
        """
        if not isinstance(context, RenderContext):
            context = RenderContext(fields=dict(context or {}))
        renderer = _Renderer(context, snippet_id)
        renderer.render(self.nodes, context.language)
        text = "".join(renderer.out)
        missing = tuple(renderer.missing)
        if missing and context.missing == "error":
            raise MissingFieldsError(snippet_id, missing)
        cursor = renderer.cursor if renderer.cursor is not None else len(text)
        return Rendered(text, cursor, missing)

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, sections before their children."""
        stack = list(reversed(self.nodes))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Section):
                stack.extend(reversed(node.children))

    @property
    def includes(self) -> tuple[str, ...]:
        """Ids of the snippets this template nests, in order, without repeats."""
        return tuple(dict.fromkeys(n.snippet_id for n in self.walk() if isinstance(n, Include)))

    @property
    def include_counts(self) -> dict[str, int]:
        """How many times each nested snippet is written here, repeats counted (the
        worst case: every section taken), for the limits checked before rendering."""
        counts: dict[str, int] = {}
        for node in self.walk():
            if isinstance(node, Include):
                counts[node.snippet_id] = counts.get(node.snippet_id, 0) + 1
        return counts

    @property
    def own_length(self) -> int:
        """The most characters this template writes itself, its nested snippets left out.

        Every section counts as taken, a field or choice as its tag or its default,
        a date at its longest; field values and the clipboard are only known when
        rendering, which counts them against :data:`MAX_RENDERED_LENGTH` too.
        """
        total = 0
        for node in self.walk():
            match node:
                case Text(text):
                    total += len(text)
                case Field(_, default, source):
                    total += max(len(source), len(default or ""))
                case Choice(_, _, source) | Clipboard(source):
                    total += len(source)
                case DateTag(_, _, fmt, _):
                    total += _LONGEST_DATE + 4 * len(fmt)
        return total

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        """The fields this template asks for (not those of nested snippets)."""
        specs: dict[str, FieldSpec] = {}
        for node in self.walk():
            match node:
                case Field(name, default, _):
                    specs.setdefault(name, FieldSpec(name, "field", default))
                case Choice(name, options, _):
                    specs.setdefault(name, FieldSpec(name, "choice", options=options))
                case Section(name, _, _):
                    specs.setdefault(name, FieldSpec(name, "section"))
        return tuple(specs.values())

    @property
    def uses_clipboard(self) -> bool:
        return any(isinstance(node, Clipboard) for node in self.walk())


def parse(text: str) -> Template:
    """Parse a template, or raise :class:`TemplateError` with line and column."""
    if not isinstance(text, str):
        raise TemplateError(f"a template must be text, not {type(text).__name__}")
    return Template(text, _Parser(text).parse())


def is_field_name(name: str) -> bool:
    """True if ``name`` can be used as a field (``{name}``) in a template."""
    return bool(_NAME_RE.match(name)) and name not in BUILTINS
