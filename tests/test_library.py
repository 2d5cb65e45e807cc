from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import expander
import expander.library
from expander.errors import PackError, TemplateError, UnknownSnippetError
from expander.model import Layer, Severity
from expander.packs import add_personal_snippet
from expander.paths import user_paths
from tests.conftest import WriteFile

FRIDAY = dt.date(2026, 11, 20)


def pack(name: str, *snippets: str, language: str = "en", extra: str = "") -> str:
    head = f'[pack]\nname = "{name}"\nversion = "1.0.0"\nlanguage = "{language}"\n{extra}\n'
    return head + "\n".join(snippets)


def snippet(id: str, body: str = "x", trigger: str | None = None, **more: str) -> str:
    lines = ["[[snippets]]", f'id = "{id}"', f'title = "{id.title()}"']
    if trigger:
        lines.append(f'trigger = "{trigger}"')
    lines += [f"{k} = {v}" for k, v in more.items()]
    lines.append(f"body = '''{body}'''")
    return "\n".join(lines) + "\n"


def test_load_and_render_like_the_readme(write: WriteFile) -> None:
    team = write(
        "team.toml",
        pack(
            "team",
            snippet(
                "order-delayed",
                "Hello {name|there}, order {order} ships {date+2wd}.{cursor}",
                ";delay",
            ),
        ),
    )
    lib = expander.load(team, include_bundled=False)
    assert lib.get(";delay").id == "order-delayed"
    assert lib.get("order-delayed") is lib.get(";delay")
    assert lib.get("team:order-delayed") is lib.get(";delay")
    out = lib.render(";delay", fields={"name": "Anna", "order": "#4821"}, today=FRIDAY)
    assert out.text == "Hello Anna, order #4821 ships 24 November 2026."
    assert out.cursor == len(out.text)
    assert out.missing == ()


def test_render_reports_missing_fields(write: WriteFile) -> None:
    lib = expander.load(
        write("t.toml", pack("t", snippet("a", "Order {order}", ";a"))), include_bundled=False
    )
    out = lib.render(";a")
    assert (out.text, out.missing) == ("Order {order}", ("order",))


def test_unknown_key_raises_with_close_matches(write: WriteFile) -> None:
    lib = expander.load(
        write("t.toml", pack("t", snippet("refund", trigger=";refund"))), include_bundled=False
    )
    with pytest.raises(UnknownSnippetError) as info:
        lib.get(";refnd")
    assert str(info.value) == "no snippet with trigger or id ';refnd'; did you mean ';refund'?"
    assert isinstance(info.value, LookupError)
    assert ";refnd" not in lib and ";refund" in lib


def test_dates_use_the_language_of_the_snippets_pack(write: WriteFile) -> None:
    pl = write("pl.toml", pack("pl", snippet("pl-date", "{date+2wd:long}", ";pd"), language="pl"))
    ru = write("ru.toml", pack("ru", snippet("ru-date", "{date+2wd:on}", ";rd"), language="ru"))
    lib = expander.load(pl, ru, include_bundled=False)
    assert lib.render(";pd", today=FRIDAY).text == "wtorek, 24 listopada 2026"
    assert lib.render(";rd", today=FRIDAY).text == "во вторник"


def test_nested_snippets_render_in_their_own_language(write: WriteFile) -> None:
    path = write(
        "t.toml",
        pack(
            "t",
            snippet("sig", "{agent|Zespół} {date:weekday}"),
            snippet("reply", "Dzień dobry.\n{snippet:sig}", ";r"),
            language="pl",
        ),
    )
    lib = expander.load(path, include_bundled=False)
    assert lib.render(";r", {"agent": "Kasia"}, today=FRIDAY).text == "Dzień dobry.\nKasia piątek"
    assert [f.name for f in lib.fields_of(";r")] == ["agent"]


def test_precedence_personal_over_team_over_bundled(
    write: WriteFile, expander_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "b.toml").write_text(
        pack(
            "bundled",
            snippet("hello", "bundled hello", ";hi"),
            snippet("bye", "bundled bye", ";bye"),
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr("expander.library.bundled_dir", lambda: bundled)
    team = write(
        "team.toml",
        pack(
            "team", snippet("hello", "team hello", ";hi"), snippet("team-bye", "team bye", ";bye")
        ),
    )
    add_personal_snippet(
        user_paths().personal_file,
        {"id": "mine", "trigger": ";hi", "title": "Mine", "body": "my hello"},
    )
    lib = expander.load(team, include_user=True)
    assert lib.render(";hi").text == "my hello"
    assert lib.render("hello").text == "team hello"
    assert lib.render(";bye").text == "team bye"
    assert lib.render("bye").text == "bundled bye"  # still reachable by id
    assert lib.get(";hi").layer is Layer.PERSONAL
    shadows = sorted(str(s) for s in lib.shadows)
    assert len(shadows) == 3
    assert any(
        "id 'hello': team:hello (team" in s and "overrides bundled:hello" in s for s in shadows
    )
    assert any("trigger ';hi': personal:mine (personal" in s for s in shadows)
    assert any("trigger ';bye': team:team-bye" in s for s in shadows)
    overrides = [p for p in lib.problems if p.severity is Severity.INFO]
    assert len(overrides) == 3
    assert not lib.errors


def test_same_layer_conflicts_are_warnings_and_later_wins(write: WriteFile) -> None:
    first = write("a.toml", pack("a", snippet("x", "from a", ";x")))
    second = write("b.toml", pack("b", snippet("y", "from b", ";x")))
    lib = expander.load(first, second, include_bundled=False)
    assert lib.render(";x").text == "from b"
    (problem,) = lib.problems
    assert problem.severity is Severity.WARNING
    assert "trigger ';x': b:y (team" in problem.message and "hides a:x" in problem.message


def test_override_by_id_frees_the_old_trigger(write: WriteFile) -> None:
    first = write("a.toml", pack("a", snippet("x", "old", ";old")))
    second = write("b.toml", pack("b", snippet("x", "new", ";new")))
    lib = expander.load(first, second, include_bundled=False)
    assert ";old" not in lib.triggers
    assert lib.render("x").text == "new"
    assert len(lib) == 1


def test_unknown_nested_snippet_and_cycles_are_errors(write: WriteFile) -> None:
    path = write(
        "t.toml",
        pack(
            "t",
            snippet("a", "A{snippet:b}", ";a"),
            snippet("b", "B{snippet:a}"),
            snippet("c", "C{snippet:signature}", ";c"),
            snippet("signatures", "S"),
        ),
    )
    lib = expander.load(path, include_bundled=False)
    messages = [p.message for p in lib.errors]
    assert messages == [
        "snippet 'c': {snippet:signature} refers to no loaded snippet; did you mean 'signatures'?",
        "snippets include each other in a cycle: a -> b -> a: remove one of these "
        "{snippet:...} tags",
    ]
    assert [p.line for p in lib.errors] == [17, 6]
    with pytest.raises(TemplateError, match="cycle"):
        lib.render(";a")
    with pytest.raises(TemplateError, match="refers to no snippet"):
        lib.render(";c")


def test_personal_override_applies_inside_nested_snippets(
    write: WriteFile, expander_home: Path
) -> None:
    team = write(
        "team.toml", pack("team", snippet("sig", "Team"), snippet("r", "Hi\n{snippet:sig}", ";r"))
    )
    add_personal_snippet(user_paths().personal_file, {"id": "sig", "title": "S", "body": "Me"})
    lib = expander.load(team, include_bundled=False, include_user=True)
    assert lib.render(";r").text == "Hi\nMe"


def test_immediate_trigger_that_hides_a_longer_one_is_warned(write: WriteFile) -> None:
    path = write(
        "t.toml",
        pack(
            "t",
            snippet("ret", trigger=";ret"),
            snippet("return", trigger=";return"),
            snippet("wb", trigger=";wb", word_boundary="true"),
            snippet("wbx", trigger=";wbx"),
        ),
    )
    lib = expander.load(path, include_bundled=False)
    (problem,) = lib.problems
    assert problem.severity is Severity.WARNING
    assert problem.message.startswith("trigger ';return' (t:return) can never be typed")


def test_broken_pack_never_raises_unless_strict(write: WriteFile) -> None:
    good = write("good.toml", pack("good", snippet("a", "fine", ";a")))
    bad = write("bad.toml", "[pack]\nname = \n")
    lib = expander.load(good, bad, include_bundled=False)
    assert lib.render(";a").text == "fine"
    assert [p.line for p in lib.errors] == [2]
    with pytest.raises(PackError) as info:
        expander.load(good, bad, include_bundled=False, strict=True)
    assert info.value.path == bad and info.value.line == 2
    assert len(info.value.problems) == 1


def test_duplicate_pack_names_are_warned(write: WriteFile) -> None:
    a = write("a.toml", pack("same", snippet("a")))
    b = write("b.toml", pack("same", snippet("b")))
    lib = expander.load(a, b, include_bundled=False)
    assert [p.message for p in lib.problems] == [
        f"pack name 'same' is also used by {a}: pack names should be unique"
    ]


def test_installed_team_packs_are_loaded_from_the_data_folder(
    expander_home: Path, tmp_path: Path
) -> None:
    installed = user_paths().team_packs_dir / "support-team"
    installed.mkdir(parents=True)
    (installed / "pack.toml").write_text(
        pack("support-team", snippet("t", "team!", ";t")), encoding="utf-8"
    )
    lib = expander.load(include_bundled=False, include_user=True)
    assert lib.render(";t").text == "team!"
    assert lib.get(";t").layer is Layer.TEAM
    assert expander.load(include_bundled=False).snippets == ()


def test_uses_clipboard_follows_nested_snippets(write: WriteFile) -> None:
    path = write(
        "t.toml",
        pack(
            "t",
            snippet("c", "{clipboard}"),
            snippet("r", "{snippet:c}", ";r"),
            snippet("n", "none", ";n"),
        ),
    )
    lib = expander.load(path, include_bundled=False)
    assert lib.uses_clipboard(";r") and not lib.uses_clipboard(";n")
    assert lib.render(";r", clipboard="copied").text == "copied"


def test_an_installed_pack_behind_a_symlink_is_read_from_one_version_folder(
    expander_home: Path,
) -> None:
    """An update swaps ``packs/<name>`` to another version folder at any moment;
    the loader follows the link once, so all of a pack's files come from one version."""
    packs_dir = user_paths().team_packs_dir
    version = packs_dir.parent / "pack-store" / "support-team" / "1.0.0"
    version.mkdir(parents=True)
    (version / "pack.toml").write_text(pack("support-team"), encoding="utf-8")
    (version / "replies.toml").write_text(snippet("t", "team!", ";t"), encoding="utf-8")
    packs_dir.mkdir(parents=True)
    (packs_dir / "support-team").symlink_to(version, target_is_directory=True)

    lib = expander.load(include_bundled=False, include_user=True)

    assert lib.render(";t").text == "team!"
    (loaded,) = lib.packs
    assert loaded.path == version.resolve()


def test_the_library_knows_nothing_of_suggestions() -> None:
    # suggest builds on the library, never the reverse: no import, not even a lazy one
    source = Path(expander.library.__file__).read_text(encoding="utf-8")
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {m for m in imported if m and m.startswith("expander.suggest")}
    code = (
        "import sys, expander; lib = expander.load(include_user=True); "
        "lib.render(lib.snippets[0]); print('expander.suggest' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
