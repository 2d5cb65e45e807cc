"""The limits on templates (docs/limits.md): include depth, includes and length per
reply, section nesting, and the size of a local pack file; each refused where a pack
is checked, built or installed, and enforced again while rendering."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import expander
from expander.errors import PackError, TemplateError, VerificationError
from expander.library import include_problems
from expander.packs import load_pack
from expander.paths import user_paths
from expander.team import build_pack
from expander.team.archive import validate_folder
from expander.team.manifest import Manifest
from expander.template import (
    MAX_INCLUDE_DEPTH,
    MAX_INCLUDES,
    MAX_RENDERED_LENGTH,
    MAX_SECTION_DEPTH,
    parse,
)
from expander.tomlsource import MAX_FILE_BYTES
from tests.cli.runner import Cli
from tests.conftest import WriteFile


def pack_text(name: str, bodies: dict[str, str]) -> str:
    """A pack whose first snippet has the trigger ``;<id>``; the others have none."""
    out = [f'[pack]\nname = "{name}"\nversion = "1.0.0"\n']
    for number, (sid, body) in enumerate(bodies.items()):
        trigger = f'trigger = ";{sid}"\n' if number == 0 else ""
        out.append(f'[[snippets]]\nid = "{sid}"\n{trigger}title = "{sid}"\nbody = "{body}"\n')
    return "\n".join(out)


def chain(length: int) -> dict[str, str]:
    """s0 includes s1, which includes s2, ... down to s<length-1>."""
    return {
        f"s{i}": f"x{i}" + (f"{{snippet:s{i + 1}}}" if i + 1 < length else "")
        for i in range(length)
    }


def bomb() -> dict[str, str]:
    """8 snippets, each including the next 30 times: 30**7 copies of the last one."""
    return {
        f"b{i}": f"b{i} " + (f"{{snippet:b{i + 1}}}" * 30 if i < 7 else "boom") for i in range(8)
    }


def manifest_for(name: str) -> Manifest:
    return Manifest(name, "1.0.0", "2026-01-01T00:00:00Z", "0.1.0", {})


def folder_pack(root: Path, name: str, bodies: dict[str, str]) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "pack.toml").write_text(pack_text(name, bodies), encoding="utf-8")
    return folder


# --- 1. a long chain of includes ------------------------------------------------------


@pytest.mark.parametrize("length", [1201, 700])
def test_a_long_include_chain_is_refused_by_check_build_and_install(
    tmp_path: Path, length: int
) -> None:
    folder = folder_pack(tmp_path, "chain", chain(length))
    lib = expander.load(folder, include_bundled=False)  # a RecursionError before
    [error] = [p for p in lib.errors if "levels deep" in p.message]
    assert (error.path, error.line) == (folder / "pack.toml", 5)
    assert f"snippets nest {length - 1:,} levels deep, more than the 16 allowed" in error.message
    last = length - 1
    assert (
        f"s0 -> s1 -> s2 -> s3 -> s4 -> ... -> s{last - 4} -> s{last - 3} -> s{last - 2} -> "
        in (error.message)
    )
    assert f"-> s{last} ({length} snippets): nest fewer {{snippet:...}} tags" in error.message
    with pytest.raises(TemplateError, match="more than 16 levels deep: s0 -> s1"):
        lib.render(";s0")
    with pytest.raises(PackError) as built:
        build_pack(folder, tmp_path / "out.zip")
    assert any("levels deep" in p.message for p in built.value.problems)
    with pytest.raises(VerificationError, match=r"pack\.toml:5: snippet 's0': snippets nest"):
        validate_folder(folder, manifest_for("chain"))


def test_every_command_on_an_installed_chain_says_what_is_wrong(
    tmp_path: Path,
    expander_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cli = Cli(expander_home, tmp_path, capsys, monkeypatch)
    team = user_paths().team_packs_dir  # as if installed by an update before the fix
    team.mkdir(parents=True, exist_ok=True)
    folder_pack(team, "chain", chain(1201))
    check = cli("check")
    assert check.code != 0
    assert "snippets nest 1,200 levels deep" in check.out + check.err
    assert cli("list").code == 0
    assert cli("show", ";s0").code == 0
    expand = cli("expand", ";s0")
    assert expand.code != 0
    assert "Error: snippets nest more than 16 levels deep: s0 -> s1" in expand.err


def test_a_chain_at_the_depth_limit_renders() -> None:
    library = expander.Library([load_pack_text(chain(MAX_INCLUDE_DEPTH + 1))])
    assert not library.errors
    assert library.render(";s0").text == "".join(f"x{i}" for i in range(MAX_INCLUDE_DEPTH + 1))


def load_pack_text(bodies: dict[str, str], name: str = "p") -> expander.Pack:
    from expander.model import Pack, Snippet

    snippets = tuple(
        Snippet(sid, sid, body, parse(body), name, trigger=";" + sid if i == 0 else None)
        for i, (sid, body) in enumerate(bodies.items())
    )
    return Pack(name, "1.0.0", snippets)


# --- 2. a template bomb -----------------------------------------------------------------


def test_a_template_bomb_is_refused_at_load_without_rendering_it(tmp_path: Path) -> None:
    folder = folder_pack(tmp_path, "bomb", bomb())
    started = time.monotonic()
    lib = expander.load(folder, include_bundled=False)
    messages = [p.message for p in lib.errors]
    assert messages == [
        "snippet 'b0': its reply would include snippets 22,624,137,930 times, more than the "
        "256 allowed: b0 -> b1 (30 times) -> b2 (30 times) -> b3 (30 times) -> b4 (30 times) "
        "-> b5 (30 times) -> b6 (30 times) -> b7 (30 times): include each snippet fewer times",
        "snippet 'b0': its reply could be 155,352,413,793 characters long, more than the "
        "100,000 allowed: b0 -> b1 (30 times) -> b2 (30 times) -> b3 (30 times) -> "
        "b4 (30 times) -> b5 (30 times) -> b6 (30 times) -> b7 (30 times): "
        "shorten it or split it",
    ]
    assert [p.line for p in lib.errors] == [5, 5]
    with pytest.raises(TemplateError, match=f"more than {MAX_INCLUDES} times"):
        lib.render(";b0")
    with pytest.raises(PackError):
        build_pack(folder, tmp_path / "out.zip")
    with pytest.raises(VerificationError, match="include snippets 22,624,137,930 times"):
        validate_folder(folder, manifest_for("bomb"))
    assert time.monotonic() - started < 30  # it ran until killed before


def test_a_bomb_in_a_library_that_ignores_its_problems_stops_within_the_budget() -> None:
    lib = expander.Library([load_pack_text(bomb())])
    with pytest.raises(TemplateError, match=r"includes snippets more than 256 times"):
        lib.render(";b0")


def test_the_length_limit_holds_for_field_values_too() -> None:
    template = parse("{name}{name}")
    assert len(template.render({"name": "x" * (MAX_RENDERED_LENGTH // 2)}).text) == (
        MAX_RENDERED_LENGTH
    )
    with pytest.raises(TemplateError, match="grows past 100,000 characters"):
        template.render({"name": "x" * (MAX_RENDERED_LENGTH // 2 + 1)})


def test_include_problems_reports_each_limit_once_per_chain() -> None:
    wide = {"top": "{snippet:mid}" * 20, "mid": "{snippet:leaf}" * 20, "leaf": "."}
    problems = include_problems(load_pack_text(wide).snippets)
    assert [p.message.split(":")[0] for p in problems] == ["snippet 'top'"]
    assert "420 times" in problems[0].message


def test_snippets_breaking_a_limit_through_one_snippet_are_one_report() -> None:
    # s0 -> ... -> s29, which includes s10 again: a cycle at the end of a long chain.
    bodies = {f"s{i}": f"{{snippet:s{i + 1}}}" for i in range(29)}
    bodies |= {"s29": "{snippet:s10}{snippet:s10}", "r1": "{snippet:s0}", "r2": "{snippet:s0}x"}
    bodies |= {"w": "{snippet:s28}" * 300, "own1": "{snippet:leaf}" * 300, "leaf": "."}
    bodies |= {"own2": "{snippet:leaf}" * 300}
    problems = include_problems(load_pack_text(bodies).snippets)
    assert [p.message for p in problems] == [
        "snippets include each other in a cycle: s10 -> s11 -> s12 -> s13 -> s14 -> ... -> "
        "s26 -> s27 -> s28 -> s29 -> s10 (21 snippets): remove one of these {snippet:...} tags",
        # r1 and r2 nest too deep only because s0 does: one report
        "snippet 'r1' (and 1 other snippet including 's0'): snippets nest 31 levels deep, "
        "more than the 16 allowed: r1 -> s0 -> s1 -> s2 -> s3 -> ... -> s25 -> s26 -> s27 -> "
        "s28 -> s29 (31 snippets): nest fewer {snippet:...} tags",
        "snippet 'w': its reply would include snippets 1,200 times, more than the 256 "
        "allowed: w -> s28 (300 times) -> s29 -> s10 (2 times) -> s11 -> ... -> s23 -> s24 -> "
        "s25 -> s26 -> s27 (21 snippets): include each snippet fewer times",
        # own1 and own2 break the limit each by itself (leaf is within it): a report each
        "snippet 'own1': its reply would include snippets 300 times, more than the 256 "
        "allowed: own1 -> leaf (300 times): include each snippet fewer times",
        "snippet 'own2': its reply would include snippets 300 times, more than the 256 "
        "allowed: own2 -> leaf (300 times): include each snippet fewer times",
    ]


def test_a_chain_whose_every_snippet_includes_the_first_is_one_cycle_report() -> None:
    # c0 -> c1 -> ... -> c1999, each of which also includes c0: 2,000 cycles, up to 2,000
    # snippets long. Each was kept whole and reported on a line of its own (at 16,000
    # snippets, 1.1 GB held and 16,000 lines); now the cycles through c0 are one report.
    size = 2_000
    bodies = {f"c{i}": f"{{snippet:c{i + 1}}}{{snippet:c0}}" for i in range(size - 1)}
    bodies |= {f"c{size - 1}": "{snippet:c0}", "apart": "{snippet:apart}"}
    problems = include_problems(load_pack_text(bodies).snippets)
    cycles = [p.message for p in problems if "in a cycle" in p.message]
    assert cycles == [
        "snippets include each other in a cycle: c0 -> c1 -> c2 -> c3 -> c4 -> ... -> c1996 "
        f"-> c1997 -> c1998 -> c1999 -> c0 ({size + 1} snippets) (and 1,999 more cycles "
        "through 'c0'): remove one of these {snippet:...} tags",
        "snippets include each other in a cycle: apart -> apart: remove one of these "
        "{snippet:...} tags",
    ]


def test_a_pack_of_thousands_of_replies_including_one_long_chain_loads() -> None:
    # 20,000 replies r<i> that include c0, the head of a 20,000-snippet chain. Naming each
    # reply's chain walked all of it: about 8 * 10**8 steps, minutes (64 s at 8,000 and
    # growing with the square), paid by every load; and the chain was printed twice per
    # reply. This size is what makes the old code take minutes; no timing is asserted here
    # (timing goals live in bench/).
    size = 20_000
    bodies = {f"c{i}": f"{{snippet:c{i + 1}}}" for i in range(size - 1)} | {f"c{size - 1}": "."}
    bodies |= {f"r{i}": "{snippet:c0}" for i in range(size)}
    library = expander.Library([load_pack_text(bodies)])
    assert len(library) == 2 * size
    depth, includes = library.errors
    subject = "snippet 'r0' (and 19,999 other snippets including 'c0')"
    chain = "r0 -> c0 -> c1 -> c2 -> c3 -> ... -> c19995 -> c19996 -> c19997 -> c19998 -> c19999"
    assert depth.message == (
        f"{subject}: snippets nest 20,000 levels deep, more than the 16 allowed: "
        f"{chain} (20001 snippets): nest fewer {{snippet:...}} tags"
    )
    assert includes.message.startswith(f"{subject}: its reply would include snippets 20,000 times")


# --- 3. a huge local pack file -----------------------------------------------------------


def test_a_pack_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:  # 49 MB, sparse: nothing to read in it
        handle.truncate(49 << 20)
    loaded = load_pack(path)
    assert loaded.pack is None
    [problem] = loaded.problems
    assert problem.path == path
    assert problem.message == (
        "the file is 51,380,224 bytes, more than the 4 MiB Expander reads from one file; "
        "it was not read (a pack can be split into several .toml files in a pack folder)"
    )


def test_a_pack_file_at_the_size_limit_is_read(write: WriteFile) -> None:
    text = pack_text("big", {"a": "x"})
    path = write("big.toml", text + "#" * (MAX_FILE_BYTES - len(text.encode())))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_pack(path).pack is not None


def test_one_huge_body_is_refused_by_check_and_by_expand(write: WriteFile) -> None:
    path = write("one.toml", pack_text("one", {"huge": "y" * (MAX_RENDERED_LENGTH + 1)}))
    lib = expander.load(path, include_bundled=False)
    [error] = lib.errors
    assert (error.path, error.line) == (path, 5)
    assert "its reply could be 100,001 characters long" in error.message
    with pytest.raises(TemplateError, match="grows past 100,000 characters"):
        lib.render(";huge")


# --- sections nested deep -------------------------------------------------------------------


def test_deep_section_nesting_is_a_clear_error_not_a_recursion_error() -> None:
    deep = "{#a}" * 2000 + "x" + "{/a}" * 2000
    with pytest.raises(TemplateError) as raised:
        parse(deep)
    assert raised.value.message == (
        f"sections nest more than {MAX_SECTION_DEPTH} levels deep: close some before opening more"
    )
    assert (raised.value.line, raised.value.column) == (1, 4 * MAX_SECTION_DEPTH + 1)


def test_sections_at_the_nesting_limit_render() -> None:
    nested = "{#a}" * MAX_SECTION_DEPTH + "x" + "{/a}" * MAX_SECTION_DEPTH
    assert parse(nested).render({"a": "1"}).text == "x"
