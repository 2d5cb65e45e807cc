"""Six small classes of names and order numbers (session 22, round 3): each rule on
invented e-mails of its kind, in English, Polish and Russian, and the e-mails like
them it must leave as they were."""

from __future__ import annotations

import pytest

from tests.email.fieldcases import name_of, order_of

_EN = "Hello,\nmy order 55127 has not arrived yet.\n"
_PL = "Dzień dobry,\nzamówienie 55127 jeszcze nie dotarło.\n"
_RU = "Здравствуйте,\nзаказ 55127 до сих пор не пришёл.\n"


# 1. a thanks on the sign-off's line names the agent; another person's full name
# signs under it. Not the writer's own name in full, nor a firm's name.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_EN + "Thanks Grace!\nTom Baker", "Tom"),
        (_EN + "Many thanks, Priya\nDavid Holt", "David"),
        (_PL + "Dziękuję Kasiu!\nTomasz Nowak", "Tomasz"),
        (_RU + "Спасибо, Маша!\nИван Петров", "Иван"),
        # the writer's own name in full, under the short form signed
        (_EN + "Thanks, Liz\nElizabeth Hart", "Liz"),
        (_EN + "Thanks, Bob\nRobert Miles", "Bob"),
        (_PL + "Dzięki, Kasia\nKatarzyna Wójcik", "Kasia"),
        (_RU + "Спасибо, Маша\nМария Соколова", "Маша"),
        (_RU + "Спасибо, Лиза\nЕлизавета Петрова", "Лиза"),
        (_EN + "Thanks, Tom\nThomas Reed", "Tom"),
        # a firm under the name
        (_EN + "Thanks, Anna\nJohn Lewis Partnership", "Anna"),
        (_EN + "Thanks, Anna\nBloom Ltd", "Anna"),
    ],
)
def test_thanked_name_over_another_signer(text: str, name: str) -> None:
    assert name_of(text) == name


# 2. a surname-first full name over who the writer is, in brackets, over their
# e-mail address or phone
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_RU + "Смирнова Ольга\n(мама жениха)\nolga@example.ru", "Ольга"),
        (_RU + "Смирнова Ольга\n(мама жениха)\n+7 900 100 20 30", "Ольга"),
        (_PL + "Kowalska Anna\n(mama panny młodej)\n+48 600 100 200", "Anna"),
        (_EN + "Baker Susan\n(mother of the bride)\nsb1970@example.com", "Susan"),
        # no name over the bracket: none invented
        (_EN + "(mother of the bride)\nsb1970@example.com", ""),
        (_RU + "Жду ответа.\n(мама жениха)\n+7 900 100 20 30", ""),
    ],
)
def test_name_over_role_and_contact(text: str, name: str) -> None:
    assert name_of(text) == name


# 3. a word in capitals and a company's word, or a short acronym, after a sign-off
# is a firm; a surname in capitals and a first name is a person
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_PL + "Pozdrawiam, BHP Serwis", ""),
        (_EN + "Regards, ACME Ltd", ""),
        (_EN + "Regards, KDS Trans", ""),
        (_RU + "С уважением, ООО Ромашка", ""),
        (_EN + "Regards, SHARMA Sunita", "Sunita"),
        (_PL + "Pozdrawiam, NOWAK Jan", "Jan"),
        (_RU + "С уважением, ПЕТРОВА Анна", "Анна"),
        (_PL + "Pozdrawiam,\nAnna, BHP Serwis", "Anna"),
    ],
)
def test_capitals_firm_after_sign_off(text: str, name: str) -> None:
    assert name_of(text) == name


# 4. a subject that is the payment of one code, when the text names no order
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Subject: Payment - AB-20931\n\nHello,\nI paid yesterday, nothing happened.", "AB-20931"),
        ("Subject: Re: Payment - AB-20931\n\nHi,\nany news?\nThanks, Tom", "AB-20931"),
        ("Subject: Płatność: AB-20931\n\nDzień dobry,\nzapłaciłam wczoraj.", "AB-20931"),
        ("Subject: Оплата — АБ-20931\n\nЗдравствуйте,\nоплатила вчера.", "АБ-20931"),
        # the text's own order comes first
        ("Subject: Payment - AB-20931\n\nHello,\nmy order 55127 was paid twice.", "55127"),
        # never a tracking, parcel, transaction, invoice, return or ticket code
        ("Subject: Tracking AB-20931\n\nHello,\nwhere is it?", ""),
        ("Subject: Payment - TX-20931\n\nHello,\nI paid.", ""),
        ("Subject: Payment - INV-20931\n\nHello,\nI paid.", ""),
        ("Subject: Payment - RMA-20931\n\nHello,\nI paid.", ""),
        ("Subject: Payment - AB-20931\n\nHello,\nthe parcel has not arrived.", ""),
        ("Subject: Payment - AB-20931\n\nHello,\nmy ticket is still open.", ""),
        ("Subject: Płatność - AB-20931\n\nDzień dobry,\nprzesyłka nie doszła.", ""),
        ("Subject: Payment - AB-2093\n\nHello,\nI paid.", ""),
    ],
)
def test_payment_subject_code(text: str, order: str) -> None:
    assert order_of(text) == order


# 5. a bracket after a name of one syllable that only starts it is no short form
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_EN + "Regards,\nJohn Smith (Jo)", "John"),
        (_EN + "Regards,\nMark Lee (Ma)", "Mark"),
        # the short forms and nicknames in brackets are kept
        (_EN + "Regards,\nThomas Hale (Tom)", "Tom"),
        (_EN + "Regards,\nDaniel Reed (Dan)", "Dan"),
        (_EN + "Regards,\nTom Hale (Tommy)", "Tommy"),
        (_PL + "Pozdrawiam,\nJan Kowalski (Janek)", "Janek"),
        (_EN + "Regards,\nLin Mei (Mei)", "Mei"),
    ],
)
def test_bracket_cut_from_one_syllable(text: str, name: str) -> None:
    assert name_of(text) == name


# 6. the text a label is to carry, under "like this:", is no signature
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Hello,\nplease put the name label on the PE kit from order 55127 like this:\n"
            "Oliver, Year 6",
            "",
        ),
        (
            "Hi,\ncould the engraving on order 55127 read as follows:\nEmily Rose",
            "",
        ),
        (
            "Dzień dobry,\nproszę o naszywkę na strój z zamówienia 55127 jak poniżej:\n"
            "Oliwia, klasa 2b",
            "",
        ),
        (
            "Здравствуйте,\nподпишите, пожалуйста, бирку к заказу 55127 вот так:\nМаша, 2 класс",
            "",
        ),
        # the writer signs under the label's text
        (
            "Hello,\nplease put the name label on order 55127 like this:\nOliver, Year 6\n\n"
            "Thanks,\nSarah",
            "Sarah",
        ),
        # and a name under a line that asks for nothing to be printed signs
        (_EN + "Could you check it?\nOliver", "Oliver"),
    ],
)
def test_label_text_is_no_signature(text: str, name: str) -> None:
    assert name_of(text) == name


# Review (22c): e-mails near each rule that must not trigger it. The writer's own
# name in full under the short form thanked; a bracketed role over a firm or a street;
# a capitals word that is a first name or an acronym before a name.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_EN + "Thanks Grace!\nGrace Miller", "Grace"),
        (_EN + "Thanks Kate!\nKatherine Hill", "Kate"),
        (_EN + "Thank you Anna\nAnn Baker", "Anna"),
        (_EN + "Thanks Sam\nSamantha Lee", "Sam"),
        (_EN + "Thanks, Peggy\nMargaret Hale", "Peggy"),
        (_EN + "Thanks, Ted\nEdward Lane", "Ted"),
        (_RU + "Спасибо, Саша\nАлександра Иванова", "Саша"),
        (_RU + "Спасибо, Женя!\nЕвгений Смирнов", "Женя"),
        (_PL + "Dzięki Gosia\nMałgorzata Kowalska", "Gosia"),
        (_PL + "Dziękuję, Staś\nStanisław Mazur", "Staś"),
        (_PL + "Dzięki, Jaś\nJan Nowak", "Jaś"),
        (_RU + "С уважением,\nООО Ромашка\n(отдел закупок)\nzakup@romashka.ru", ""),
        (_EN + "Kind regards,\nBaker Street 12\n(back entrance)\n+44 20 7946 0000", ""),
        (_PL + "Pozdrawiam,\nKwiaciarnia Róża\n(dział zamówień)\nbiuro@roza.pl", ""),
        (_EN + "Regards, IT Team", ""),
        (_EN + "Regards, HR Anna", "Anna"),
        (_EN + "Regards, NHS Trust", ""),
        (_PL + "Pozdrawiam, NOWAK Ewa", "Ewa"),
        (_RU + "С уважением, ООО Ромашка", ""),
        (_RU + "С уважением, ПЕТРОВ Олег", "Олег"),
    ],
)
def test_review_rules_left_alone(text: str, name: str) -> None:
    assert name_of(text) == name


# A bracket that a one-syllable name is cut to inside its vowels is its short form
# ("Joan" → "Jo"); one cut before a consonant is not ("Joy Hart (Jo)").
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (_EN + "Thanks,\nJoan Hart (Jo)", "Jo"),
        (_EN + "Thanks,\nJoy Hart (Jo)", "Joy"),
        (_EN + "Thanks,\nMark Lee (Ma)", "Mark"),
        (_EN + "Thanks,\nJames Hart (Jim)", "Jim"),
        (_EN + "Thanks,\nJack Hart (Jack)", "Jack"),
        (_RU + "С уважением,\nЯн Петров (Ян)", "Ян"),
    ],
)
def test_review_bracket_after_name(text: str, name: str) -> None:
    assert name_of(text) == name


# "like this:" introduces a label's text only when the line asks for something printed;
# the writer's own details "as follows:" sign, and a sign-off under the label signs.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi,\nmy order 55127 is wrong. My details are as follows:\nSarah Jones", "Sarah"),
        (
            "Hi,\norder 55127 is wrong. Please reply to me as follows:\nSarah Jones\n07700 900123",
            "Sarah",
        ),
        ("Здравствуйте,\nмои данные следующим образом:\nОльга Белова", "Ольга"),
        ("Dzień dobry,\nmoje dane są następujące:\nAnna Nowak", "Anna"),
        ("Hi,\nplease engrave order 55127 like this:\nOliver", ""),
        ("Dzień dobry,\nproszę o nadruk na zamówieniu 55127 jak poniżej:\nZosia, klasa 3b", ""),
        ("Здравствуйте,\nподпишите заказ 55127 вот так:\nМаша, 3 класс\nСпасибо,\nОльга", "Ольга"),
        (
            "Hi,\ncould the card on order 55127 read like this:\nHappy birthday Tom!\n"
            "Love, Gran\n\nThanks,\nSarah",
            "Sarah",
        ),
    ],
)
def test_review_label_or_own_details(text: str, name: str) -> None:
    assert name_of(text) == name


# A payment subject's code whose letters or the text name another document: no order.
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Subject: Payment - REF-20931\n\nHi, I've paid, reference above.\nKate", ""),
        ("Subject: Payment - PO-20931\n\nHi, paid by our accounts dept.\nKate", ""),
        ("Subject: Payment - CN-20931\n\nHi, the credit note please.\nKate", ""),
        ("Subject: Payment - SR-20931\n\nHi, the service request is still open.\nKate", ""),
        ("Subject: Payment - AWB-20931\n\nHi, the courier asked me to pay customs.\nKate", ""),
        ("Subject: Payment - CUS-20931\n\nHi, my customer number is above, I paid.\nKate", ""),
        ("Subject: Payment - AB-20931\n\nHi, my customer number is 4471, I paid.\nKate", ""),
        ("Subject: Payment - AB-20931\n\nHi, I paid for order 55127 yesterday.\nKate", "55127"),
        ("Subject: Płatność: AB-20931\n\nDzień dobry, zapłaciłam wczoraj.\nOla", "AB-20931"),
    ],
)
def test_review_payment_subject_other_document(text: str, order: str) -> None:
    assert order_of(text) == order
