"""Usage statistics: the real SQLite store under a private EXPANDER_HOME, the real
engine and suggester feeding it, masking, gap clustering, CSV export and merge,
and a kill -9 in the middle of writes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expander
from expander.desktop.backends.fake import FakeKeySource, FakeTextBox
from expander.engine import Engine
from expander.stats.store import (
    CSV_HEADER,
    GapEmail,
    StatsError,
    UsageRow,
    UsageStore,
    cluster_gaps,
    default_store_path,
    mask_email,
    parse_since,
    read_exports,
    summarize,
    write_export,
)
from tests.conftest import WriteFile

REPO = Path(__file__).resolve().parents[1]

PACK = """
[pack]
name = "shop"
version = "1.2.0"
language = "en"

[[snippets]]
id = "late"
trigger = ";late"
title = "Order late"
keywords = ["late", "parcel", "arrived"]
examples = ["Where is my parcel? It has not arrived yet."]
body = "Hello {name|there}, your parcel is on its way."

[[snippets]]
id = "refund"
trigger = ";ref"
title = "Refund status"
keywords = ["refund", "money back"]
examples = ["When do I get my money back for the return?"]
body = "Your refund was issued today."

[[snippets]]
id = "invoice"
trigger = ";inv"
title = "Invoice"
keywords = ["invoice", "VAT"]
examples = ["Can I get a VAT invoice?"]
body = "The invoice is attached."

[[snippets]]
id = "never"
trigger = ";never"
title = "Never used"
body = "Nobody sends this."
"""

PARCEL_EMAIL = (
    "From: Anna Kowalska <anna.kowalska@example.com>\n\n"
    "Hello,\nwhere is my parcel? It has not arrived yet, order #48213.\n\n"
    "Best regards,\nAnna Kowalska"
)
GIFT_EMAIL = (
    "Hi Tom,\ndo you offer gift wrapping? My phone is +44 7700 900123, order 55120-B.\n\n"
    "Thanks,\nRuth Adams\nruth.adams@example.com"
)


class Day:
    """A settable clock for the day of each record."""

    def __init__(self, day: str = "2026-11-20") -> None:
        self.day = dt.date.fromisoformat(day)

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def lib(write: WriteFile) -> expander.Library:
    library = expander.load(write("shop.toml", PACK), include_bundled=False)
    assert library.problems == ()
    return library


@pytest.fixture
def day() -> Day:
    return Day()


@pytest.fixture
def store(day: Day, lib: expander.Library) -> UsageStore:
    opened = UsageStore.open(today=day)
    opened.use_library(lib)
    return opened


def store_bytes(path: Path) -> bytes:
    """Everything SQLite wrote: the database, its WAL and its shared memory."""
    return b"".join(
        p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


# --- where and how it is stored ------------------------------------------------------------


def test_the_store_lives_in_the_users_data_folder(expander_home: Path) -> None:
    assert default_store_path() == expander_home / "data" / "usage.sqlite3"
    with UsageStore.open() as store:
        assert store.path == default_store_path()
    db = sqlite3.connect(default_store_path())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_file_that_is_no_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "usage.sqlite3"
    bad.write_bytes(b"this is not a database at all, just text" * 100)
    with pytest.raises(StatsError, match=r"usage\.sqlite3: not a usable usage store .* move it"):
        UsageStore.open(bad)


def test_recording_never_raises_into_the_typing_path(
    store: UsageStore, lib: expander.Library, caplog: pytest.LogCaptureFixture
) -> None:
    store.close()
    store.record_expansion(lib.get("late"))  # the store is gone: logged, dropped
    store.record_accepted(lib.get("late"), 1)
    assert store.record_unmatched(PARCEL_EMAIL, keep_emails=True) is False
    assert "usage statistics not recorded" in caplog.text


# --- recording from the engine and the suggestion flow --------------------------------------


def test_expansions_typed_in_the_engine_are_counted_per_day_pack_and_version(
    store: UsageStore, lib: expander.Library, day: Day
) -> None:
    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, clipboard=box.clipboard, clock=lambda: 0.0)
    engine.on_expansion(store.expansion_listener(lambda: lib))
    keys.start(engine.handle)
    keys.type(";late ;late ")
    day.day = dt.date(2026, 11, 21)
    keys.type(";ref ")
    assert box.text.count("your parcel is on its way") == 2
    assert store.rows() == [
        UsageRow("2026-11-20", "shop", "1.2.0", "late", "expanded", 0, 2),
        UsageRow("2026-11-21", "shop", "1.2.0", "refund", "expanded", 0, 1),
    ]


def test_nothing_typed_and_no_reply_is_ever_stored(
    store: UsageStore, lib: expander.Library
) -> None:
    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, clipboard=box.clipboard, clock=lambda: 0.0)
    engine.on_expansion(store.expansion_listener(lambda: lib))
    keys.start(engine.handle)
    keys.type("Secretword123 is typed here ;late ")
    store.close()
    raw = store_bytes(default_store_path())
    assert b"Secretword123" not in raw
    assert b"your parcel is on its way" not in raw
    assert b"late" in raw  # the snippet id is what is counted


def test_the_suggestion_flow_records_shown_ranks_and_the_accepted_rank(
    store: UsageStore, lib: expander.Library
) -> None:
    email = "Where is my parcel? It has not arrived yet."
    suggestions = lib.suggest(email, 3, min_score=0)
    assert suggestions[0].snippet.id == "late" and suggestions[0].confident
    store.record_suggestion_flow(email, suggestions, 0, keep_emails=True)
    refund_email = "I sent the return two weeks ago, when do I get my money back?"
    suggestions = lib.suggest(refund_email, 3, min_score=0)
    picked = next(i for i, s in enumerate(suggestions) if s.snippet.id == "refund")
    store.record_suggestion_flow(refund_email, suggestions, picked, keep_emails=True)
    rows = store.rows()
    shown = {(r.snippet, r.rank): r.count for r in rows if r.event == "shown"}
    assert sum(shown.values()) == 6
    assert shown[("late", 1)] == 1
    accepted = [(r.snippet, r.rank, r.count) for r in rows if r.event == "accepted"]
    assert accepted == [("late", 1, 1), ("refund", picked + 1, 1)]
    per_day = {r.event: r.count for r in rows if not r.pack}
    assert per_day == {"requested": 2}
    assert store.gaps() == []  # both answered: nothing to learn for the FAQ


def test_an_e_mail_no_suggestion_answered_is_a_gap_only_with_the_opt_in(
    store: UsageStore, lib: expander.Library, expander_home: Path
) -> None:
    suggestions = lib.suggest(GIFT_EMAIL, 3, min_score=0)
    store.record_suggestion_flow(GIFT_EMAIL, suggestions, None, keep_emails=False)
    assert store.gaps() == []
    per_day = {r.event: r.count for r in store.rows() if not r.pack}
    assert per_day == {"requested": 1, "unmatched": 1}
    store.close()
    raw = store_bytes(default_store_path())
    for word in (b"gift", b"wrapping", b"Ruth", b"7700", b"55120", b"example.com"):
        assert word not in raw, word

    with UsageStore.open(today=Day()) as store:
        store.record_suggestion_flow(GIFT_EMAIL, suggestions, None, keep_emails=True)
        (gap,) = store.gaps()
    assert gap.text == (
        "Hi [name], do you offer gift wrapping? My phone is [phone], order [order]."
    )
    assert (gap.day, gap.language, gap.reason) == ("2026-11-20", "en", "none-accepted")
    raw = store_bytes(default_store_path())
    for word in (b"Ruth", b"Tom", b"7700", b"55120", b"example.com"):
        assert word not in raw, word


def test_an_accepted_suggestion_that_was_not_confident_is_a_gap_too(
    store: UsageStore, lib: expander.Library
) -> None:
    email = "Do you ship to Iceland by boat?"
    suggestions = lib.suggest(email, 3, min_score=0)
    assert not any(s.confident for s in suggestions)
    store.record_suggestion_flow(email, suggestions, 1, keep_emails=True)
    (gap,) = store.gaps()
    assert (gap.text, gap.reason) == (email, "none-confident")
    assert [r.rank for r in store.rows() if r.event == "accepted"] == [2]


def test_kept_e_mails_are_capped_in_number_and_age(lib: expander.Library) -> None:
    day = Day("2026-01-01")
    with UsageStore.open(today=day, max_emails=3, max_email_age_days=90) as store:
        for i in range(5):
            store.record_unmatched(f"Question number {'one two three four five'.split()[i]}?",
                                   keep_emails=True)  # fmt: skip
        assert [g.text for g in store.gaps()] == [
            "Question number three?", "Question number four?", "Question number five?",
        ]  # fmt: skip
        day.day = dt.date(2026, 3, 31)  # 89 days later: still kept
        store.record_unmatched("Do you sell gift cards?", keep_emails=True)
        assert len(store.gaps()) == 3
        day.day = dt.date(2026, 4, 2)  # 91 days after the first three
        store.record_unmatched("Can I pay by bank transfer?", keep_emails=True)
        assert [g.text for g in store.gaps()] == [
            "Do you sell gift cards?", "Can I pay by bank transfer?",
        ]  # fmt: skip


def test_a_long_e_mail_is_cut_and_the_same_one_twice_a_day_kept_once(store: UsageStore) -> None:
    long_text = "Why " + "very " * 400 + "long?"
    assert store.record_unmatched(long_text, keep_emails=True)
    assert store.record_unmatched(long_text, keep_emails=True)
    (gap,) = store.gaps()
    assert len(gap.text) <= 1000 and gap.text.startswith("Why very very")
    assert [r.count for r in store.rows() if r.event == "unmatched"] == [2]


def test_forget_emails_deletes_every_kept_e_mail_without_a_trace(store: UsageStore) -> None:
    store.record_unmatched("Do you sell gift cards?", keep_emails=True)
    store.record_unmatched("Can I pay by bank transfer?", keep_emails=True)
    assert b"bank transfer" in store_bytes(default_store_path())
    assert store.forget_emails() == 2
    assert store.gaps() == []
    raw = store_bytes(default_store_path())
    assert b"gift cards" not in raw and b"bank transfer" not in raw
    assert [r.count for r in store.rows() if r.event == "unmatched"] == [2]  # counts stay


def test_threads_recording_at_once_lose_nothing(store: UsageStore, lib: expander.Library) -> None:
    import threading

    late, refund = lib.get("late"), lib.get("refund")

    def work() -> None:
        for _ in range(100):
            store.record_expansion(late)
            store.record_accepted(refund, 2)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {(r.snippet, r.event, r.count) for r in store.rows()} == {
        ("late", "expanded", 400),
        ("refund", "accepted", 400),
    }


def test_the_pack_version_comes_from_the_library_or_the_caller(
    store: UsageStore, lib: expander.Library
) -> None:
    store.record_expansion(lib.get("late"))
    store.record_expansion(lib.get("late"), "1.1.0")
    store.versions = {}  # a library not told to the store: the version stays empty
    store.record_accepted(lib.get("late"), 1)
    assert [(r.event, r.version) for r in store.rows()] == [
        ("accepted", ""),
        ("expanded", "1.1.0"),
        ("expanded", "1.2.0"),
    ]


# --- masking ------------------------------------------------------------------------------

MASKING = [
    pytest.param(
        "Hello, this is Ruth Adams. The case you sent fits a different phone model.\n\n"
        "Thanks,\nRuth",
        "Hello, this is [full_name]. The case you sent fits a different phone model.",
        id="en: a surname given only in the body, the sign-off has the first name",
    ),
    pytest.param(
        "From: Anna Kowalska <anna.k@wp.pl>\n\nHello,\nmy order #48213 and order 55120-B never "
        "came. Call 601 234 567 or +48 22 123 45 67, or write to anna.k@wp.pl.\n\n"
        "Thanks,\nAnna Kowalska\nul. Długa 5, 00-001 Warszawa",
        "Hello, my order #[order] and order [order] never came. Call [phone] or [phone], or "
        "write to [email].",
        id="en: From header, orders, phones, e-mail, signature",
    ),
    pytest.param(
        "Dzień dobry Panie Tomku,\nnazywam się Jan Kowalski. Zamówienie nr ZAM-2024-88123 nie "
        "dotarło. Proszę o kontakt: jan.kowalski@gmail.com lub 601-234-567. Pana Kowalskiego "
        "nie ma w domu.\n\nPozdrawiam\nJan Kowalski",
        "Dzień dobry Panie [name], nazywam się [full_name]. Zamówienie nr [order] nie dotarło. "
        "Proszę o kontakt: [email] lub [phone]. Pana [name] nie ma w domu.",
        id="pl: greeting, introduction, inflected surname",
    ),
    pytest.param(
        "Здравствуйте, Мария!\nМеня зовут Петрова Анна Сергеевна, заказ № 77-1932 не пришёл. "
        "Мой телефон +7 (912) 345-67-89. Анны Петровой нет дома.\n\nС уважением,\nАнна",
        "Здравствуйте, [name]! Меня зовут [full_name], заказ № [order] не "
        "пришёл. Мой телефон [phone]. [name] [name] нет дома.",
        id="ru: greeting, full name with patronymic, inflections",
    ),
    pytest.param(
        "Do you offer gift wrapping? Thanks, Tom Smith",
        "Do you offer gift wrapping?",
        id="a sign-off and a name on the same line",
    ),
    pytest.param(
        "Hi, Kate here again. Can I buy a gift card? Thanks, Kate",
        "Hi, [full_name] here again. Can I buy a gift card?",
        id="the signed name wherever else it appears",
    ),
    pytest.param(
        "Can I buy a gift card for my mum? Kate",
        "Can I buy a gift card for my mum? [name]",
        id="a name alone after the last sentence",
    ),
    pytest.param(
        "czy sklep jest otwarty w niedzielę? pozdrawiam, jan kowalski",
        "czy sklep jest otwarty w niedzielę? pozdrawiam, [name]",
        id="a name in lower case after the closing sign-off",
    ),
    pytest.param(
        "My card 4111 1111 1111 1111 was charged twice, parcel PX1234567890PL and account "
        "PL61109010140000071219812874.",
        "My card [number] was charged twice, parcel [order] and account [number].",
        id="cards, accounts, the pack's own parcel number format",
    ),
    pytest.param(
        "I ordered on 2026-03-12 and paid 1500 PLN for 3 items, code SPRING20.",
        "I ordered on 2026-03-12 and paid 1500 PLN for 3 items, code SPRING20.",
        id="dates, amounts, quantities and short codes are kept",
    ),
]


@pytest.mark.parametrize(("email", "expected"), MASKING)
def test_every_kind_of_personal_data_is_masked(email: str, expected: str) -> None:
    assert mask_email(email, (r"\bPX\d{10}PL\b",)) == expected


def test_masking_drops_quotes_and_signatures() -> None:
    email = (
        "Where is my parcel?\n\n-- \nRuth Adams | ACME Ltd | +44 20 7946 0958\n\n"
        "On Mon, 4 Mar 2024, Shop <help@shop.example> wrote:\n> Hello Ruth, order 48213 ships."
    )
    assert mask_email(email) == "Where is my parcel?"


# --- --since ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30d", "2026-10-22"), ("1d", "2026-11-20"), ("7d", "2026-11-14"), ("12w", "2026-08-29"),
     ("6m", "2026-05-25"), ("2026-01-31", "2026-01-31")],
)  # fmt: skip
def test_since_takes_days_weeks_months_or_a_date(text: str, expected: str) -> None:
    assert parse_since(text, dt.date(2026, 11, 20)).isoformat() == expected


@pytest.mark.parametrize("text", ["", "30", "d30", "0d", "2026-13-01", "last week"])
def test_since_rejects_anything_else_clearly(text: str) -> None:
    with pytest.raises(StatsError, match=r"--since|at least one day"):
        parse_since(text, dt.date(2026, 11, 20))


# --- the summary --------------------------------------------------------------------------------


def rows_for_summary() -> list[UsageRow]:
    return [
        UsageRow("2026-11-01", "shop", "1.1.0", "late", "expanded", 0, 4),
        UsageRow("2026-11-18", "shop", "1.2.0", "late", "expanded", 0, 3),
        UsageRow("2026-11-18", "shop", "1.2.0", "late", "shown", 1, 4),
        UsageRow("2026-11-18", "shop", "1.2.0", "late", "accepted", 1, 3),
        UsageRow("2026-11-18", "shop", "1.2.0", "refund", "shown", 2, 4),
        UsageRow("2026-11-18", "shop", "1.2.0", "refund", "accepted", 2, 1),
        UsageRow("2026-11-18", "shop", "1.2.0", "invoice", "shown", 3, 4),
        UsageRow("2026-11-19", "", "", "", "requested", 0, 5),
        UsageRow("2026-11-19", "", "", "", "unmatched", 0, 1),
    ]


def test_summary_top_unused_acceptance_and_mean_rank_per_pack(lib: expander.Library) -> None:
    summary = summarize(rows_for_summary(), lib)
    assert [(s.snippet, s.uses, s.expanded, s.accepted) for s in summary.snippets] == [
        ("late", 10, 7, 3),
        ("refund", 1, 0, 1),
    ]
    assert [(s.snippet, s.shown) for s in summary.unused] == [("invoice", 4), ("never", 0)]
    (pack,) = summary.packs
    assert pack.versions == ("1.1.0", "1.2.0")
    assert (pack.shown, pack.accepted, pack.acceptance_rate) == (12, 4, 4 / 12)
    assert pack.mean_rank == (1 * 3 + 2 * 1) / 4
    assert (summary.requested, summary.accepted, summary.unmatched) == (5, 4, 1)
    assert summary.acceptance_rate == 4 / 5
    assert summary.days == (("2026-11-01", 4), ("2026-11-18", 7))
    data = summary.to_json()
    assert data["suggestions"] == {
        "requested": 5, "accepted": 4, "unmatched": 1, "acceptance_rate": 0.8,
        "mean_accepted_rank": 1.25,
    }  # fmt: skip
    assert data["packs"][0]["unused"] == ["invoice", "never"]


def test_summary_since_leaves_out_older_days(lib: expander.Library) -> None:
    summary = summarize(rows_for_summary(), lib, since=dt.date(2026, 11, 10))
    assert summary.snippets[0].expanded == 3
    assert summary.packs[0].versions == ("1.2.0",)
    assert summary.first_day == "2026-11-18"


def test_summary_without_the_library_does_not_guess_unused_snippets() -> None:
    summary = summarize(rows_for_summary())
    assert summary.unused == () and not summary.library_known
    assert summary.to_json()["unused_snippets"] is None


# --- gap clustering ------------------------------------------------------------------------------

QUESTIONS = {
    "parcel": [
        "Hi, I ordered a lamp two weeks ago and it still hasn't arrived. Where is my package?",
        "Hello, my parcel was supposed to come last Friday but nothing yet. Can you check where "
        "it is?",
        "where is my order?? its been 10 days",
        "Gdzie jest moja paczka? Zamówiłam tydzień temu i nadal nic nie dotarło.",
        "Dzień dobry, paczka miała być w piątek, a dalej jej nie ma. Co się dzieje z przesyłką?",
        "Где моя посылка? Заказ сделан 10 дней назад, до сих пор не пришёл.",
        "Здравствуйте, посылка так и не доставлена, подскажите, где она?",
    ],
    "invoice": [
        "Can I get an invoice with my company's VAT number for this purchase?",
        "I need a VAT invoice for my company, how do I get one?",
        "Poproszę o fakturę VAT na firmę, NIP podam w odpowiedzi.",
        "Czy mogę dostać fakturę na firmę do tego zamówienia?",
    ],
    "address": [
        "I gave the wrong delivery address, can you change it before shipping?",
        "Please update the shipping address on my order, I moved last week.",
        "Czy mogę zmienić adres dostawy? Podałem zły adres.",
        "Можно изменить адрес доставки? Я ошибся в адресе.",
    ],
    "return": [
        "How do I return the shoes? They are too small.",
        "I want to send back the jacket, what is the return procedure?",
        "Jak zwrócić towar? Chcę oddać buty.",
        "Как вернуть товар? Куртка не подошла.",
    ],
    "refund": [
        "I returned the item two weeks ago and still have not got my money back.",
        "Kiedy dostanę zwrot pieniędzy? Odesłałem paczkę 10 dni temu.",
        "Деньги за возврат до сих пор не пришли.",
    ],
    "gift": [
        "Do you offer gift wrapping?",
        "Can you wrap the item as a present for my sister?",
        "Czy możecie zapakować produkt na prezent?",
    ],
    "students": [
        "Do you have a discount for students?",
        "Czy jest zniżka studencka?",
        "Есть ли скидка для студентов?",
    ],
    "sunday": ["Is your shop open on Sundays?"],
}


def test_gaps_group_the_same_question_asked_differently_in_en_pl_ru() -> None:
    from expander.email.language import detect_language

    gaps = [
        GapEmail("2026-11-20", text, detect_language(text) or "")
        for texts in QUESTIONS.values()
        for text in texts
    ]
    topic = {text: name for name, texts in QUESTIONS.items() for text in texts}
    clusters = cluster_gaps(gaps)
    groups = [{topic[m] for m in c.members} for c in clusters]
    assert all(len(g) == 1 for g in groups), groups  # different questions stay apart
    assert [next(iter(g)) for g in groups[:2]] == ["parcel", "invoice"]
    assert clusters[0].count == 7 and clusters[0].example in QUESTIONS["parcel"]
    assert clusters[0].languages == {"pl": 2, "ru": 2, "en": 3}
    # every question asked more than once is one group, or at worst two
    for name, texts in QUESTIONS.items():
        assert sum(1 for g in groups if g == {name}) <= (2 if len(texts) > 3 else 1), name
    assert [c.count for c in clusters] == sorted((c.count for c in clusters), reverse=True)


def test_a_group_example_is_its_medoid_and_repeats_count() -> None:
    texts = [
        "Where is my parcel?",
        "Where is my parcel?",
        "Where is my parcel? It did not come.",
        "My parcel did not come, where is it?",
        "Do you sell gift cards?",
    ]
    clusters = cluster_gaps(texts)
    assert [(c.count, c.example) for c in clusters] == [
        (4, "Where is my parcel? It did not come."),
        (1, "Do you sell gift cards?"),
    ]
    assert clusters[0].members[0] == clusters[0].example


def test_without_the_embedding_model_near_duplicates_still_group() -> None:
    texts = [
        "Where is my parcel? It has not arrived.",
        "where is my parcel, it has not arrived yet",
        "Where is my parcell? Has not arived",
        "Can I pay by bank transfer?",
        "Czy mogę zapłacić przelewem?",
    ]
    clusters = cluster_gaps(texts, embedder=None)
    assert [c.count for c in clusters] == [3, 1, 1]


def test_no_gaps_no_clusters() -> None:
    assert cluster_gaps([]) == []


# --- CSV export and merge -------------------------------------------------------------------------


def agent_store(path: Path, lib: expander.Library, expansions: int, gap: str | None) -> UsageStore:
    store = UsageStore.open(path, today=Day())
    store.use_library(lib)
    for _ in range(expansions):
        store.record_expansion(lib.get("late"))
    store.record_suggestions_shown([lib.get("refund"), lib.get("late")])
    store.record_accepted(lib.get("late"), 2)
    if gap:
        store.record_unmatched(gap, keep_emails=True)
    return store


def test_export_then_merge_sums_counters_across_agents(
    tmp_path: Path, lib: expander.Library
) -> None:
    a = agent_store(tmp_path / "a.sqlite3", lib, 3, "Do you sell gift cards? Thanks, Kate")
    b = agent_store(tmp_path / "b.sqlite3", lib, 2, "Can I buy a gift card?")
    # late expanded, shown at 2 and accepted at 2; refund shown at 1; requested; unmatched
    assert write_export(tmp_path / "a.csv", a.rows(), a.gaps(), agent="kate") == (6, 1)
    assert write_export(tmp_path / "b.csv", b.rows(), (), agent="bob") == (6, 0)
    merged = read_exports([tmp_path / "a.csv", tmp_path / "b.csv"])
    assert merged.agents == ("bob", "kate")
    late_expanded = [r for r in merged.summed() if r.event == "expanded"]
    assert late_expanded == [UsageRow("2026-11-20", "shop", "1.2.0", "late", "expanded", 0, 5)]
    assert [g.text for g in merged.gaps] == ["Do you sell gift cards?"]
    summary = summarize(merged.rows, lib)
    assert summary.agents == ("bob", "kate")
    late = summary.snippets[0]
    assert (late.snippet, late.expanded, late.accepted, late.mean_rank) == ("late", 5, 2, 2.0)
    assert (summary.requested, summary.accepted) == (2, 2)
    # the same report as from both stores' rows together
    together = summarize([*a.rows(), *b.rows()], lib)
    assert summary.snippets == together.snippets and summary.packs == together.packs
    a.close()
    b.close()


def test_export_has_one_row_per_day_agent_pack_version_snippet_counter(
    tmp_path: Path, lib: expander.Library
) -> None:
    with agent_store(tmp_path / "a.sqlite3", lib, 1, None) as store:
        write_export(tmp_path / "a.csv", store.rows(), agent="kate")
    lines = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(CSV_HEADER)
    assert "usage,2026-11-20,kate,shop,1.2.0,late,accepted,2,1,," in lines
    assert "usage,2026-11-20,kate,,,,requested,0,1,," in lines


_FIELD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.builds(
            UsageRow,
            day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat),
            pack=_FIELD.filter(bool),
            version=_FIELD,
            snippet=_FIELD.filter(bool),
            event=st.sampled_from(["expanded", "shown", "accepted"]),
            rank=st.integers(0, 20),
            count=st.integers(1, 10**9),
        ),
        max_size=8,
    ),
    gaps=st.lists(
        st.builds(
            GapEmail,
            day=st.just("2026-11-20"),
            text=_FIELD.filter(str.strip),
            language=st.sampled_from(["", "en", "pl", "ru"]),
            reason=st.sampled_from(["none-accepted", "none-confident"]),
        ),
        max_size=4,
    ),
    agent=_FIELD,
)
def test_an_export_reads_back_exactly(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[UsageRow],
    gaps: list[GapEmail],
    agent: str,
) -> None:
    unique = list(
        {(r.day, r.pack, r.version, r.snippet, r.event, r.rank): r for r in rows}.values()
    )
    path = tmp_path_factory.mktemp("export") / "agent.csv"
    write_export(path, unique, gaps, agent=agent)
    back = read_exports([path])
    assert sorted(back.rows, key=repr) == sorted(
        (UsageRow(r.day, r.pack, r.version, r.snippet, r.event, r.rank, r.count, agent)
         for r in unique), key=repr,
    )  # fmt: skip
    assert back.gaps == tuple(GapEmail(g.day, g.text, g.language, g.reason, agent) for g in gaps)


BAD_CSV = [
    ("day,count\n2026-01-01,1\n", 1, "not an Expander stats export: the first line must be"),
    ("{h}\nusage,2026-1-01,a,shop,1,late,expanded,0,1,,\n", 2, "day '2026-1-01' is not a date"),
    ("{h}\nusage,2026-02-30,a,shop,1,late,expanded,0,1,,\n", 2, "day '2026-02-30' is not a date"),
    ("{h}\nusage,2026-01-01,a,shop,1,late,typed,0,1,,\n", 2, "event 'typed' is not one of"),
    ("{h}\nusage,2026-01-01,a,shop,1,late,expanded,0,many,,\n", 2, "must be whole numbers"),
    ("{h}\nusage,2026-01-01,a,shop,1,late,expanded,0,0,,\n", 2, "count 1 or more"),
    ("{h}\n\nusage,2026-01-01,a,shop,1,late\n", 3, "expected 11 fields, found 6"),
    ("{h}\nusage,2026-01-01,a,,,,expanded,0,1,,\n", 2, "needs a pack and a snippet"),
    ("{h}\nrow,2026-01-01,a,shop,1,late,expanded,0,1,,\n", 2, "neither 'usage' nor 'gap'"),
    ("{h}\ngap,2026-01-01,a,,,,none-accepted,0,1,en,\n", 2, "a gap record without text"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_CSV)
def test_a_malformed_export_is_rejected_with_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "agent.csv"
    path.write_text(text.format(h=",".join(CSV_HEADER)), encoding="utf-8")
    with pytest.raises(StatsError) as info:
        read_exports([path])
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_the_same_export_merged_twice_is_refused(tmp_path: Path, lib: expander.Library) -> None:
    with agent_store(tmp_path / "a.sqlite3", lib, 1, None) as store:
        write_export(tmp_path / "a.csv", store.rows(), agent="kate")
    copy = tmp_path / "copy.csv"
    copy.write_bytes((tmp_path / "a.csv").read_bytes())
    with pytest.raises(StatsError, match=r"copy\.csv:2: this counter is already in .*a\.csv:2"):
        read_exports([tmp_path / "a.csv", copy])


def test_a_binary_file_is_no_export(tmp_path: Path) -> None:
    path = tmp_path / "agent.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(StatsError, match="not UTF-8 text"):
        read_exports([path])


# --- crash safety and concurrency -----------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import expander
    from expander.stats.store import UsageStore

    lib = expander.load(sys.argv[2], include_bundled=False)
    late = lib.get("late")
    store = UsageStore.open(Path(sys.argv[1]), max_emails=20)  # pruning in every write
    store.use_library(lib)
    n = 0
    while True:
        store.record_expansion(late)
        store.record_suggestions_shown([late, lib.get("refund")])
        store.record_unmatched(f"Question {n} about gift cards?", keep_emails=True)
        n += 1
        if n in (50, 100):
            print(n, flush=True)
    """
)


def start_writer(tmp_path: Path, db: Path, pack: Path) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(db), str(pack)],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def test_a_kill_during_writes_leaves_a_readable_store(
    tmp_path: Path, write: WriteFile, lib: expander.Library
) -> None:
    db = tmp_path / "usage.sqlite3"
    proc = start_writer(tmp_path, db, write("shop.toml", PACK))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "50"  # well into its loop of writes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    with UsageStore.open(db) as store:
        rows = store.rows()
        expanded = sum(r.count for r in rows if r.event == "expanded")
        requested = sum(r.count for r in rows if r.event == "requested")
        assert expanded >= 50
        assert requested in (expanded, expanded - 1)  # each record is whole or absent
        unmatched = sum(r.count for r in rows if r.event == "unmatched")
        assert unmatched in (requested, requested - 1)
        assert [g.text for g in store.gaps()] == [  # the newest 20, in order
            f"Question {n} about gift cards?" for n in range(unmatched - 20, unmatched)
        ]
        summary = summarize(rows, lib)
        assert summary.snippets[0].snippet == "late"
        store.record_expansion(lib.get("late"))  # and it takes new records
        assert sum(r.count for r in store.rows() if r.event == "expanded") == expanded + 1


def test_the_cli_reads_while_the_app_writes(
    tmp_path: Path, write: WriteFile, lib: expander.Library
) -> None:
    db = tmp_path / "usage.sqlite3"
    proc = start_writer(tmp_path, db, write("shop.toml", PACK))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "50"
        with UsageStore.open(db) as reader:
            first = sum(r.count for r in reader.rows() if r.event == "expanded")
            assert proc.stdout.readline().strip() == "100"  # the writer went on meanwhile
            later = sum(r.count for r in reader.rows() if r.event == "expanded")
            assert 50 <= first < later
            assert len(reader.gaps()) == 20
    finally:
        proc.kill()
        proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()


def test_import_expander_stats_stays_light() -> None:
    code = (
        "import sys, expander.stats.store, expander.stats.report; "
        "heavy = [m for m in "
        "('numpy', 'rapidfuzz', 'expander.suggest.ranker', 'tkinter', 'pynput') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"


def naive_average_link(sim: list[list[float]], threshold: float) -> list[list[int]]:
    """Average-link clustering as the textbook says it, for reference."""
    groups = [[i] for i in range(len(sim))]
    while len(groups) > 1:
        best, pair = -1.0, (0, 0)
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                link = sum(sim[x][y] for x in groups[a] for y in groups[b])
                link /= len(groups[a]) * len(groups[b])
                if link > best:
                    best, pair = link, (a, b)
        if best < threshold:
            break
        a, b = pair
        groups[a] = sorted(groups[a] + groups[b])
        del groups[b]
    return sorted(groups)


@pytest.mark.parametrize("seed", range(12))
def test_the_fast_average_link_merges_as_the_textbook_one(seed: int) -> None:
    import numpy as np

    from expander.stats.store import _average_link

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 30))
    points = rng.normal(size=(n, 3)) + rng.integers(0, 4, size=(n, 1)) * 3
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    sim = points @ points.T
    threshold = float(rng.uniform(0.2, 0.9))
    assert sorted(_average_link(sim, threshold)) == naive_average_link(sim.tolist(), threshold)
