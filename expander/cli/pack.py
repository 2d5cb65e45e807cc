"""``expander pack ...``: team packs from the command line.

A thin layer over :mod:`expander.team.manager`, added to the main parser by
:func:`add_pack_commands`. Like the rest of the CLI it prints, and raises
:class:`~expander.errors.ExpanderError` for
:func:`~expander.cli.common.run_command` to turn into ``Error: ...`` and exit
code 1. ``expander.team.manager`` (and with it ``urllib``) is imported only
when a pack command runs, so other commands start no slower.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from expander.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    SubParsers,
    add_command,
    add_json_option,
    print_json,
    shown,
    warn,
)
from expander.errors import ExpanderError, PackError

if TYPE_CHECKING:
    from expander.team import PackChange, PackManager, UpdateResult

__all__ = ["ProgressLine", "add_pack_commands", "human_size"]

KEY_HELP = (
    "the publisher's public key (the ed25519:... line from 'pack keygen', or its .pub "
    "file): archives not signed with it are refused"
)

T = TypeVar("T")


# --- output helpers -------------------------------------------------------------------


def human_size(count: int) -> str:
    """A byte count as people read it: ``512 B``, ``1.5 KB``, ``2.0 MB``."""
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / (1024 * 1024):.1f} MB"


class ProgressLine:
    """Download progress on stderr: one rewritten line on a terminal, a few lines in a log."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last = 0.0
        self._width = 0
        self._open = False

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        finished = total is not None and done >= total
        now = time.monotonic()
        if not finished and now - self._last < (0.1 if self.tty else 1.0):
            return
        self._last = now
        if total:
            text = f"{label}: {human_size(done)} of {human_size(total)} ({done * 100 // total}%)"
        else:
            text = f"{label}: {human_size(done)}"
        if self.tty:
            self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
            self._width = len(text)
            self._open = not finished
            if finished:
                self.stream.write("\n")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False


def _manager(args: argparse.Namespace) -> PackManager:
    from expander.team import PackManager

    def waiting() -> None:
        warn("Waiting for another Expander process that is changing team packs...")

    return PackManager(timeout=getattr(args, "timeout", 30.0), on_wait=waiting)


def _with_progress(args: argparse.Namespace, action: Callable[[PackManager, ProgressLine], T]) -> T:
    """Run a download with the progress line on stderr, shown on a terminal or with
    ``--progress``, and always ended before anything else is printed."""
    enabled = bool(args.progress) or bool(getattr(sys.stderr, "isatty", lambda: False)())
    bar = ProgressLine(sys.stderr, enabled)
    try:
        return action(_manager(args), bar)
    finally:
        bar.close()


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "never"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _change_json(change: PackChange | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "old_version": change.old_version,
        "new_version": change.new_version,
        "added": list(change.added),
        "changed": list(change.changed),
        "removed": list(change.removed),
        "snippets": change.snippets,
        "summary": str(change),
    }


# --- commands -------------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    """Check a pack folder (or one pack .toml file) and build a versioned archive of it: a
    manifest with the pack's name, version and a SHA-256 for every file, optionally
    signed. Every error is fatal and printed as file:line: nothing is built from a
    broken pack."""
    from expander.team import build_pack

    try:
        result = build_pack(
            args.source,
            args.output,
            signing_key=args.sign,
            min_expander_version=args.min_expander_version,
        )
    except PackError as exc:
        for problem in exc.problems:
            warn(str(problem))
        raise ExpanderError(f"{args.source}: {exc.message}") from None
    for warning in result.warnings:
        warn(str(warning))
    manifest = result.manifest
    signed = f"signed with key {result.signed_by}" if result.signed_by else "not signed"
    print(
        f"Built {manifest.name} {manifest.version}: {manifest.snippets} snippet(s) in "
        f"{len(manifest.files)} file(s), {signed}, needs Expander "
        f"{manifest.min_expander_version} or newer"
    )
    print(f"  {result.archive}")
    print(f"Publish it with: expander pack publish {result.archive} FOLDER")
    return EXIT_OK


def cmd_keygen(args: argparse.Namespace) -> int:
    """Make an Ed25519 key pair for signing packs: the private key in KEYFILE (readable by
    you only) and the public key in KEYFILE.pub, also printed, for agents to pin with
    'pack subscribe --key'."""
    from expander.team import generate_key, key_id

    public = generate_key(args.output, overwrite=args.force)
    print(f"Private key: {args.output} (readable by you only; keep it secret and backed up)")
    print(f"Public key:  {args.output}.pub (key id {key_id(public)})")
    print(public)
    print(f"Sign packs with:  expander pack build DIR --sign {args.output}")
    print(f"Agents pin it with: expander pack subscribe URL|FOLDER --key {public}")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    """Check an archive, copy it into a folder as NAME-VERSION.zip and name it as the
    latest version in the folder's index.json (both written atomically). Agents
    subscribe to the folder, or to the same files served over HTTP."""
    from expander.team import publish_pack

    result = publish_pack(args.archive, args.dest)
    was = f" (replacing {result.previous_version})" if result.previous_version else ""
    print(f"Published {result.name} {result.version}{was}")
    print(f"  archive: {result.archive}")
    print(f"  index:   {result.index}")
    print(f"Agents subscribe with: expander pack subscribe {args.dest}")
    return EXIT_OK


def cmd_install(args: argparse.Namespace) -> int:
    """Install a pack archive from a file or an http(s) URL: it is checked (checksums,
    signature if a key is pinned, every snippet) before it becomes active. The version
    it replaces is kept for 'pack rollback'."""
    change = _with_progress(
        args, lambda manager, bar: manager.install(args.source, key=args.key, progress=bar)
    )
    print(shown(f"Installed {change}" if change.old_version != change.new_version else str(change)))
    return EXIT_OK


def cmd_subscribe(args: argparse.Namespace) -> int:
    """Subscribe to a pack published in a folder or on a web server (the folder, its URL,
    or its index.json): its latest version is installed now, and 'pack update' and the
    app install newer ones."""
    change = _with_progress(
        args,
        lambda manager, bar: manager.subscribe(
            args.source, name=args.name, key=args.key, progress=bar
        ),
    )
    print(f"Subscribed to {args.source}")
    print(shown(f"  {change}"))
    print("Check for updates with: expander pack update (the app checks on its own)")
    return EXIT_OK


def _result_json(result: UpdateResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "outcome": result.outcome,
        "version": result.version,
        "message": result.message,
        "change": _change_json(result.change),
    }


def cmd_update(args: argparse.Namespace) -> int:
    """Check subscribed packs (or one) for a new version, asking servers only whether the
    index changed. A new version is installed only when every check passes; otherwise
    the installed one stays and the reason is shown by 'pack list'. Exits 1 if any pack
    failed."""
    results = _with_progress(
        args, lambda manager, bar: manager.update(args.name, force=args.force, progress=bar)
    )
    if args.json:
        print_json([_result_json(r) for r in results])
    elif not results:
        print("No subscribed team packs. Subscribe with: expander pack subscribe URL|FOLDER")
    for result in results:
        if result.outcome == "failed":
            warn(shown(f"Error: {result}"))
        elif not args.json:
            print(shown(str(result)))
    return EXIT_OK if all(r.ok for r in results) else EXIT_ERROR


def cmd_list(args: argparse.Namespace) -> int:
    """List installed team packs: name, version, source, last check and status, with the
    reason of a failed check, the pinned key and the versions kept for rollback."""
    packs = _manager(args).installed()
    if args.json:
        print_json([p.to_json() for p in packs])
        return EXIT_OK
    if not packs:
        print("No team packs installed. Subscribe with: expander pack subscribe URL|FOLDER")
        return EXIT_OK
    rows: list[tuple[str, ...]] = [("NAME", "VERSION", "SOURCE", "LAST CHECK", "STATUS")]
    for pack in packs:
        if pack.managed:
            source = pack.source or f"file: {pack.installed_from or '?'}"
            last = _when(pack.last_check) if pack.source else "-"
        else:
            source, last = "copied by hand (not managed)", "-"
        rows.append(
            tuple(
                shown(cell) for cell in (pack.name, pack.version or "-", source, last, pack.status)
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
        if index == 0:
            continue
        pack = packs[index - 1]
        notes = []
        if pack.error:
            notes.append(f"last check failed: {pack.error}")
        if pack.key_id:
            notes.append(f"signed packs only, key {pack.key_id}")
        if pack.previous_versions:
            notes.append(f"rollback to: {', '.join(pack.previous_versions)}")
        if pack.skipped_version:
            notes.append(f"skipping {pack.skipped_version} (rolled back)")
        for note in notes:
            print(shown(f"    {note}"))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    """Uninstall a team pack installed with 'expander pack' and forget its source."""
    removed = _manager(args).remove(args.name)
    version = f" {removed.version}" if removed.version else ""
    source = f" and unsubscribed from {removed.source}" if removed.source else ""
    print(f"Removed {removed.name}{version}{source}")
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    """Make the previously installed version of a pack active again. Updates then skip the
    version rolled back from until a newer one is published."""
    change = _manager(args).rollback(args.name)
    print(f"Rolled back {args.name} from {change.old_version} to {change.new_version}")
    print(shown(f"  {change}"))
    print(
        f"Updates skip {change.old_version} until a newer version is published "
        f"('expander pack update --force {args.name}' installs it again)"
    )
    return EXIT_OK


# --- the parser ------------------------------------------------------------------------------


def _add_network_options(parser: argparse.ArgumentParser, *, key: bool) -> None:
    """``--timeout`` and ``--progress`` for a command that downloads, after ``--key``
    when it checks signatures."""
    if key:
        parser.add_argument("--key", metavar="PUBKEY", help=KEY_HELP)
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="give up when a server is silent this long (default 30)",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="show download progress on stderr even when it is not a terminal",
    )


def _add_manager_commands(sub: SubParsers) -> None:
    """The manager's side: ``build``, ``keygen`` and ``publish``."""
    p = add_command(
        sub, "build", cmd_build, help="make a versioned pack archive from a pack folder"
    )
    p.add_argument("source", metavar="DIR", help="the pack folder (with pack.toml) or file")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the archive to write, or a folder for it (default: NAME-VERSION.zip here)",
    )
    p.add_argument("--sign", metavar="KEYFILE", help="sign with this private key (pack keygen)")
    p.add_argument(
        "--min-expander-version",
        metavar="VERSION",
        help="the oldest Expander that may install it (default: this Expander's version)",
    )

    p = add_command(sub, "keygen", cmd_keygen, help="make a key pair for signing packs")
    p.add_argument("-o", "--output", required=True, metavar="KEYFILE", help="the private key file")
    p.add_argument("--force", action="store_true", help="replace an existing key")

    p = add_command(
        sub, "publish", cmd_publish, help="copy an archive to a shared folder and update its index"
    )
    p.add_argument("archive", metavar="ARCHIVE", help="an archive made by 'pack build'")
    p.add_argument("dest", metavar="DEST_DIR", help="the shared folder (created if needed)")


def _add_agent_commands(sub: SubParsers) -> None:
    """The agent's side: ``install``, ``subscribe``, ``update``, ``list``, ``remove``
    and ``rollback``."""
    p = add_command(sub, "install", cmd_install, help="install one pack archive from a file or URL")
    p.add_argument("source", metavar="PATH|URL")
    _add_network_options(p, key=True)

    p = add_command(
        sub,
        "subscribe",
        cmd_subscribe,
        help="follow a published folder or URL and install its pack",
    )
    p.add_argument("source", metavar="URL|FOLDER")
    p.add_argument("--name", help="which pack, when the index publishes several")
    _add_network_options(p, key=True)

    p = add_command(
        sub, "update", cmd_update, help="check subscribed packs and install new versions"
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="only this pack")
    p.add_argument(
        "--force",
        action="store_true",
        help="ask without a conditional request, and install the source's version even if "
        "it was rolled back (never an older one: 'pack rollback' goes back)",
    )
    add_json_option(p)
    _add_network_options(p, key=False)

    p = add_command(sub, "list", cmd_list, help="list installed team packs with source and status")
    add_json_option(p)

    p = add_command(sub, "remove", cmd_remove, help="uninstall a team pack and unsubscribe")
    p.add_argument("name", metavar="NAME")

    p = add_command(sub, "rollback", cmd_rollback, help="go back to the previous version of a pack")
    p.add_argument("name", metavar="NAME")


def add_pack_commands(commands: SubParsers) -> argparse.ArgumentParser:
    """Add ``expander pack ...`` to the main parser's subcommands; returns its parser.

    ``expander pack`` alone prints its help and exits 2, like ``expander`` alone.
    """

    def usage(_: argparse.Namespace) -> int:
        pack.print_help()
        return EXIT_USAGE

    pack = add_command(
        commands,
        "pack",
        usage,
        help="build, publish, install and update team packs",
        description=(
            "Team packs: a manager builds a pack folder into a versioned archive and "
            "publishes it to a shared folder or a web server; every agent subscribes once "
            "and gets new versions, checked and swapped in safely, with rollback."
        ),
        epilog="Run 'expander pack COMMAND --help' for the options of a command.",
    )
    sub = pack.add_subparsers(dest="pack_command", metavar="COMMAND")
    _add_manager_commands(sub)
    _add_agent_commands(sub)
    return pack
