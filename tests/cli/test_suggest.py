"""``expander suggest`` (expander/cli/suggest.py) end to end, reading the e-mail on stdin.

Runs call the CLI in this process, so the embedding model loads once (about 2 s)
rather than once a run; the empty e-mail also runs as a real process. Every run
goes through :func:`suggest`, which asserts that no traceback is ever printed.
EXPANDER_HOME is the per-test folder from tests/conftest.py.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import Cli, Result, run_process

DELAYED_EN = (
    "Hi,\n\nmy order #48213 was meant to arrive last week and it still hasn't come. "
    "When will it get here?\n\nThanks,\nMark\n\n"
    "On Mon, 4 Mar 2024 at 10:12, Support <help@homeandco.co.uk> wrote:\n"
    "> Hi Mark, the voucher SPRING15 only works on full-price items.\n"
)
DELAYED_PL = (
    "Dzień dobry, zamówienie ZAM/2024/0815 miało być wczoraj, a nadal go nie ma. "
    "Kiedy dotrze?\n\nPozdrawiam\nAnna Nowak"
)
UNANSWERABLE_RU = (
    "Добрый день! Мы производитель домашнего текстиля и предлагаем оптовые поставки "
    "по выгодным ценам. Пришлите, пожалуйста, контакты отдела закупок."
)
# Not first before learning (wrong-item-en comes second), first after it.
LATER = (  # tests/suggest/test_learning.py's English pair
    "Hi, you sent me a strap for a different watch model, it doesn't fit mine. Please sort it out."
)
ACCEPTED = (
    "Hello, the case you sent fits a different phone model, not the one I have. Can you sort it "
    "out? Order #55120, ring me on 07700 900456 or write to ruth.adams@example.com\n\n"
    "Thanks,\nRuth Adams"
)


def suggest(cli: Cli, *args: str, stdin: str = "") -> Result:
    proc = cli("suggest", *args, input=stdin)
    assert "Traceback" not in proc.out, proc.out
    return proc


def suggest_json(cli: Cli, *args: str, stdin: str) -> dict[str, Any]:
    proc = suggest(cli, "--json", *args, stdin=stdin)
    assert proc.code == 0, proc.err
    data: dict[str, Any] = json.loads(proc.out)
    return data


def position(data: dict[str, Any], snippet_id: str) -> tuple[int, float]:
    for i, s in enumerate(data["suggestions"]):
        if s["id"] == snippet_id:
            return i, float(s["score"])
    raise AssertionError(f"{snippet_id} not among {[s['id'] for s in data['suggestions']]}")


SCORE_LINE = re.compile(r"^\s*(\d{1,3}\.\d)  (\S+)  (.*)$", re.MULTILINE)


def test_text_output_ranks_and_prints_the_filled_reply(cli: Cli) -> None:
    proc = suggest(cli, stdin=DELAYED_EN)
    assert proc.code == 0, proc.err
    out = proc.out
    lines = SCORE_LINE.findall(out)
    assert 1 <= len(lines) <= 3  # the default limit
    score, trigger, title = lines[0]
    assert 0 <= float(score) <= 100
    assert trigger == ";delay" and title.startswith("Order delayed")
    assert "(not confident)" not in out
    assert "name=Mark" in out and "order=48213" in out
    reply = out.split("--- reply:", 1)[1]
    assert "Hello Mark," in reply and "48213" in reply
    assert "SPRING15" not in out  # the quoted message played no part


def test_json_output_with_limit(cli: Cli) -> None:
    data = suggest_json(cli, "--limit", "2", "--all", stdin=DELAYED_PL)
    assert data["confident"] is True
    assert data["fields"]["order"] == "ZAM/2024/0815"
    found = data["suggestions"]
    assert len(found) == 2
    assert found[0]["id"] == "order-delayed-pl"
    assert found[0]["confident"] is True
    assert found[0]["score"] >= found[1]["score"]
    for s in found:
        assert 0 <= s["score"] <= 100
        assert s["reasons"] and all(isinstance(r, str) and r for r in s["reasons"])
        assert {"id", "trigger", "title", "pack", "confident", "reply", "missing"} <= set(s)
    assert "ZAM/2024/0815" in found[0]["reply"]


def test_no_confident_match_says_so(cli: Cli) -> None:
    proc = suggest(cli, stdin=UNANSWERABLE_RU)
    assert proc.code == 0, proc.err
    assert "No confident match" in proc.out
    assert "--all" in proc.out
    assert not SCORE_LINE.search(proc.out)


def test_no_confident_match_in_json_is_an_empty_list(cli: Cli) -> None:
    data = suggest_json(cli, stdin=UNANSWERABLE_RU)
    assert data == {"fields": {}, "confident": False, "suggestions": []}


def test_all_shows_the_closest_replies_marked_not_confident(cli: Cli) -> None:
    proc = suggest(cli, "--all", "--limit", "4", stdin=UNANSWERABLE_RU)
    assert proc.code == 0, proc.err
    lines = SCORE_LINE.findall(proc.out)
    assert len(lines) == 4
    assert all(title.endswith("(not confident)") for _, _, title in lines)
    assert "--- reply:" in proc.out


def test_accept_then_a_second_run_ranks_the_snippet_higher(cli: Cli, expander_home: Path) -> None:
    # --limit 30: with e5 the Polish and Russian snippets fill ranks 3-10 for this
    # English e-mail (below the English ones they follow with USE)
    before = suggest_json(cli, "--all", "--limit", "30", stdin=LATER)
    rank_before, score_before = position(before, "wrong-item-en")
    assert rank_before > 0

    learned = suggest(cli, "--accept", ";wrongitem", stdin=ACCEPTED)  # by trigger
    assert learned.code == 0, learned.err
    assert "Learned" in learned.out and "wrong-item-en" in learned.out
    files = [p for p in expander_home.rglob("*") if p.is_file()]
    # besides the learned example, only the snippet-vector cache (written when this
    # process had not encoded the packs yet), which holds no text
    stored = [p for p in files if p.parent.name != "cache"]
    assert len(stored) == 1
    text = stored[0].read_text(encoding="utf-8")
    for value in ("55120", "07700 900456", "ruth.adams@example.com", "Ruth", "Adams"):
        assert value not in text
        for cached in files:
            assert value.encode() not in cached.read_bytes()

    after = suggest_json(cli, "--all", "--limit", "30", stdin=LATER)
    rank_after, score_after = position(after, "wrong-item-en")
    # among the three shown (tests/test_learning.py says why not first)
    assert rank_after < rank_before and rank_after <= 2 and score_after > score_before


def test_export_writes_toml_for_the_manager(cli: Cli, expander_home: Path, tmp_path: Path) -> None:
    for snippet, email in [
        ("return-en", "How can I send the lamp from order #80412 back to you?"),
        ("refund-status-pl", "Odesłałam buty dwa tygodnie temu, a pieniędzy nadal nie ma."),
        ("return-en", "I'd like to send the rug back, it doesn't suit the room."),
    ]:
        proc = suggest(cli, "--accept", snippet, stdin=email)
        assert proc.code == 0, proc.err
    target = tmp_path / "learned.toml"
    proc = suggest(cli, "--export", str(target))
    assert proc.code == 0, proc.err
    assert "2 snippet(s)" in proc.out and str(target) in proc.out
    with open(target, "rb") as handle:
        data = tomllib.load(handle)
    by_id = {s["id"]: s for s in data["snippets"]}
    assert set(by_id) == {"return-en", "refund-status-pl"}
    assert len(by_id["return-en"]["examples"]) == 2
    assert by_id["refund-status-pl"]["title"].startswith("Status zwrotu")
    assert "80412" not in target.read_text(encoding="utf-8")


def test_forget_learned_deletes_the_examples_and_what_came_of_them(
    cli: Cli, expander_home: Path
) -> None:
    assert suggest(cli, "--accept", "return-en", stdin=ACCEPTED).code == 0
    assert suggest(cli, stdin=LATER).code == 0  # builds the index: learned-index/ is filled
    data = expander_home / "data"
    assert (data / "learned.jsonl").is_file() and any((data / "learned-index").iterdir())
    proc = suggest(cli, "--forget-learned")
    assert proc.code == 0, proc.err
    assert "Forgot 1 learned example(s)" in proc.out
    assert not (data / "learned.jsonl").exists() and not (data / "learned-index").exists()
    assert suggest(cli, "--no-user", "--forget-learned").code == 1


def test_export_without_the_user_folder_is_an_error(cli: Cli, tmp_path: Path) -> None:
    proc = suggest(cli, "--no-user", "--export", str(tmp_path / "out.toml"))
    assert proc.code == 1
    assert proc.err.startswith("Error:")
    assert not (tmp_path / "out.toml").exists()


@pytest.mark.parametrize("stdin", ["", "   \n\n\t"])
def test_empty_stdin_is_an_error(cli: Cli, stdin: str) -> None:
    """As a real process: the exit code the shell sees, and no traceback."""
    proc = run_process("suggest", input=stdin, home=cli.home, cwd=cli.cwd)
    assert proc.code == 1
    assert proc.err.startswith("Error:")
    assert "empty" in proc.err
    assert proc.out == ""


def test_accepting_an_unknown_snippet_is_an_error(cli: Cli, expander_home: Path) -> None:
    proc = suggest(cli, "--accept", "wrong-item", stdin="The case is for a different phone.")
    assert proc.code == 1
    assert proc.err.startswith("Error:")
    assert "'wrong-item'" in proc.err
    assert "did you mean" in proc.err and "wrong-item-pl" in proc.err
    assert not any(p.is_file() for p in expander_home.rglob("*"))


# --- on the bundled packs ---------------------------------------------------------------

PARTNERSHIP = (
    "Hello, we are a logistics company and would like to offer you a partnership on "
    "warehousing. Can we schedule a call next week?"
)


def test_on_the_bundled_packs_text_json_no_match_and_errors(cli: Cli) -> None:
    email = "Hello, my order #30412 has not arrived yet. When will it come?\nBest, Anna Smith"
    result = cli("suggest", input=email)
    assert result.code == 0 and result.err == ""
    assert "order-delayed-en" in result.out or ";delay" in result.out
    assert "Fields from the e-mail: name=Anna, full_name=Anna Smith, order=30412" in result.out
    assert "--- reply:" in result.out and "Hello Anna," in result.out

    result = cli("suggest", "--json", "--limit", "2", input=email)
    data = result.json
    assert result.code == 0 and data["confident"] and len(data["suggestions"]) <= 2
    assert data["fields"]["order"] == "30412"
    assert {"id", "score", "reasons", "reply", "missing"} <= set(data["suggestions"][0])

    result = cli("suggest", input=PARTNERSHIP)
    assert (result.code, result.out.startswith("No confident match")) == (0, True)
    result = cli("suggest", "--all", "--limit", "2", input=PARTNERSHIP)
    assert result.code == 0 and result.out.count("(not confident)") == 2

    assert cli("suggest", input="  \n").code == 1
    result = cli("suggest", "--accept", ";nope", input=email)
    assert result.code == 1 and result.err.startswith(
        "Error: no snippet with trigger or id ';nope'"
    )


def test_on_the_bundled_packs_accept_then_export(cli: Cli, tmp_path: Path) -> None:
    email = "Hi, the courier left a note but I was home all day, what now? Regards, Jo"
    result = cli("suggest", "--accept", "delivery-options-en", input=email)
    assert result.code == 0 and result.out.startswith("Learned:")
    target = tmp_path / "learned.toml"
    result = cli("suggest", "--export", str(target))
    assert result.code == 0 and "1 snippet" in result.out
    exported = tomllib.loads(target.read_text("utf-8"))
    assert exported["snippets"][0]["id"] == "delivery-options-en"
    assert exported["snippets"][0]["examples"][0].startswith("Hi, the courier left a note")


def test_the_help_gives_the_thresholds_the_suggester_uses() -> None:
    # the help once kept session 15's thresholds for two sessions after they changed
    from expander.cli.suggest import cmd_suggest
    from expander.suggest.confidence import LEXICAL_MIN_SCORE, MIN_SCORES

    help_text = " ".join((cmd_suggest.__doc__ or "").split())
    strictest = max(MIN_SCORES.values())
    for language, name in (("en", "English"), ("pl", "Polish"), ("ru", "Russian")):
        assert f"{MIN_SCORES[language]:g} for {name}" in help_text
    assert f"{strictest:g} for Russian or an unknown language" in help_text
    assert f"{LEXICAL_MIN_SCORE:g} without the embedding models" in help_text
