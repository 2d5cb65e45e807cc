from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expander.desktop.exclusions import (
    DEFAULT_EXCLUDED_CLASSES,
    DEFAULT_EXCLUDED_TITLES,
    ExclusionSettings,
    is_excluded,
)
from expander.desktop.hotkeys import Hotkey, parse_hotkey
from expander.desktop.settings import (
    DEFAULT_TEMPLATE,
    SETTINGS_KEYS,
    ExpansionSettings,
    HotkeySettings,
    NotificationSettings,
    Settings,
    changed_settings,
    default_settings,
    load_settings,
    write_default_settings,
)
from expander.engine import EngineSettings
from expander.model import Problem, Severity
from tests.conftest import WriteFile

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def lines(problems: tuple[Problem, ...]) -> list[str]:
    """Each problem as the user sees it, without the folder: 'file:line: severity: message'."""
    return [
        f"{p.path.name if p.path else None}:{p.line}: {p.severity.value}: {p.message}"
        for p in problems
    ]


def load_text(write: WriteFile, text: str) -> tuple[Settings, list[str]]:
    settings_, problems = load_settings(write("settings.toml", text))
    return settings_, lines(problems)


# --- files that are absent, fine, or broken --------------------------------------------


def test_no_file_gives_the_defaults_and_no_problems(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.toml") == (default_settings(), ())


def test_the_users_settings_file_is_read_by_default(expander_home: Path) -> None:
    (expander_home).mkdir(parents=True)
    (expander_home / "settings.toml").write_text("[expansion]\npaste_threshold = 7\n")
    loaded, problems = load_settings()
    assert problems == ()
    assert loaded.expansion.paste_threshold == 7
    assert loaded.source == expander_home / "settings.toml"


def test_the_defaults() -> None:
    s = default_settings()
    assert s.expansion == ExpansionSettings(40, False, 15.0)
    assert s.hotkeys.pause_spec == "<ctrl>+<alt>+p"
    assert s.hotkeys.suggest_spec == "<ctrl>+<alt>+s"
    assert s.exclusions == ExclusionSettings((), (), True)
    assert s.fields == ()
    assert s.notifications.enabled is True
    assert s.engine_settings() == EngineSettings(paste_threshold=40, idle_reset=15.0)


def test_every_setting_is_read(write: WriteFile) -> None:
    loaded, problems = load_text(
        write,
        """
        [expansion]
        paste_threshold = 0
        word_boundary = true
        idle_reset_seconds = 2.5

        [hotkeys]
        pause = "<super>+<F9>"
        suggest = ""

        [exclusions]
        use_default_exclusions = false
        window_classes = ["*remmina*", "Bank"]
        window_titles = [
            "*online banking*",
        ]

        [fields]
        agent = "Kasia"
        "shop-name" = "Example Shop"

        [notifications]
        enabled = false
        """,
    )
    assert problems == []
    assert loaded.expansion == ExpansionSettings(0, True, 2.5)
    assert loaded.hotkeys.pause == Hotkey(frozenset({"cmd"}), "<f9>")
    assert loaded.hotkeys.pause_spec == "<cmd>+<f9>"
    assert loaded.hotkeys.suggest is None and loaded.hotkeys.suggest_spec is None
    assert loaded.exclusions == ExclusionSettings(
        ("*remmina*", "Bank"), ("*online banking*",), False
    )
    assert loaded.field_defaults() == {"agent": "Kasia", "shop-name": "Example Shop"}
    assert loaded.notifications == NotificationSettings(enabled=False)
    engine = loaded.engine_settings(EngineSettings(modifier_timeout=9.0))
    assert engine == EngineSettings(paste_threshold=0, idle_reset=2.5, modifier_timeout=9.0)


def test_a_partial_file_keeps_the_defaults_for_the_rest(write: WriteFile) -> None:
    loaded, problems = load_text(write, "[notifications]\nenabled = false\n")
    assert problems == []
    assert loaded == Settings(notifications=NotificationSettings(False))


def test_invalid_toml_gives_the_defaults_and_says_where(write: WriteFile) -> None:
    loaded, problems = load_text(write, "[expansion]\npaste_threshold = 10\nword_boundary =\n")
    assert loaded == default_settings()
    assert problems[0].startswith("settings.toml:3: error: invalid TOML: ")
    assert problems[1] == (
        "settings.toml:None: warning: the settings file could not be used, so every "
        "setting is at its default until it is fixed"
    )


def test_a_file_that_is_not_utf8_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"[fields]\nagent = 'Ma\xf1ana'\n")
    loaded, problems = load_settings(path)
    assert loaded == default_settings()
    assert lines(problems)[0] == (
        "settings.toml:2: error: not valid UTF-8 (byte 0xf1): save the file as UTF-8"
    )


def test_a_folder_in_place_of_the_file_does_not_crash(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").mkdir()
    loaded, problems = load_settings(tmp_path / "settings.toml")
    assert loaded == default_settings()
    assert "cannot read the file" in problems[0].message


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_no_content_makes_loading_raise(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_bytes(content)
        loaded, problems = load_settings(path)
    assert isinstance(loaded, Settings)
    assert all(isinstance(p, Problem) for p in problems)


# --- every invalid value, with its line ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[expansion]\npaste_threshold = -1\n",
            "settings.toml:2: error: [expansion] paste_threshold must be a whole number of "
            "characters, 0 or more (0 pastes every reply), not -1; using the default 40",
        ),
        (
            '[expansion]\npaste_threshold = "40"\n',
            "settings.toml:2: error: [expansion] paste_threshold must be a whole number of "
            "characters, 0 or more (0 pastes every reply), not '40'; using the default 40",
        ),
        (
            "[expansion]\npaste_threshold = true\n",
            "settings.toml:2: error: [expansion] paste_threshold must be a whole number of "
            "characters, 0 or more (0 pastes every reply), not True; using the default 40",
        ),
        (
            "[expansion]\n\nword_boundary = 1\n",
            "settings.toml:3: error: [expansion] word_boundary must be true or false (no "
            "quotes), not 1; using the default false",
        ),
        (
            "[expansion]\nidle_reset_seconds = 0.5\n",
            "settings.toml:2: error: [expansion] idle_reset_seconds must be a number of "
            "seconds from 1 to 3600, not 0.5; using the default 15",
        ),
        (
            "[expansion]\nidle_reset_seconds = inf\n",
            "settings.toml:2: error: [expansion] idle_reset_seconds must be a number of "
            "seconds from 1 to 3600, not inf; using the default 15",
        ),
        (
            "[expansion]\nidle_reset_seconds = 3601\n",
            "settings.toml:2: error: [expansion] idle_reset_seconds must be a number of "
            "seconds from 1 to 3600, not 3601; using the default 15",
        ),
        (
            '[exclusions]\nuse_default_exclusions = "no"\n',
            "settings.toml:2: error: [exclusions] use_default_exclusions must be true or "
            "false (no quotes), not 'no'; using the default true",
        ),
        (
            '[notifications]\nenabled = "false"\n',
            "settings.toml:2: error: [notifications] enabled must be true or false (no "
            "quotes), not 'false'; using the default true",
        ),
        (
            "[hotkeys]\npause = 5\n",
            '[hotkeys] pause must be a string such as "<ctrl>+<alt>+p", or "" to turn it '
            'off, not 5; using the default "<ctrl>+<alt>+p"',
        ),
        (
            '[hotkeys]\nsuggest = "ctrl+alt+s"\n',
            "settings.toml:2: error: [hotkeys] suggest: 'ctrl' in 'ctrl+alt+s' needs angle "
            "brackets; did you mean '<ctrl>+<alt>+s'? (using the default \"<ctrl>+<alt>+s\")",
        ),
        (
            'expansion = 5\n[hotkeys]\npause = ""\n',
            "settings.toml:1: error: expansion must be a table: write [expansion] on its own "
            "line, then its keys below",
        ),
        (
            "[[hotkeys]]\n",
            "settings.toml:1: error: hotkeys must be a table: write [hotkeys] on its own "
            "line, then its keys below",
        ),
        (
            "[fields]\nagent = 'A'\n[fields.more]\nx = 'y'\n",
            "settings.toml:3: error: [fields] more is a table: fields are plain text, e.g. "
            'more = "..."; it was ignored',
        ),
    ],
)
def test_each_invalid_value_is_reported_and_the_default_used(
    write: WriteFile, text: str, expected: str
) -> None:
    loaded, problems = load_text(write, text)
    assert any(expected in p for p in problems), problems
    assert all(": error: " in p for p in problems)
    assert loaded.expansion == ExpansionSettings()
    assert loaded.notifications == NotificationSettings()
    assert loaded.exclusions.use_default_exclusions is True


def test_one_bad_value_does_not_sink_the_others(write: WriteFile) -> None:
    loaded, problems = load_text(
        write,
        """
        [expansion]
        paste_threshold = -5
        word_boundary = true
        [fields]
        agent = "Kasia"
        """,
    )
    assert len(problems) == 1
    assert loaded.expansion == ExpansionSettings(40, True, 15.0)
    assert loaded.field_defaults() == {"agent": "Kasia"}


def test_unknown_keys_get_did_you_mean(write: WriteFile) -> None:
    _, problems = load_text(
        write,
        """
        [expansion]
        paste_treshold = 10

        [hotkey]
        pause = ""

        [exclusions]
        window_class = ["x"]
        [notifications]
        enable = false
        [misc]
        """,
    )
    assert problems == [
        "settings.toml:2: error: unknown key 'paste_treshold' in [expansion]; "
        "did you mean 'paste_threshold'?",
        "settings.toml:4: error: unknown setting 'hotkey'; did you mean 'hotkeys'?",
        "settings.toml:8: error: unknown key 'window_class' in [exclusions]; "
        "did you mean 'window_classes'?",
        "settings.toml:10: error: unknown key 'enable' in [notifications]; did you mean 'enabled'?",
        "settings.toml:11: error: unknown setting 'misc'; the sections are [expansion], "
        "[hotkeys], [exclusions], [fields], [notifications], [team_packs], [statistics]",
    ]


def test_a_key_in_the_wrong_place_is_told_where_it_belongs(write: WriteFile) -> None:
    _, problems = load_text(
        write,
        """
        paste_threshold = 10
        [expansion]
        pause = "<ctrl>+<alt>+x"
        """,
    )
    assert problems == [
        "settings.toml:1: error: unknown setting 'paste_threshold': it belongs under [expansion]",
        "settings.toml:3: error: unknown key 'pause' in [expansion]; allowed keys: "
        "idle_reset_seconds, paste_keys, paste_threshold, word_boundary "
        "(pause belongs under [hotkeys])",
    ]


def test_a_nested_table_points_at_its_header(write: WriteFile) -> None:
    _, problems = load_text(write, "[expansion]\npaste_threshold = 1\n\n[expansion.extra]\n")
    assert problems == [
        "settings.toml:4: error: unknown key 'extra' in [expansion]; allowed keys: "
        "idle_reset_seconds, paste_keys, paste_threshold, word_boundary"
    ]


def test_dotted_keys_and_inline_tables_work_and_point_at_the_table(write: WriteFile) -> None:
    loaded, problems = load_text(
        write, 'expansion.paste_threshold = 3\nhotkeys = { pause = "<f8>", suggest = 1 }\n'
    )
    assert loaded.expansion.paste_threshold == 3
    assert loaded.hotkeys.pause_spec == "<f8>"
    assert len(problems) == 1 and problems[0].startswith("settings.toml:2: error: [hotkeys]")


def test_problems_come_in_file_order(write: WriteFile) -> None:
    _, problems = load_text(
        write,
        """
        [notifications]
        enabled = 1
        [expansion]
        paste_threshold = -1
        """,
    )
    assert [p.split(":")[1] for p in problems] == ["2", "4"]


# --- hotkeys ---------------------------------------------------------------------------------


def test_empty_string_turns_a_hotkey_off(write: WriteFile) -> None:
    loaded, problems = load_text(write, '[hotkeys]\npause = ""\nsuggest = "  "\n')
    assert problems == []
    assert loaded.hotkeys == HotkeySettings(None, None)


def test_the_same_hotkey_twice_is_a_conflict(write: WriteFile) -> None:
    loaded, problems = load_text(
        write, '[hotkeys]\npause = "<ctrl>+<alt>+k"\nsuggest = "<alt>+<ctrl>+K"\n'
    )
    assert problems == [
        "settings.toml:3: error: [hotkeys] suggest = '<ctrl>+<alt>+k' is the same as "
        "pause = '<ctrl>+<alt>+k': choose another combination for one of them, or \"\" to "
        "turn one off; suggest is off until then"
    ]
    assert loaded.hotkeys.pause_spec == "<ctrl>+<alt>+k"
    assert loaded.hotkeys.suggest is None


def test_a_hotkey_that_fires_with_another_is_a_conflict(write: WriteFile) -> None:
    loaded, problems = load_text(write, '[hotkeys]\n\nsuggest = "<ctrl>+<alt>+<shift>+p"\n')
    assert problems == [
        "settings.toml:3: error: [hotkeys] suggest = '<ctrl>+<alt>+<shift>+p' fires together "
        "with (pressing '<ctrl>+<alt>+<shift>+p' fires both) pause = '<ctrl>+<alt>+p' "
        '(default): choose another combination for one of them, or "" to turn one off; '
        "suggest is off until then"
    ]
    assert loaded.hotkeys == HotkeySettings(parse_hotkey("<ctrl>+<alt>+p"), None)


def test_a_conflict_with_a_default_points_at_the_line_the_user_wrote(write: WriteFile) -> None:
    _, problems = load_text(write, '[hotkeys]\n# mine\npause = "<ctrl>+<alt>+s"\n')
    assert problems[0].startswith(
        "settings.toml:3: error: [hotkeys] suggest = '<ctrl>+<alt>+s' (default) is the same "
        "as pause = '<ctrl>+<alt>+s':"
    )


def test_different_keys_or_disabled_hotkeys_do_not_conflict(write: WriteFile) -> None:
    for text in (
        '[hotkeys]\npause = "<ctrl>+<alt>+s"\nsuggest = ""\n',
        '[hotkeys]\npause = "<ctrl>+<shift>+p"\nsuggest = "<ctrl>+<alt>+p"\n',
    ):
        assert load_text(write, text)[1] == []


def test_a_common_application_shortcut_gets_a_warning(write: WriteFile) -> None:
    loaded, problems = load_text(write, '[hotkeys]\npause = "<ctrl>+c"\n')
    assert problems == [
        "settings.toml:2: warning: [hotkeys] pause = '<ctrl>+c' is also the usual shortcut "
        "for copy in other programs, which will not get it while Expander runs: consider "
        "adding <alt>"
    ]
    assert loaded.hotkeys.pause_spec == "<ctrl>+c"
    # a paste key is not grabbed (Expander presses it): both happen
    loaded, problems = load_text(write, '[hotkeys]\npause = "<ctrl>+v"\n')
    assert problems == [
        "settings.toml:2: warning: [hotkeys] pause = '<ctrl>+v' is also the usual shortcut "
        "for paste in other programs, and both will happen (Expander presses it to paste, "
        "so it cannot take it): consider adding <alt>"
    ]


# --- exclusions ------------------------------------------------------------------------------


def test_user_patterns_add_to_the_defaults(write: WriteFile) -> None:
    loaded, _ = load_text(
        write,
        '[exclusions]\nwindow_classes = ["*remmina*"]\nwindow_titles = ["*online banking*"]\n',
    )
    assert is_excluded("org.remmina.Remmina", "", loaded)
    assert is_excluded("firefox", "My Online Banking - Mozilla Firefox", loaded)
    assert is_excluded("KeePassXC", "", loaded)
    assert not is_excluded("firefox", "Banking news", loaded)


def test_the_defaults_can_be_turned_off(write: WriteFile) -> None:
    loaded, _ = load_text(
        write, '[exclusions]\nuse_default_exclusions = false\nwindow_classes = ["xterm"]\n'
    )
    assert not is_excluded("KeePassXC", "Passwords.kdbx - KeePassXC", loaded)
    assert is_excluded("XTerm", "", loaded.exclusions)
    assert loaded.exclusions.effective_window_classes == ("xterm",)
    assert loaded.exclusions.effective_window_titles == ()
    on = ExclusionSettings(window_titles=("t",))
    assert on.effective_window_titles == (*DEFAULT_EXCLUDED_TITLES, "t")
    assert on.effective_window_classes == DEFAULT_EXCLUDED_CLASSES


def test_bad_exclusion_patterns_point_at_their_line(write: WriteFile) -> None:
    loaded, problems = load_text(
        write,
        """
        [exclusions]
        window_classes = [
            "ok",
            "",
            "*",
            3,
            "ok",
        ]
        window_titles = "bank"
        """,
    )
    assert problems == [
        "settings.toml:2: error: [exclusions] window_classes: 3 is not a string: put it in "
        "quotes; it was ignored",
        "settings.toml:4: error: [exclusions] window_classes: an empty pattern matches no "
        'window: remove it, or write "*word*" to match a word anywhere',
        "settings.toml:5: warning: [exclusions] window_classes: '*' matches every window, so "
        "nothing will ever be expanded: remove it, or use Pause instead",
        "settings.toml:9: error: [exclusions] window_titles must be a list of strings, e.g. "
        "window_titles = [\"*keepass*\"], not 'bank'; it was ignored",
    ]
    assert loaded.exclusions.window_classes == ("ok", "*")  # duplicates dropped
    assert loaded.exclusions.window_titles == ()


# --- fields and notifications ----------------------------------------------------------------


def test_fields_are_validated_as_template_field_names(write: WriteFile) -> None:
    loaded, problems = load_text(
        write,
        """
        [fields]
        agent = "Kasia"
        date = "today"
        "agent name" = "K"
        "1st" = "x"
        shop = 5
        signature = ""
        """,
    )
    assert problems == [
        "settings.toml:3: error: [fields] 'date' is a built-in template tag ({date}), not a "
        "field: pick another name; it was ignored",
        "settings.toml:4: error: [fields] 'agent name' cannot be used as {agent name} in a "
        "template: a field name is a letter, then letters, digits, '_' or '-' (e.g. "
        "agent_name); it was ignored",
        "settings.toml:5: error: [fields] '1st' cannot be used as {1st} in a template: a field "
        "name is a letter, then letters, digits, '_' or '-' (e.g. f_1st); it was ignored",
        'settings.toml:6: error: [fields] shop must be text in quotes, e.g. shop = "5"; it '
        "was ignored",
        "settings.toml:7: warning: [fields] signature is empty, so {signature} is filled with "
        "nothing: give it a value, or remove it to be asked for it",
    ]
    assert loaded.field_defaults() == {"agent": "Kasia", "signature": ""}


def test_fields_must_be_a_table(write: WriteFile) -> None:
    loaded, problems = load_text(write, 'fields = "agent"\n')
    assert problems == [
        "settings.toml:1: error: fields must be a table: write [fields] on its own line, "
        "then its keys below"
    ]
    assert loaded.fields == ()


# --- the template file, the docs, and changes ---------------------------------------------------


def test_write_default_settings_writes_a_commented_file_that_loads_to_the_defaults(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config" / "settings.toml"
    assert write_default_settings(path) is True
    assert load_settings(path) == (Settings(source=path), ())
    assert load_settings(path)[0] == default_settings()
    text = path.read_text(encoding="utf-8")
    assert text == DEFAULT_TEMPLATE
    assert "# agent = " in text
    for pattern in (*DEFAULT_EXCLUDED_CLASSES, *DEFAULT_EXCLUDED_TITLES):
        assert f'#       "{pattern}",' in text
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]  # no temp file left


def test_write_default_settings_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[expansion]\npaste_threshold = 3\n")
    assert write_default_settings(path) is False
    assert path.read_text() == "[expansion]\npaste_threshold = 3\n"


def test_write_default_settings_uses_the_users_file(expander_home: Path) -> None:
    assert write_default_settings() is True
    assert (expander_home / "settings.toml").read_text(encoding="utf-8") == DEFAULT_TEMPLATE


def test_the_docs_describe_every_setting_with_its_default() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", docs, re.DOTALL)
    assert block is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_text(block.group(1), encoding="utf-8")
        assert load_settings(path) == (default_settings(), ())
    assert tomllib.loads(block.group(1)).keys() == SETTINGS_KEYS.keys()
    for section, keys in SETTINGS_KEYS.items():
        assert f"### `[{section}]`" in docs
        for key in keys:
            assert re.search(rf"^\| `{key}` \| `[^`]+` \|", docs, re.MULTILINE), key
    for pattern in (*DEFAULT_EXCLUDED_CLASSES, *DEFAULT_EXCLUDED_TITLES):
        assert f"`{pattern}`" in docs


def test_changed_settings_names_what_changed() -> None:
    old = default_settings()
    new = Settings(
        expansion=ExpansionSettings(paste_threshold=10),
        hotkeys=HotkeySettings(pause=None),
        fields=(("agent", "Kasia"),),
    )
    assert changed_settings(old, old) == ()
    assert changed_settings(old, new) == (
        "expansion.paste_threshold",
        "hotkeys.pause",
        "fields.agent",
    )
    assert changed_settings(new, old) == changed_settings(old, new)


def test_settings_are_immutable_and_hashable() -> None:
    s = default_settings()
    with pytest.raises(AttributeError):
        s.fields = ()  # type: ignore[misc]
    assert hash(s) == hash(default_settings())


def test_a_problem_reads_file_line_severity_message(write: WriteFile) -> None:
    path = write("settings.toml", "[notifications]\nenabled = 2\n")
    problem = load_settings(path)[1][0]
    assert problem.severity is Severity.ERROR
    assert str(problem).startswith(f"{path}:2: error: [notifications] enabled must be ")


def test_importing_settings_and_watch_loads_no_desktop_library() -> None:
    code = (
        "import sys, json, expander.desktop.settings, expander.desktop.hotkeys, "
        "expander.desktop.exclusions, expander.desktop.watch; "
        "print(json.dumps([m for m in ('pynput', 'pystray', 'pyperclip', 'tkinter', "
        "'_tkinter', 'Xlib', 'gi') if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("value", ["-1", "10081", "1.5", '"60"', "true"])
def test_a_wrong_check_interval_falls_back_to_the_default_with_its_line(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"[team_packs]\ncheck_minutes = {value}\n", encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings.team_packs.check_minutes == 60
    assert [(p.line, p.is_error) for p in problems] == [(2, True)]
    assert "check_minutes must be a whole number of minutes from 0" in problems[0].message


def test_statistics_and_team_pack_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        "[team_packs]\ncheck_minutes = 0\n[statistics]\nenabled = false\nhelp_improve_faq = true\n",
        encoding="utf-8",
    )
    settings, problems = load_settings(path)
    assert problems == ()
    assert settings.team_packs.check_minutes == 0
    assert (settings.statistics.enabled, settings.statistics.help_improve_faq) == (False, True)
    assert changed_settings(Settings(), settings) == (
        "team_packs.check_minutes",
        "statistics.enabled",
        "statistics.help_improve_faq",
    )
