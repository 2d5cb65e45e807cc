"""A pack file that is no longer a readable file (session 32): replaced by a folder,
a link to itself or to nothing, a named pipe, a file without read permission, a
file gone between listing the folder and reading it, a sub-folder that cannot be
listed. Each is reported with the file and the problem, and the rest loads; a
reload with it keeps the last good library. Before, in a folder of packs (the
installed team packs, the bundled ones) anything but a regular file was skipped
without a word, as was a personal.toml that is a link to nothing or to itself,
and a personal.toml turned folder was reported as a missing 'personal.toml/pack.toml'.

The unreadable cases run as ``expander check`` in a process held to permission
bits (tests/permission_bits.py), so that they hold as root (the CI) too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from expander.desktop.watch import reload_library
from expander.library import Library, load, pack_paths_in
from expander.paths import Paths
from tests.permission_bits import require_bound, run_bound

PACK = '[pack]\nname = "{name}"\nversion = "1.0.0"\n'
SNIPPET = '[[snippets]]\nid = "{id}"\ntrigger = ";{id}"\ntitle = "T"\nbody = "B"\n'
FOLDER = "cannot read the file: it is a folder; only regular files are read"
LOOP = "cannot read the file: Too many levels of symbolic links"
FIFO = "cannot read the file: it is a named pipe (FIFO); only regular files are read"
DANGLING = "cannot read the file: it is a link to gone.toml, which does not exist"


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.toml").write_text(SNIPPET.format(id="inside"))


def _loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    path.unlink()
    path.symlink_to("gone.toml")


BREAKS: dict[str, tuple[Callable[[Path], None], str]] = {
    "folder": (_folder, FOLDER),
    "link loop": (_loop, LOOP),
    "fifo": (_fifo, FIFO),
    "link to nothing": (_dangling, DANGLING),
}


def _problems(library: Library) -> list[tuple[Path | None, str]]:
    return [(p.path, p.message) for p in library.problems]


def _ids(library: Library) -> list[str]:
    return sorted(s.id for s in library)


def _home(tmp_path: Path) -> Paths:
    """Installed team packs ``en.toml`` and ``de.toml``, and personal snippets."""
    home = tmp_path / "home"
    packs = home / "data" / "packs"
    packs.mkdir(parents=True)
    (packs / "en.toml").write_text(PACK.format(name="en") + SNIPPET.format(id="en"))
    (packs / "de.toml").write_text(PACK.format(name="de") + SNIPPET.format(id="de"))
    (home / "personal.toml").write_text(PACK.format(name="me") + SNIPPET.format(id="me"))
    return Paths(config_dir=home, data_dir=home / "data")


def _load(user: Paths) -> Library:
    return load(include_bundled=False, include_user=True, user=user)


@pytest.mark.parametrize("kind", BREAKS)
def test_an_installed_pack_file_that_is_no_file_is_reported(tmp_path: Path, kind: str) -> None:
    user = _home(tmp_path)
    good = _load(user)
    assert (_ids(good), _problems(good)) == (["de", "en", "me"], [])
    broken = user.team_packs_dir / "en.toml"
    BREAKS[kind][0](broken)
    library = _load(user)
    assert _problems(library) == [(broken, BREAKS[kind][1])]
    assert _ids(library) == ["de", "me"]
    kept = reload_library(good, lambda: _load(user))  # what the app does on a reload
    assert kept.kept_old and kept.value is good
    assert kept.summary().startswith(f"broken file kept last good snippets: {broken}: ")


@pytest.mark.parametrize("kind", BREAKS)
def test_a_personal_file_that_is_no_file_is_reported(tmp_path: Path, kind: str) -> None:
    user = _home(tmp_path)
    BREAKS[kind][0](user.personal_file)
    library = _load(user)
    assert _problems(library) == [(user.personal_file, BREAKS[kind][1])]
    assert _ids(library) == ["de", "en"]


@pytest.mark.parametrize("kind", BREAKS)
def test_a_file_of_a_pack_folder_that_is_no_file_is_reported(tmp_path: Path, kind: str) -> None:
    pack = tmp_path / "team"
    pack.mkdir()
    (pack / "pack.toml").write_text(PACK.format(name="team") + SNIPPET.format(id="a"))
    (pack / "en.toml").write_text(SNIPPET.format(id="b"))
    BREAKS[kind][0](pack / "en.toml")
    library = load(pack, include_bundled=False)
    assert _problems(library) == [(pack / "en.toml", BREAKS[kind][1])]
    assert _ids(library) == ["a"]  # nothing read from inside a file turned folder


def test_a_pack_file_given_by_name_that_is_a_folder_is_reported_as_a_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "en.toml").mkdir()
    library = load(tmp_path / "en.toml", include_bundled=False)
    assert _problems(library) == [(tmp_path / "en.toml", FOLDER)]


def test_a_file_gone_between_listing_and_reading_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "team"
    pack.mkdir()
    (pack / "pack.toml").write_text(PACK.format(name="team") + SNIPPET.format(id="a"))
    (pack / "en.toml").write_text(SNIPPET.format(id="b"))
    real_open = os.open

    def removed_first(path: str | os.PathLike[str], *args: int) -> int:
        if os.fspath(path).endswith("en.toml"):  # removed just after the folder was listed
            os.unlink(path)
        return real_open(path, *args)

    monkeypatch.setattr("expander.tomlsource.os.open", removed_first)
    library = load(pack, include_bundled=False)
    assert _problems(library) == [(pack / "en.toml", "no such file or folder: check the path")]
    assert _ids(library) == ["a"]


def test_hidden_entries_and_other_folders_are_still_no_packs(tmp_path: Path) -> None:
    (tmp_path / ".en.toml.swp").write_text("")
    (tmp_path / ".hidden.toml").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "readme.txt").write_text("")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "pack.toml").write_text(PACK.format(name="t"))
    (tmp_path / "en.toml").write_text(PACK.format(name="en"))
    assert pack_paths_in(tmp_path) == [tmp_path / "en.toml", tmp_path / "team"]


def test_unreadable_files_and_folders_are_reported(tmp_path: Path) -> None:
    """Run as ``expander check`` held to permission bits (as root too)."""
    require_bound(tmp_path)
    user = _home(tmp_path)
    pack = user.team_packs_dir / "team"
    (pack / "more").mkdir(parents=True)
    (pack / "pack.toml").write_text(PACK.format(name="team") + SNIPPET.format(id="t"))
    (pack / "more" / "x.toml").write_text(SNIPPET.format(id="x"))
    (user.team_packs_dir / "en.toml").chmod(0)
    (pack / "more").chmod(0)
    home = user.config_dir
    try:
        checked = run_bound("check", "--no-bundled", home=home, cwd=tmp_path)
        assert checked.code == 1
        assert checked.out.splitlines() == [
            f"{user.team_packs_dir / 'en.toml'}: error: cannot read the file: Permission denied",
            f"{pack / 'more'}: error: cannot read the folder: Permission denied; the snippets "
            "in it were not loaded",
            "3 pack(s), 3 snippet(s): 2 error(s), 0 warning(s)",
        ]
        user.team_packs_dir.chmod(0)
        checked = run_bound("check", "--no-bundled", home=home, cwd=tmp_path)
        assert checked.out.splitlines() == [
            f"{user.team_packs_dir}: error: cannot read the folder: Permission denied; the "
            "packs in it were not loaded",
            "1 pack(s), 1 snippet(s): 1 error(s), 0 warning(s)",
        ]
    finally:
        for folder in (user.team_packs_dir, pack / "more"):
            folder.chmod(0o700)
