"""What IBus needs to find the Expander engine, per user, without administrator
rights: ``expander ibus setup|status|remove`` (issue #16).

ibus-daemon (1.5.27, ``src/ibusregistry.c``) reads component XML files from the
folders in ``IBUS_COMPONENT_PATH`` (colon-separated), and from
``/usr/share/ibus/component`` only when that variable is unset; there is no user
folder. So the per-user way is three files:

- the component XML in ``<data dir>/ibus/component/expander.xml`` (under
  ``EXPANDER_HOME`` when set): its ``<exec>`` runs this installation's
  ``expander run --backend ibus``, which ibus-daemon starts when the engine is
  selected;
- ``$XDG_CONFIG_HOME/environment.d/expander-ibus.conf`` (default ~/.config):
  ``IBUS_COMPONENT_PATH=${IBUS_COMPONENT_PATH:-<system folder>}:<ours>``. The
  systemd user session reads it at login and GNOME's ibus-daemon is a systemd
  user service (``org.freedesktop.IBus.session.GNOME.service``), so it takes
  effect after logging out and in;
- IBus's user cache (``$XDG_CACHE_HOME/ibus/bus/registry``), rewritten with
  ``ibus write-cache``: ibus-daemon trusts a cache whose observed folders did not
  change and then never looks at ``IBUS_COMPONENT_PATH``. Measured: a daemon
  started with the variable but an older cache did not list the engine; after
  ``ibus write-cache`` it did, with or without the variable.

GNOME lists an IBus engine in its keyboard menu only when it is one of
``org.gnome.desktop.input-sources sources``: setup adds ``('ibus', ENGINE_NAME)``
there (after the user's own sources) when that schema exists.

Writes outside ``EXPANDER_HOME`` on purpose (the environment file, IBus's
cache, the icon, GNOME's setting): the session reads them nowhere else. No
personal data: a command line and folder names. Standard library only; ``ibus``
and ``gsettings`` are run as commands.
"""

from __future__ import annotations

import ast
import glob
import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import expander
from expander.desktop.ibus_names import (
    COMPONENT_NAME,
    ENGINE_DESCRIPTION,
    ENGINE_LANGUAGE,
    ENGINE_LAYOUT,
    ENGINE_LONGNAME,
    ENGINE_NAME,
    ENGINE_SYMBOL,
)
from expander.desktop.launcher import (
    _xdg_home,
    desktop_files,
    expander_command,
    icon_svg,
    install_file,
    remove_files,
)
from expander.errors import ExpanderError
from expander.paths import user_paths

__all__ = [
    "ENVIRONMENT_FILE",
    "GNOME_SCHEMA",
    "INSTALL_HINT",
    "Change",
    "IbusFiles",
    "IbusStatus",
    "component_path_with",
    "component_path_without",
    "component_xml",
    "environment_line",
    "environment_text",
    "exec_command",
    "format_sources",
    "ibus_files",
    "ibus_status",
    "next_step",
    "parse_sources",
    "remove",
    "setup",
    "sources_with",
    "sources_without",
    "system_component_dir",
]

ENVIRONMENT_FILE = "expander-ibus.conf"
COMPONENT_FILE = "expander.xml"
GNOME_SCHEMA = "org.gnome.desktop.input-sources"
INSTALL_HINT = "sudo apt install ibus gir1.2-ibus-1.0 (Debian, Ubuntu)"
DEFAULT_SYSTEM_DIR = Path("/usr/share/ibus/component")
_TIMEOUT = 20  # seconds for one ibus or gsettings command
# characters environment.d would expand, strip or split on (IBUS_COMPONENT_PATH splits on ':')
_UNSAFE_IN_ENVIRONMENT = set("$\\\"':\n\r")
_TYPELIB_GLOBS = (
    "/usr/lib/girepository-1.0/IBus-1.0.typelib",
    "/usr/lib/*/girepository-1.0/IBus-1.0.typelib",
    "/usr/lib64/girepository-1.0/IBus-1.0.typelib",
)


@dataclass(frozen=True, slots=True)
class IbusFiles:
    """Where setup puts things for one environment."""

    component: Path
    environment: Path
    icon: Path
    launcher: Path
    cache: Path

    @property
    def component_dir(self) -> Path:
        return self.component.parent


def ibus_files(environ: Mapping[str, str] | None = None) -> IbusFiles:
    """The component XML (in Expander's data folder), the environment file, the
    icon the XML names (where ``install-desktop`` puts it) and IBus's user cache."""
    env = os.environ if environ is None else environ
    desktop = desktop_files(env)
    return IbusFiles(
        component=user_paths(dict(env)).data_dir / "ibus" / "component" / COMPONENT_FILE,
        environment=_xdg_home(env, "XDG_CONFIG_HOME", ".config")
        / "environment.d"
        / ENVIRONMENT_FILE,
        icon=desktop.icon,
        launcher=desktop.launcher,
        cache=_xdg_home(env, "XDG_CACHE_HOME", ".cache") / "ibus" / "bus" / "registry",
    )


def system_component_dir() -> Path:
    """The folder ibus-daemon reads when ``IBUS_COMPONENT_PATH`` is unset: beside
    the installed ``ibus-daemon`` (``<prefix>/share/ibus/component``), else Debian's."""
    daemon = shutil.which("ibus-daemon")
    if daemon:
        candidate = Path(daemon).resolve().parent.parent / "share" / "ibus" / "component"
        if candidate.is_dir():
            return candidate
    return DEFAULT_SYSTEM_DIR


def exec_command(command: Sequence[str]) -> str:
    """The ``<exec>`` value: ``command run --backend ibus``, quoted for
    ``g_shell_parse_argv`` (which ibus-daemon splits it with; no shell runs it)."""
    if any("\n" in arg or "\r" in arg for arg in command):
        raise ExpanderError(f"cannot start Expander from a path with a line break: {command[0]!r}")
    return shlex.join([*command, "run", "--backend", "ibus"])


def component_xml(command: Sequence[str], icon: Path) -> str:
    """The IBus component file that makes ibus-daemon know the engine and start
    ``command run --backend ibus`` when it is selected."""

    def tag(name: str, value: str, indent: str) -> str:
        return f"{indent}<{name}>{escape(value)}</{name}>"

    author = "Expander team"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Written by 'expander ibus setup'; 'expander ibus remove' removes it. -->",
        "<component>",
        tag("name", COMPONENT_NAME, "  "),
        tag("description", ENGINE_DESCRIPTION, "  "),
        tag("exec", exec_command(command), "  "),
        tag("version", expander.__version__, "  "),
        tag("author", author, "  "),
        tag("license", "MIT", "  "),
        tag("textdomain", "expander", "  "),
        "  <engines>",
        "    <engine>",
        tag("name", ENGINE_NAME, "      "),
        tag("longname", ENGINE_LONGNAME, "      "),
        tag("description", ENGINE_DESCRIPTION, "      "),
        tag("language", ENGINE_LANGUAGE, "      "),
        tag("license", "MIT", "      "),
        tag("author", author, "      "),
        tag("icon", str(icon), "      "),
        tag("layout", ENGINE_LAYOUT, "      "),
        tag("symbol", ENGINE_SYMBOL, "      "),
        tag("rank", "0", "      "),
        "    </engine>",
        "  </engines>",
        "</component>",
    ]
    return "\n".join(lines) + "\n"


def _check_environment_safe(folder: Path) -> None:
    bad = sorted(ch for ch in set(str(folder)) if ch in _UNSAFE_IN_ENVIRONMENT)
    if bad or str(folder) != str(folder).strip():
        what = " ".join(map(repr, bad)) or "spaces at an end"
        raise ExpanderError(
            f"IBus cannot be pointed at {folder}: its name has {what}; "
            "set EXPANDER_HOME (or XDG_DATA_HOME) to a folder without them"
        )


def environment_line(component_dir: Path, system_dir: Path) -> str:
    """The environment.d line: the folders already in ``IBUS_COMPONENT_PATH`` (the
    system one when unset) and ours, so another program's folders stay."""
    _check_environment_safe(component_dir)
    _check_environment_safe(system_dir)
    return f"IBUS_COMPONENT_PATH=${{IBUS_COMPONENT_PATH:-{system_dir}}}:{component_dir}\n"


def environment_text(component_dir: Path, system_dir: Path) -> str:
    return (
        "# Written by 'expander ibus setup': lets IBus find the Expander engine\n"
        "# (read by the systemd user session at login). 'expander ibus remove' removes it.\n"
        + environment_line(component_dir, system_dir)
    )


def _split_path(value: str | None) -> list[str]:
    return [part for part in (value or "").split(":") if part]


def component_path_with(current: str | None, component_dir: Path, system_dir: Path) -> str:
    """``IBUS_COMPONENT_PATH`` as the environment file makes it from ``current``
    (without repeating our folder when the session already has it)."""
    parts = [p for p in _split_path(current) if p != str(component_dir)] or [str(system_dir)]
    return ":".join([*parts, str(component_dir)])


def component_path_without(current: str | None, component_dir: Path) -> str | None:
    """``current`` without our folder; ``None`` when nothing else is left (unset)."""
    parts = [p for p in _split_path(current) if p != str(component_dir)]
    return ":".join(parts) or None


# --- GNOME's input sources ------------------------------------------------------------

Source = tuple[str, str]


def parse_sources(text: str) -> list[Source]:
    """``gsettings get``'s ``[('xkb', 'us'), ('ibus', 'expander')]`` (or
    ``@a(ss) []``) as a list of pairs."""
    text = text.strip()
    if text.startswith("@a(ss)"):
        text = text[len("@a(ss)") :].strip()
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError) as exc:
        raise ExpanderError(f"cannot read GNOME's input sources: {text!r}") from exc
    if not isinstance(value, list) or not all(
        isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v) for v in value
    ):
        raise ExpanderError(f"cannot read GNOME's input sources: {text!r}")
    return [(a, b) for a, b in value]


def _gvariant_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def format_sources(sources: Sequence[Source]) -> str:
    """The GVariant text ``gsettings set`` takes."""
    if not sources:
        return "@a(ss) []"
    return (
        "[" + ", ".join(f"({_gvariant_string(a)}, {_gvariant_string(b)})" for a, b in sources) + "]"
    )


OUR_SOURCE: Source = ("ibus", ENGINE_NAME)


def _system_layout() -> Source:
    """The console/X keyboard layout Debian configures (``/etc/default/keyboard``),
    as GNOME names it; US when unknown."""
    values: dict[str, str] = {}
    try:
        text = Path("/etc/default/keyboard").read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip("\"'")
    layout = values.get("XKBLAYOUT", "").split(",")[0] or "us"
    variant = values.get("XKBVARIANT", "").split(",")[0]
    return ("xkb", f"{layout}+{variant}" if variant else layout)


def sources_with(sources: Sequence[Source]) -> list[Source]:
    """``sources`` with Expander added last; an empty list (GNOME falls back to
    the system layout) gets that layout first, so it stays in the menu."""
    if OUR_SOURCE in sources:
        return list(sources)
    base = list(sources) or [_system_layout()]
    return [*base, OUR_SOURCE]


def sources_without(sources: Sequence[Source]) -> list[Source]:
    return [s for s in sources if s != OUR_SOURCE]


# --- commands ----------------------------------------------------------------------


def _run(
    args: Sequence[str], env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            list(args),
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            env=None if env is None else dict(env),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(list(args), 124, "", f"{args[0]} timed out")
    except OSError as exc:
        return subprocess.CompletedProcess(list(args), 127, "", str(exc))


def _typelib_installed() -> bool:
    return any(glob.glob(pattern) for pattern in _TYPELIB_GLOBS)


def _ibus_installed() -> bool:
    return shutil.which("ibus") is not None and shutil.which("ibus-daemon") is not None


def _gnome_schema() -> bool:
    if shutil.which("gsettings") is None:
        return False
    return _run(["gsettings", "list-keys", GNOME_SCHEMA]).returncode == 0


def _gnome_sources() -> list[Source]:
    proc = _run(["gsettings", "get", GNOME_SCHEMA, "sources"])
    if proc.returncode != 0:
        raise ExpanderError(f"gsettings could not read {GNOME_SCHEMA}: {proc.stderr.strip()}")
    return parse_sources(proc.stdout)


def _set_gnome_sources(sources: Sequence[Source]) -> None:
    proc = _run(["gsettings", "set", GNOME_SCHEMA, "sources", format_sources(sources)])
    if proc.returncode != 0:
        raise ExpanderError(f"gsettings could not change {GNOME_SCHEMA}: {proc.stderr.strip()}")


def _cache_observes(folder: Path) -> bool:
    """Whether IBus's user cache lists ``folder`` (``ibus read-cache``)."""
    proc = _run(["ibus", "read-cache"])
    return proc.returncode == 0 and f'path="{escape(str(folder))}"' in proc.stdout


def _write_cache(component_path: str | None) -> None:
    """Rewrite IBus's user cache from the folders in ``component_path``."""
    env = {k: v for k, v in os.environ.items() if k != "IBUS_COMPONENT_PATH"}
    if component_path is not None:
        env["IBUS_COMPONENT_PATH"] = component_path
    proc = _run(["ibus", "write-cache"], env)
    if proc.returncode != 0:
        raise ExpanderError(f"'ibus write-cache' failed: {proc.stderr.strip()}")


# --- setup, status, remove -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One thing setup or remove looked at: ``what`` (a path or a setting) and
    whether it changed it."""

    what: str
    changed: bool
    note: str = ""


def _require_ibus() -> None:
    if not _ibus_installed():
        raise ExpanderError(f"IBus is not installed: {INSTALL_HINT}")


def setup(environ: Mapping[str, str] | None = None) -> list[Change]:
    """Install the component, the environment file and IBus's cache, and add the
    GNOME input source; running it again changes nothing."""
    _require_ibus()
    env = os.environ if environ is None else environ
    files = ibus_files(env)
    system_dir = system_component_dir()
    changes = []
    line = environment_text(files.component_dir, system_dir)  # checks the folder names first
    xml = component_xml(expander_command(), files.icon)
    for path, content in (
        (files.icon, icon_svg()),
        (files.component, xml.encode("utf-8")),
        (files.environment, line.encode("utf-8")),
    ):
        changes.append(Change(str(path), install_file(path, content)))
    wrote = any(c.changed for c in changes)
    if wrote or not _cache_observes(files.component_dir):
        _write_cache(
            component_path_with(env.get("IBUS_COMPONENT_PATH"), files.component_dir, system_dir)
        )
        changes.append(Change(str(files.cache), True, "IBus's cache, rewritten"))
    else:
        changes.append(Change(str(files.cache), False, "IBus's cache"))
    if _gnome_schema():
        sources = _gnome_sources()
        wanted = sources_with(sources)
        if wanted != sources:
            _set_gnome_sources(wanted)
        changes.append(Change(f"{GNOME_SCHEMA} sources", wanted != sources, format_sources(wanted)))
    return changes


def remove(environ: Mapping[str, str] | None = None) -> list[Change]:
    """Undo :func:`setup`: the files, our folder in IBus's cache, the GNOME input
    source. The icon stays while the menu launcher uses it."""
    env = os.environ if environ is None else environ
    files = ibus_files(env)
    paths = [files.component, files.environment]
    if not files.launcher.exists():
        paths.append(files.icon)
    removed = set(remove_files(*paths))
    changes = [Change(str(p), p in removed) for p in paths]
    for folder in (files.component_dir, files.component_dir.parent):
        try:
            folder.rmdir()
        except OSError:
            break
    if _ibus_installed():
        if files.component in removed or _cache_observes(files.component_dir):
            _write_cache(
                component_path_without(env.get("IBUS_COMPONENT_PATH"), files.component_dir)
            )
            changes.append(Change(str(files.cache), True, "IBus's cache, rewritten"))
    if _gnome_schema():
        sources = _gnome_sources()
        wanted = sources_without(sources)
        if wanted != sources:
            _set_gnome_sources(wanted)
        changes.append(Change(f"{GNOME_SCHEMA} sources", wanted != sources, format_sources(wanted)))
    return changes


@dataclass(frozen=True, slots=True)
class IbusStatus:
    """Each piece the engine needs; ``ready`` when all hold. ``gnome_source`` is
    ``None`` where GNOME's input-sources schema is missing (not GNOME)."""

    ibus_installed: bool
    typelib_installed: bool
    daemon_running: bool
    engine_known: bool
    current_engine: str | None
    component_file: Path
    component_current: bool
    environment_file: Path
    environment_current: bool
    session_has_path: bool
    gnome_source: bool | None
    problems: list[str] = field(default_factory=list)

    @property
    def engine_selected(self) -> bool:
        return self.current_engine == ENGINE_NAME

    @property
    def ready(self) -> bool:
        return not self.problems


def _file_is(path: Path, content: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == content
    except (OSError, UnicodeDecodeError):
        return False


def ibus_status(environ: Mapping[str, str] | None = None) -> IbusStatus:
    """Ask ``ibus`` and ``gsettings`` what is in place, and say what is missing."""
    env = os.environ if environ is None else environ
    files = ibus_files(env)
    installed = _ibus_installed()
    typelib = _typelib_installed()
    running = known = False
    current = None
    if installed:
        listed = _run(["ibus", "list-engine", "--name-only"])
        running = listed.returncode == 0
        known = running and ENGINE_NAME in listed.stdout.split()
        if running:
            engine = _run(["ibus", "engine"])
            current = (engine.stdout.strip() or None) if engine.returncode == 0 else None
    command = expander_command()
    system_dir = system_component_dir()
    try:
        component_ok = _file_is(files.component, component_xml(command, files.icon))
        environment_ok = _file_is(
            files.environment, environment_text(files.component_dir, system_dir)
        )
    except ExpanderError:
        component_ok = environment_ok = False
    session = str(files.component_dir) in _split_path(env.get("IBUS_COMPONENT_PATH"))
    gnome = None
    if _gnome_schema():
        gnome = OUR_SOURCE in _gnome_sources()
    problems = []
    if not installed:
        problems.append(f"IBus is not installed: {INSTALL_HINT}")
    elif not typelib:
        problems.append("IBus's Python bindings are missing: sudo apt install gir1.2-ibus-1.0")
    if not component_ok:
        problems.append(f"the component file {files.component} is missing or out of date: "
                        "run 'expander ibus setup'")  # fmt: skip
    if not environment_ok:
        problems.append(f"the environment file {files.environment} is missing or out of date: "
                        "run 'expander ibus setup'")  # fmt: skip
    if gnome is False:
        problems.append("Expander is not among GNOME's input sources: run 'expander ibus setup'")
    if installed and not running:
        problems.append("ibus-daemon is not running: log out and in (or start it: ibus start)")
    elif installed and not known:
        problems.append(
            "ibus-daemon does not know the engine: log out and in after 'expander ibus setup' "
            "(run setup again if it was run before)"
        )
    elif running and current != ENGINE_NAME:
        problems.append(
            f"the engine selected now is {current or 'none'}: choose Expander in the keyboard "
            f"menu (or run: ibus engine {ENGINE_NAME})"
        )
    return IbusStatus(
        ibus_installed=installed,
        typelib_installed=typelib,
        daemon_running=running,
        engine_known=known,
        current_engine=current,
        component_file=files.component,
        component_current=component_ok,
        environment_file=files.environment,
        environment_current=environment_ok,
        session_has_path=session,
        gnome_source=gnome,
        problems=problems,
    )


def next_step(gnome: bool) -> str:
    """The one thing the user does after setup."""
    if gnome:
        return (
            'Next: log out and log back in, then choose "Expander" in the keyboard menu '
            "(top right; Super+Space switches). 'expander ibus status' checks every piece."
        )
    return (
        "Next: log out and log back in, then select the engine: 'ibus engine "
        f'{ENGINE_NAME}\' (or add "Expander" in ibus-setup, with IBus chosen in im-config). '
        "'expander ibus status' checks every piece."
    )
