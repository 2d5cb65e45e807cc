"""The merged library of snippets, and ``load()`` that builds it.

Packs merge with a clear precedence: personal > team > bundled, and among packs
of one layer a later one over an earlier one. Nothing is lost silently: every
snippet hidden by trigger or id is recorded as a :class:`~expander.model.Shadow`
and reported as a problem (``info`` for an intended override across layers,
``warning`` for a clash inside one layer).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from expander.errors import PackError, TemplateError, UnknownSnippetError
from expander.model import Layer, Pack, Problem, Severity, Shadow, Snippet, SourceLocation
from expander.packs import MANIFEST, load_pack
from expander.paths import Paths, bundled_dir, user_paths
from expander.template import (
    MAX_INCLUDE_DEPTH,
    MAX_INCLUDES,
    MAX_RENDERED_LENGTH,
    FieldSpec,
    MissingPolicy,
    RenderContext,
    Rendered,
    Template,
    format_chain,
)

__all__ = ["Library", "include_problems", "load", "pack_paths_in"]


class Library:
    """Snippets from several packs, merged, with lookup and rendering.

    Build one with :func:`load`, or from :class:`~expander.model.Pack` objects.
    ``packs`` go from lowest to highest precedence.
    """

    def __init__(self, packs: Iterable[Pack] = (), problems: Iterable[Problem] = ()) -> None:
        self.packs: tuple[Pack, ...] = tuple(
            sorted(packs, key=lambda pack: pack.layer)  # stable: keeps order inside a layer
        )
        self._by_id: dict[str, Snippet] = {}
        self._by_trigger: dict[str, Snippet] = {}
        self._by_qualified: dict[str, Snippet] = {}
        self.user: Paths | None = None
        """The user's folders when loaded with ``include_user=True``, else None."""
        self.derived: dict[str, object] = {}
        """What other modules build from this library and keep with it, by the
        owning module's name (the suggestion index): dropped with the library,
        so a reloaded library starts afresh."""
        shadows: list[Shadow] = []
        for pack in self.packs:
            for snippet in pack.snippets:
                self._by_qualified[snippet.qualified_id] = snippet
                old = self._by_id.get(snippet.id)
                if old is not None:
                    shadows.append(Shadow("id", snippet.id, snippet, old))
                    if old.trigger and self._by_trigger.get(old.trigger) is old:
                        del self._by_trigger[old.trigger]
                self._by_id[snippet.id] = snippet
                if snippet.trigger:
                    hidden = self._by_trigger.get(snippet.trigger)
                    if hidden is not None and hidden.id != snippet.id:
                        shadows.append(Shadow("trigger", snippet.trigger, snippet, hidden))
                    self._by_trigger[snippet.trigger] = snippet
        self.shadows: tuple[Shadow, ...] = tuple(shadows)
        self.problems: tuple[Problem, ...] = (
            *problems,
            *(_shadow_problem(s) for s in shadows),
            *self._reference_problems(),
            *self._prefix_problems(),
        )

    # --- looking up ---------------------------------------------------------

    @property
    def snippets(self) -> tuple[Snippet, ...]:
        """The snippets in effect (those hidden by id are left out)."""
        return tuple(self._by_id.values())

    @property
    def triggers(self) -> Mapping[str, Snippet]:
        """Trigger → the snippet it expands to, after precedence."""
        return dict(self._by_trigger)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Snippet]:
        return iter(self._by_id.values())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.find(key) is not None

    def find(self, key: str) -> Snippet | None:
        """The snippet with this trigger, id or ``pack:id``, or None."""
        return self._by_trigger.get(key) or self._by_id.get(key) or self._by_qualified.get(key)

    def get(self, key: str) -> Snippet:
        """The snippet with this trigger, id or ``pack:id``.

        Raises :class:`UnknownSnippetError` with close names when there is none.
        """
        snippet = self.find(key)
        if snippet is None:
            names = {**self._by_id, **self._by_trigger}
            close = difflib.get_close_matches(key, list(names), n=6, cutoff=0.6)
            unique = {names[name].qualified_id: name for name in reversed(close)}
            raise UnknownSnippetError(key, [n for n in close if n in unique.values()][:3])
        return snippet

    # --- rendering ------------------------------------------------------------

    def render(
        self,
        key: str | Snippet,
        fields: Mapping[str, str] | None = None,
        *,
        today: dt.date | None = None,
        clipboard: str | None = None,
        holidays: Collection[dt.date] = (),
        missing: MissingPolicy = "keep",
    ) -> Rendered:
        """Render a snippet (by trigger, id, or the object) with customer fields.

        Missing fields render their default, or stay visible as ``{name}`` and
        are listed in ``Rendered.missing`` (``missing="empty"`` drops them,
        ``missing="error"`` raises :class:`~expander.errors.MissingFieldsError`).
        Field values are inserted literally, never parsed as template code.
        """
        snippet = key if isinstance(key, Snippet) else self.get(key)
        context = RenderContext(
            fields=dict(fields or {}),
            today=today,
            clipboard=clipboard,
            language=snippet.language,
            holidays=holidays,
            resolve=self._resolve,
            missing=missing,
        )
        return snippet.template.render(context, snippet_id=snippet.id)

    def fields_of(self, key: str | Snippet) -> tuple[FieldSpec, ...]:
        """The fields a snippet asks for, its nested snippets' included."""
        snippet = key if isinstance(key, Snippet) else self.get(key)
        specs: dict[str, FieldSpec] = {}
        seen: set[str] = set()
        stack = [snippet]
        while stack:
            current = stack.pop(0)
            if current.id in seen:
                continue
            seen.add(current.id)
            for spec in current.template.fields:
                specs.setdefault(spec.name, spec)
            stack.extend(s for i in current.template.includes if (s := self._by_id.get(i)))
        return tuple(specs.values())

    def uses_clipboard(self, key: str | Snippet) -> bool:
        """Whether rendering needs the clipboard (directly or in a nested snippet)."""
        snippet = key if isinstance(key, Snippet) else self.get(key)
        seen: set[str] = set()
        stack = [snippet]
        while stack:
            current = stack.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            if current.template.uses_clipboard:
                return True
            stack.extend(s for i in current.template.includes if (s := self._by_id.get(i)))
        return False

    def _resolve(self, snippet_id: str) -> tuple[Template, str | None]:
        snippet = self._by_id.get(snippet_id)
        if snippet is None:
            raise TemplateError(f"{{snippet:{snippet_id}}} refers to no snippet in the library")
        return snippet.template, snippet.language

    # --- checks across packs ------------------------------------------------------

    def _reference_problems(self) -> Iterator[Problem]:
        for snippet in self._by_id.values():
            for ref in snippet.template.includes:
                if ref not in self._by_id:
                    close = difflib.get_close_matches(ref, list(self._by_id), n=1, cutoff=0.6)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    yield Problem(
                        Severity.ERROR,
                        f"snippet {snippet.id!r}: {{snippet:{ref}}} refers to "
                        f"no loaded snippet{hint}",
                        snippet.location,
                    )
        yield from include_problems(self._by_id.values())

    def _prefix_problems(self) -> Iterator[Problem]:
        """Immediate triggers that fire before a longer trigger can be typed."""
        triggers = self._by_trigger
        folded = {t.lower(): s for t, s in triggers.items() if s.propagate_case}
        for trigger, snippet in triggers.items():
            for end in range(2, len(trigger)):
                prefix = trigger[:end]
                shorter = triggers.get(prefix) or folded.get(prefix.lower())
                if shorter is not None and not shorter.word_boundary:
                    yield Problem(
                        Severity.WARNING,
                        f"trigger {trigger!r} ({snippet.qualified_id}) can never be typed: "
                        f"the immediate trigger {shorter.trigger!r} ({shorter.qualified_id}) "
                        "fires first; rename one, or give the shorter word_boundary = true",
                        snippet.location,
                    )
                    break


def _shadow_problem(shadow: Shadow) -> Problem:
    across_layers = shadow.winner.layer > shadow.loser.layer
    return Problem(
        Severity.INFO if across_layers else Severity.WARNING,
        str(shadow),
        shadow.winner.location,
    )


def include_problems(snippets: Iterable[Snippet]) -> list[Problem]:
    """The include cycles and broken limits among ``snippets`` (ids unique), as errors.

    Worked out from the include graph alone, without rendering and without
    recursion, so a pack that would nest too deep or multiply into a huge reply
    (a "template bomb") is refused when it is checked, built or installed, not
    when an agent expands it. Each limit is reported once per chain, at the
    first snippet that breaks it with no includer breaking it too, naming the
    chain; other such snippets that break it through the same included snippet
    are counted in that report, not reported again (a pack of thousands of
    replies that include one over-deep chain printed that chain thousands of
    times). An ``{snippet:...}`` whose id is not among ``snippets`` counts as
    an empty snippet (the caller reports the unknown reference).
    """
    by_id = {snippet.id: snippet for snippet in snippets}
    counts = {key: snippet.template.include_counts for key, snippet in by_id.items()}
    graph = {key: [child for child in c if child in by_id] for key, c in counts.items()}
    order, cycles = _walk(graph)
    problems = _cycle_problems(cycles, by_id)
    measures = {"depth": _Measure(deepest=True), "includes": _Measure(), "length": _Measure()}
    depth, includes, length = measures["depth"], measures["includes"], measures["length"]
    for key in order:  # children before their includers; a cycle's way back counts as a leaf
        length.add(key, by_id[key].template.own_length)
        for child, times in counts[key].items():
            depth.consider(key, child, 1, 1 + depth.value.get(child, 0))
            includes.consider(key, child, times, times * (1 + includes.value.get(child, 0)))
            length.consider(key, child, times, times * length.value.get(child, 0))
    limits = {"depth": MAX_INCLUDE_DEPTH, "includes": MAX_INCLUDES, "length": MAX_RENDERED_LENGTH}
    parents: dict[str, list[str]] = {}
    for key, children in graph.items():
        for child in children:
            parents.setdefault(child, []).append(key)
    reports: list[_LimitReport] = []
    by_culprit: dict[tuple[str, str], _LimitReport] = {}
    for key in by_id:
        for kind, measure in measures.items():
            limit = limits[kind]
            over = measure.value.get(key, 0) > limit
            if over and not any(measure.value.get(p, 0) > limit for p in parents.get(key, ())):
                heaviest = measure.via[key][0] if key in measure.via else None
                if heaviest is None or measure.value.get(heaviest, 0) <= limit:
                    reports.append(_LimitReport(kind, key))
                elif (kind, heaviest) in by_culprit:
                    by_culprit[kind, heaviest].others += 1
                else:
                    reports.append(report := _LimitReport(kind, key, heaviest))
                    by_culprit[kind, heaviest] = report
    for report in reports:
        measure = measures[report.kind]
        problems.append(
            Problem(
                Severity.ERROR,
                _limit_message(report, measure.value[report.key], measure.chain(report.key)),
                by_id[report.key].location,
            )
        )
    return problems


class _LimitReport:
    """A broken limit to report at ``key``; ``others`` counts the snippets that break it
    too only because they include ``child``, which breaks it already."""

    def __init__(self, kind: str, key: str, child: str | None = None) -> None:
        self.kind = kind
        self.key = key
        self.child = child
        self.others = 0

    @property
    def subject(self) -> str:
        if not self.others:
            return f"snippet {self.key!r}"
        plural = "s" if self.others > 1 else ""
        return (
            f"snippet {self.key!r} (and {self.others:,} other snippet{plural} "
            f"including {self.child!r})"
        )


_CAP = 10**12  # worst cases grow exponentially: stop counting far past every limit


class _Measure:
    """One worst case per snippet (``deepest``: the deepest child's, else the sum of
    all), and the child that weighs most in it, to name the chain."""

    def __init__(self, deepest: bool = False) -> None:
        self.deepest = deepest
        self.value: dict[str, int] = {}
        self.via: dict[str, tuple[str, int, int]] = {}
        self._ends: dict[str, _ChainEnds] = {}

    def add(self, key: str, amount: int) -> None:
        self.value[key] = min(self.value.get(key, 0) + amount, _CAP)

    def consider(self, key: str, child: str, times: int, amount: int) -> None:
        """Count ``amount`` coming from ``child``, which ``key`` writes ``times`` times."""
        amount = min(amount, _CAP)
        if key not in self.via or self.via[key][2] < amount:
            self.via[key] = (child, times, amount)
        current = self.value.get(key, 0)
        self.value[key] = max(current, amount) if self.deepest else min(current + amount, _CAP)

    def chain(self, key: str) -> str:
        """The chain from ``key`` through the child that weighs most at each step, up to
        the end or back to a snippet already in it, as :func:`format_chain` shows it."""
        ends = self._ends_of(key)
        return format_chain(ends.shown, ends.length)

    def _ends_of(self, key: str) -> _ChainEnds:
        """The ends of ``key``'s chain. Each snippet's are kept for the chains that run
        into it, so naming thousands of chains that share one long tail walks the tail
        once (walking each chain in full made a load quadratic in such a pack)."""
        path: list[str] = []
        on_path: dict[str, int] = {}
        node = key
        while node not in self._ends:
            if node in on_path:  # a cycle: each of its snippets' chains goes round once
                cycle = path[on_path[node] :]
                del path[on_path[node] :]
                for start, first in enumerate(cycle):
                    self._ends[first] = self._round(cycle, start)
                break
            on_path[node] = len(path)
            path.append(node)
            if node not in self.via:
                self._ends[path.pop()] = _ChainEnds(1, (node,), (node,))
                break
            node = self.via[node][0]
        for node in reversed(path):  # not in a cycle: one step, then its child's chain
            child = self.via[node][0]
            self._ends[node] = self._ends[child].after(node, self._step(node, child))
        return self._ends[key]

    def _round(self, cycle: Sequence[str], start: int) -> _ChainEnds:
        """The ends of the chain once round ``cycle`` from ``cycle[start]``; only the
        steps shown are worked out, so every snippet of a long cycle costs the same."""
        size = len(cycle)

        def step(n: int) -> str:
            here = cycle[(start + n) % size]
            return here if n == 0 else self._step(cycle[(start + n - 1) % size], here)

        head = tuple(step(n) for n in range(min(size, _ChainEnds.HEAD)))
        return _ChainEnds(size, head, tuple(step(n) for n in range(max(0, size - 5), size)))

    def _step(self, key: str, child: str) -> str:
        """How ``child`` shows in a chain after ``key``: with how many times ``key``
        includes it."""
        times = self.via[key][1]
        return child if times == 1 else f"{child} ({times} times)"


class _ChainEnds:
    """A chain known by its length and its ends, what :func:`format_chain` shows of
    it: its first steps (all of them while it is short enough to be shown in full)
    and its last five."""

    HEAD = 12

    def __init__(self, length: int, head: tuple[str, ...], tail: tuple[str, ...]) -> None:
        self.length = length
        self.head = head
        self.tail = tail

    @property
    def shown(self) -> tuple[str, ...]:
        return self.head if self.length <= self.HEAD else (*self.head[:5], *self.tail)

    def after(self, key: str, step: str) -> _ChainEnds:
        """The chain of ``key``, whose next step is this chain's first snippet shown
        as ``step``."""
        head = (key, step, *self.head[1:])[: self.HEAD]
        if self.length + 1 <= self.HEAD:
            return _ChainEnds(self.length + 1, head, head[-5:])
        return _ChainEnds(self.length + 1, head, self.tail)


def _cycle_problems(
    cycles: Sequence[tuple[list[str], int]], by_id: Mapping[str, Snippet]
) -> list[Problem]:
    """One error per snippet where cycles start, naming the first of them and counting
    the others (a chain of thousands of snippets that each include the first one is
    thousands of cycles, which were thousands of lines)."""
    by_start: dict[str, list[tuple[list[str], int]]] = {}
    for cycle in cycles:
        by_start.setdefault(cycle[0][0], []).append(cycle)
    problems = []
    for start, found in by_start.items():
        ids, length = found[0]
        more = f" (and {len(found) - 1:,} more cycles through {start!r})" if len(found) > 1 else ""
        problems.append(
            Problem(
                Severity.ERROR,
                f"snippets include each other in a cycle: {format_chain(ids, length)}{more}: "
                "remove one of these {snippet:...} tags",
                by_id[start].location,
            )
        )
    return problems


def _walk(graph: Mapping[str, Sequence[str]]) -> tuple[list[str], list[tuple[list[str], int]]]:
    """The nodes of ``graph`` in post-order (children first), and each cycle once as a
    path returning to its start, with its length (of a long one only the ends that
    :func:`format_chain` shows, so that many long cycles cost no more than many short
    ones); with a stack of its own, however long a chain."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    on_path: dict[str, int] = {}  # where on the current path a node is
    order: list[str] = []
    cycles: list[tuple[list[str], int]] = []
    for start in graph:
        if start in state:
            continue
        state[start], on_path[start] = 1, 0
        path = [start]
        pending = [iter(graph[start])]
        while pending:
            child = next(pending[-1], None)
            if child is None:
                done = path.pop()
                del on_path[done]
                pending.pop()
                state[done] = 2
                order.append(done)
            elif state.get(child) == 1:
                begin = on_path[child]
                length = len(path) - begin + 1
                shown = path[begin:] if length <= 12 else [*path[begin : begin + 5], *path[-4:]]
                cycles.append(([*shown, child], length))
            elif child not in state:
                state[child], on_path[child] = 1, len(path)
                path.append(child)
                pending.append(iter(graph[child]))
    return order, cycles


def _limit_message(report: _LimitReport, value: int, chain: str) -> str:
    amount = f"{value:,}" if value < _CAP else f"more than {_CAP:,}"
    if report.kind == "depth":
        return (
            f"{report.subject}: snippets nest {amount} levels deep, more than the "
            f"{MAX_INCLUDE_DEPTH} allowed: {chain}: nest fewer {{snippet:...}} tags"
        )
    if report.kind == "includes":
        return (
            f"{report.subject}: its reply would include snippets {amount} times, more than "
            f"the {MAX_INCLUDES} allowed: {chain}: include each snippet fewer times"
        )
    return (
        f"{report.subject}: its reply could be {amount} characters long, more than the "
        f"{MAX_RENDERED_LENGTH:,} allowed: {chain}: shorten it or split it"
    )


# --- load() ----------------------------------------------------------------------


def pack_paths_in(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """The packs in a folder: each ``.toml`` entry and each sub-folder with a pack.toml.

    A ``.toml`` entry is a pack whatever it is now (a folder, a named pipe, a link
    to nothing or to itself, a file gone since the folder was listed), so that
    loading it reports the file and the problem rather than its snippets going
    missing without a word. A folder that cannot be listed is reported in
    ``problems`` when given (else ``OSError`` is raised).
    """
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError as exc:
        if problems is None:
            raise
        problems.append(
            Problem(
                Severity.ERROR,
                f"cannot read the folder: {exc.strerror or exc}; the packs in it were not loaded",
                SourceLocation(folder),
            )
        )
        return []
    found: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.name.endswith(".toml") or os.path.lexists(entry / MANIFEST):
            found.append(entry)
    return found


def _resolved(path: Path) -> Path:
    """``path`` with its links followed, or as it is when they cannot be (a loop, a
    link to nothing), so that the problem is reported under the name in the folder."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path


def load(
    *paths: str | Path,
    include_bundled: bool = True,
    include_user: bool = False,
    strict: bool = False,
    user: Paths | None = None,
    word_boundary: bool = False,
) -> Library:
    """Load packs into one merged :class:`Library`.

    ``paths`` are team packs (files or folders), a later one overriding an
    earlier one. The bundled default packs come first unless
    ``include_bundled=False``; with ``include_user=True`` the user's installed
    team packs and personal snippets (see :mod:`expander.paths`) are added, the
    personal ones on top. Problems inside packs never raise: they are in
    ``Library.problems``, unless ``strict=True``, which raises
    :class:`~expander.errors.PackError` listing every error. ``word_boundary``
    is the default for snippets whose pack and own entry say nothing.
    """
    sources: list[tuple[Path, Layer]] = []
    problems: list[Problem] = []
    if include_bundled:
        sources += [(p, Layer.BUNDLED) for p in pack_paths_in(bundled_dir(), problems)]
    if include_user:
        user = user or user_paths()
        # An installed pack is a symlink that an update swaps atomically: follow it
        # once, so every file of a pack is read from the same version.
        team = pack_paths_in(user.team_packs_dir, problems)
        sources += [(_resolved(p), Layer.TEAM) for p in team]
    sources += [(Path(p), Layer.TEAM) for p in paths]
    if include_user:
        assert user is not None
        if os.path.lexists(user.personal_file):  # a link to nothing is reported
            sources.append((user.personal_file, Layer.PERSONAL))

    packs: list[Pack] = []
    for path, layer in sources:
        loaded = load_pack(path, layer, word_boundary=word_boundary)
        problems.extend(loaded.problems)
        if loaded.pack is not None:
            packs.append(loaded.pack)
    names: dict[str, Pack] = {}
    for pack in packs:
        if pack.name in names and pack.layer == names[pack.name].layer:
            problems.append(
                Problem(
                    Severity.WARNING,
                    f"pack name {pack.name!r} is also used by {names[pack.name].path}: "
                    "pack names should be unique",
                    SourceLocation(pack.path),
                )
            )
        names[pack.name] = pack
    library = Library(packs, problems)
    library.user = user if include_user else None
    if strict and library.errors:
        first = library.errors[0]
        raise PackError(
            f"{len(library.errors)} error(s) in packs; first: {first.message}",
            first.path,
            first.line,
            library.errors,
        )
    return library
