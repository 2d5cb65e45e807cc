"""Gap clustering: the unmatched e-mails grouped into the questions they ask,
across English, Polish and Russian, and the fast average link against the
textbook one."""

from __future__ import annotations

import pytest

from expander.stats import GapCluster, GapEmail, cluster_gaps

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


def _clustered_questions() -> tuple[list[GapCluster], list[set[str]]]:
    """The clusters of :data:`QUESTIONS` (each e-mail with its detected language)
    and each cluster's set of question names."""
    from expander.email.language import detect_language

    gaps = [
        GapEmail("2026-11-20", text, detect_language(text) or "")
        for texts in QUESTIONS.values()
        for text in texts
    ]
    topic = {text: name for name, texts in QUESTIONS.items() for text in texts}
    clusters = cluster_gaps(gaps)
    return clusters, [{topic[m] for m in c.members} for c in clusters]


@pytest.mark.xfail(
    strict=True,
    reason="e5-small cannot tell these apart across languages: on centred vectors 'where is my "
    "order?? its been 10 days' is as close to the Polish refund e-mail (0.20) as to the other "
    "English and Polish parcel e-mails (0.02-0.21), and that refund e-mail is as close to parcel "
    "e-mails (0.15-0.20) as to the other refund ones (0.12-0.16); the settings that pass this "
    "keep only 75-80 % of tests/data's e-mails on their group's question (bench/gaps_quality.py)."
    " The parcel question ends in 4 groups: en+pl, en+pl, en+ru, ru",
)
def test_gaps_group_the_same_question_asked_differently_in_en_pl_ru() -> None:
    clusters, groups = _clustered_questions()
    assert all(len(g) == 1 for g in groups), groups  # different questions stay apart
    assert [next(iter(g)) for g in groups[:2]] == ["parcel", "invoice"]
    assert clusters[0].count == 7 and clusters[0].example in QUESTIONS["parcel"]
    assert clusters[0].languages == {"pl": 2, "ru": 2, "en": 3}
    # every question asked more than once is one group, or at worst two
    for name, texts in QUESTIONS.items():
        assert sum(1 for g in groups if g == {name}) <= (2 if len(texts) > 3 else 1), name
    assert [c.count for c in clusters] == sorted((c.count for c in clusters), reverse=True)


def test_a_question_asked_in_other_languages_shares_a_group_across_them() -> None:
    from expander.email.language import detect_language

    clusters, groups = _clustered_questions()
    assert all(len(g) == 1 for g in groups), groups  # no group mixes questions
    for name, texts in QUESTIONS.items():
        if len({detect_language(t) for t in texts}) > 1:
            languages = [c.languages for c, g in zip(clusters, groups, strict=True) if g == {name}]
            assert any(len(counts) > 1 for counts in languages), (name, languages)
    for name in ("address", "students"):  # one group in all three languages
        shared = [c for c, g in zip(clusters, groups, strict=True) if g == {name}]
        assert any(set(c.languages) == {"en", "pl", "ru"} for c in shared), name


def test_a_group_example_is_its_medoid_and_repeats_count() -> None:
    texts = [
        "Where is my parcel?",
        "Where is my parcel?",
        "Where is my parcel? It did not come.",
        "My parcel did not come, where is it?",
        "Do you sell gift cards?",
    ]
    clusters = cluster_gaps(texts)
    # with e5 the repeated plain question is the closest to the rest (with USE it
    # was the longer one)
    assert [(c.count, c.example) for c in clusters] == [
        (4, "Where is my parcel?"),
        (1, "Do you sell gift cards?"),
    ]
    assert clusters[0].members[0] == clusters[0].example


def test_a_small_batch_is_not_centred_on_its_own_mean() -> None:
    from expander.stats.gaps import CENTRED_MINIMUM

    # two e-mails centred on their mean would point apart and never group
    texts = ["Where is my parcel?", "My package has not arrived yet, where is it?"]
    assert len(texts) < CENTRED_MINIMUM
    assert [c.count for c in cluster_gaps(texts)] == [2]


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

    from expander.stats.gaps import average_link

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 30))
    points = rng.normal(size=(n, 3)) + rng.integers(0, 4, size=(n, 1)) * 3
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    sim = points @ points.T
    threshold = float(rng.uniform(0.2, 0.9))
    assert sorted(average_link(sim, threshold)) == naive_average_link(sim.tolist(), threshold)
