"""Classes of names and order numbers emails_blind11 missed or took wrong (session 14):
each rule on e-mails of its kind, in new wording, and the traps where it must give
nothing or the other value."""

from __future__ import annotations

import pytest

from expander.email.clean import clean_email
from tests.email.fieldcases import name_of, order_of

# 1. a sign-off and a signature block over a firm's registration footer: the footer
# ("X Ltd is registered in England and Wales, company number ...") is cut as a
# disclaimer, and the block's long address line and its contact lines under a label of
# a few words ("Out of hours: 01632 ...") are the signature's


def test_a_first_name_over_a_block_and_a_registration_footer() -> None:
    text = (
        "Hi,\n\nThe bench arrived with two legs missing. Order 55310. Can you send them?\n\n"
        "Thanks,\nRob\n\nRobert Ainsley\nAinsley Landscapes\n"
        "Plot 7, Brookside Business Park, Thirsk YO7 3AB\nTel 01845 600 120\n\n"
        "Ainsley Landscapes Ltd is registered in England and Wales, company number 09912345. "
        "Registered office: Plot 7, Brookside Business Park, Thirsk YO7 3AB."
    )
    assert name_of(text) == "Rob"
    assert order_of(text) == "55310"
    assert "registered in England" in clean_email(text).signature


def test_a_contact_line_under_a_label_of_a_few_words() -> None:
    text = (
        "Hello,\n\nPlease cancel order 70215, we ordered it twice by mistake.\n\nKind regards,\n\n"
        "Priya Raman\nOffice Manager\nHillside Dental Care\nT: 0113 496 0120\n"
        "After hours emergency line: 0113 496 0999\n\n"
        "This email and any attachments are confidential and intended solely for the addressee."
    )
    assert name_of(text) == "Priya"


def test_a_customer_saying_their_firm_is_registered_keeps_the_text() -> None:
    # a sentence of the customer's about the firm is no footer: the order after it stays
    text = (
        "Hi,\n\nOur company is registered in England so please add our VAT number to "
        "the invoice.\nIt is for order 66120.\n\nThanks,\nNadia"
    )
    assert order_of(text) == "66120"
    assert name_of(text) == "Nadia"


# 2. the letters of a profession after a full name: a vet's, a doctor's, an engineer's
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dear Sir,\n\nCould you resend the receipt for order 40717?\n\nBest wishes,\n\n"
            "Dr Fiona Cole MBChB MRCGP\nThe Old Mill Surgery\nT: 01632 960 441",
            "Fiona",
        ),
        (
            "Hello,\n\nThe torque wrench from order 22419 is out of calibration.\n\nRegards,\n"
            "Martin Hale CEng MIMechE\nSenior Engineer\nHale Fabrication",
            "Martin",
        ),
    ],
)
def test_a_name_with_a_professions_letters(text: str, name: str) -> None:
    assert name_of(text) == name


# 3. kisses after the name closing an unpunctuated text: "... thanks jess x"
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "hey the hoodie i got is the wrong colour its grey not navy order 80312 "
            "can i swap it thanks amy xx",
            "Amy",
        ),
        ("my parcel 41920 never came can u check pls cheers sophie x", "Sophie"),
        # kisses alone, a size or no known name after the thanks: no name
        ("the jumper from order 41920 is too small can i get it in xl thanks x", ""),
        ("wrong size came order 41920 i need the x thanks xx", ""),
    ],
)
def test_kisses_after_a_closing_name(text: str, name: str) -> None:
    assert name_of(text) == name


# 4. a contact form's initial and surname: no first name to greet with, and the
# surname is not taken for one ("J. Porter" is no "DUBOIS Chloé")
@pytest.mark.parametrize(
    "text",
    [
        "Contact form\n\nName: K. Ashworth\nEmail: k.ash@mail.example\nOrder: 51207\n"
        "Message: The lid of the blender is cracked.",
        "Formularz kontaktowy\nImię i nazwisko: M. Wróbel\nNumer zamówienia: 51207\n"
        "Wiadomość: Brak instrukcji w paczce.",
    ],
)
def test_a_forms_initial_and_surname_give_no_first_name(text: str) -> None:
    assert name_of(text) == ""
    assert order_of(text) == "51207"


def test_a_forms_surname_in_capitals_first_still_reordered() -> None:
    text = "Name: HOLLIS Rebecca\nEmail: rh@mail.example\nMessage: Where is order 51207?"
    assert name_of(text) == "Rebecca"


# 5. the customer's name in the shop's quoted confirmation, under a field's label
# ("Adres dostawy:", "Ship to:", "Получатель:"), is no agent's: the customer signing
# with it is the signer
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Hi, the rug still hasn't shipped and it's been a week. Any news?\nGemma\n\n"
            "> From: orders@rugloft.example\n> Subject: Order 61422 confirmed\n>\n"
            "> Thanks for your order 61422!\n> Ship to:\n> Gemma Hartley\n"
            "> 12 Elm Row, Bath BA1 2QT\n>\n> We'll email you when it ships.",
            "Gemma",
        ),
        (
            "Здравствуйте! Заказ так и не отправлен, подскажите, когда?\nКирилл\n\n"
            "> От: shop@tehnomir.example\n> Тема: Заказ 77310 оформлен\n>\n"
            "> Спасибо за заказ 77310!\n> Получатель:\n> Кирилл Лаптев\n"
            "> г. Тула, ул. Мира, 4\n>\n> Мы сообщим об отправке.",
            "Кирилл",
        ),
    ],
)
def test_the_customers_name_under_a_label_in_the_shops_confirmation(text: str, name: str) -> None:
    assert name_of(text) == name


def test_the_agent_signing_the_quoted_reply_is_still_the_shops() -> None:
    # "Thanks, Daniel" thanks the agent who signed the quoted reply, as before
    text = (
        "Great, that works for me. Thanks, Daniel!\n\n"
        "> From: support@rugloft.example\n> Hi Gemma,\n> we can send it on Monday.\n"
        "> Kind regards,\n> Daniel"
    )
    assert name_of(text) != "Daniel"


# 6. a surname-first signature over the title of an association's officer, whose
# organisation has a number ("Skarbnik Rady Rodziców SP nr 4", "Treasurer, ... No. 2")
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dzień dobry,\nproszę o fakturę do zamówienia 30418 na radę rodziców.\n\n"
            "Nowicka Halina\nPrzewodnicząca Rady Rodziców Przedszkola nr 12 w Opolu\n"
            "tel. 77 441 20 19",
            "Halina",
        ),
        (
            "Здравствуйте,\nпрошу выставить счёт по заказу 30418 на родительский комитет.\n\n"
            "Зайцева Ольга\nПредседатель родительского комитета школы № 7\n"
            "тел. 8 912 300-14-15",
            "Ольга",
        ),
    ],
)
def test_a_signature_over_an_associations_office(text: str, name: str) -> None:
    assert name_of(text) == name


# 7. brackets alone ending a sentence, as Russian texts frown or smile: "... k pyatnice((
# Lena", "... спасибо)) Оля"
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("privet, zakaz 51190 tak i ne prishel, uzhe nedelya(( Katya", "Katya"),
        ("Добрый день, заказ 51190 пришёл, всё отлично, спасибо)) Оля", "Оля"),
        # a closing bracket after a note is no smile; a word after brackets is no name
        ("Hi, order 51190 (the lamp) is late (again)) Thanks", ""),
        ("заказ 51190 опять задерживается(( Ужас", ""),
    ],
)
def test_brackets_as_a_smile_before_a_closing_name(text: str, name: str) -> None:
    assert name_of(text) == name


# 8. a first name that is a word too ("Роман" is a novel, "Will", "Vera") before a
# phone's label on the last line
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Здравствуйте, заказ 20733 не пришёл, перезвоните, пожалуйста.\n"
            "Роман, тел. 8 921 400-12-13",
            "Роман",
        ),
        ("Hi, could someone ring me about order 20733?\nWill, tel. 07700 900 412", "Will"),
        # a place or a desk before the phone is no one to greet
        ("Здравствуйте, заказ 20733 можно привезти на работу.\nСклад, тел. 8 921 400-12-13", ""),
        ("Hi, please deliver order 20733 after six.\nHome, tel. 0161 496 0210", ""),
    ],
)
def test_a_name_that_is_a_word_before_a_phones_label(text: str, name: str) -> None:
    assert name_of(text) == name


# 9. a name, a comma and a town closing a text with no sign-off: "Людмила Ивановна,
# г. Пушкин" under "Здоровья вам!"
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Добрый день! Хочу поблагодарить: заказ 66018 пришёл целым, всё аккуратно "
            "упаковано. Продолжайте в том же духе!\nВалентина Петровна, г. Кострома",
            "Валентина",
        ),
        (
            "Hi, just to say order 66018 arrived fine and the plants look lovely. Keep up "
            "the good work!\nMaggie, Nottingham",
            "Maggie",
        ),
        (
            "Dzień dobry, zamówienie 66018 dotarło całe i szybko, wszystko pięknie "
            "zapakowane. Tak trzymać!\nJadwiga Nowak, Kraków",
            "Jadwiga",
        ),
        # a courier or a shop and its town is no signer
        (
            "Hi, order 66018 is stuck at the depot and nobody answers the phone there. "
            "Please chase it!\nDPD, Nottingham",
            "",
        ),
        (
            "Здравствуйте, заказ 66018 застрял на складе, никто не отвечает. Разберитесь!\n"
            "СДЭК, г. Тверь",
            "",
        ),
    ],
)
def test_a_name_and_a_town_closing_the_text(text: str, name: str) -> None:
    assert name_of(text) == name


# 10. a Russian surname written with ё ("Ковалёва", "Королёв") is no first name
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, где мой заказ 90021?\n\nМарина Соловьёва", "Марина"),
        ("Здравствуйте, где мой заказ 90021?\n\nПугачёва Алла", "Алла"),
        ("Здравствуйте, где мой заказ 90021?\n\nКатерина Королёва", "Катерина"),
    ],
)
def test_a_russian_surname_with_yo(text: str, name: str) -> None:
    assert name_of(text) == name


# 11. an introduction with "again": "это снова Светлана", "to znowu Kasia", "it's Sarah
# again"
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, это опять Алёна по заказу 44120. Когда будет возврат?", "Алёна"),
        ("Dzień dobry, to znowu Marta w sprawie zamówienia 44120. Czy są już zdjęcia?", "Marta"),
        # again, but no one named: a problem, "я", a verb
        ("Здравствуйте, это снова произошло с заказом 44120.", ""),
        ("Dzień dobry, to znowu problem z zamówieniem 44120.", ""),
        ("Здравствуйте, это снова я по заказу 44120.", ""),
    ],
)
def test_an_introduction_with_again(text: str, name: str) -> None:
    assert name_of(text) == name


# 12. an item's code cited "in my order" when the quoted confirmation names it as the
# item's (арт., SKU, kod produktu): the order is the confirmation's own number
@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "Добрый день, пришли не те кроссовки: в коробке белые, а у меня в заказе "
            "RN-5517.\nИрина\n\n> Ваш заказ ZK-778120 оформлен.\n"
            "> Кроссовки беговые, арт. RN-5517, размер 39 — 1 шт.",
            "ZK-778120",
        ),
        (
            "Hi, the wrong blind came, in my order it was BL-3310 and I got a white one.\nTessa\n\n"
            "> Your order 58812 is confirmed.\n> Roller blind, SKU: BL-3310, 1 x £39.00",
            "58812",
        ),
        # the code named in the order and nowhere else as an item's stays the order's
        (
            "Hi, my order BL-3310 arrived without the brackets.\nTessa\n\n"
            "> Your order BL-3310 is confirmed.\n> Roller blind, 1 x £39.00",
            "BL-3310",
        ),
    ],
)
def test_an_items_code_in_my_order(text: str, order: str) -> None:
    assert order_of(text) == order
