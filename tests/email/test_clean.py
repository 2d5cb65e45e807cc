"""Cleaning pasted customer e-mails and detecting their language.

The e-mails below are written the way customers of online shops write:
short and long, polite and angry, with typos, Polish without diacritics,
Russian with е for ё, and with the quote headers, footers and HTML of the
mail programs they use. Each case states the body exactly (compared with
whitespace collapsed): the customer's new text must be kept entirely, and
nothing quoted or from the signature may reach it.

``HELD_OUT`` cases were written after the code was finished, to check that
its rules generalise; they are kept as they were first run.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expander.email.clean import CleanEmail, clean_email
from expander.email.language import detect_language
from expander.email.signoffs import SIGN_OFFS


@dataclass(frozen=True)
class Mail:
    id: str
    raw: str
    body: str
    lang: str | None = None
    signature: str | None = None  # a piece the signature must contain
    quoted: str | None = None  # a piece the quoted part must contain
    fields: Mapping[str, str] | None = None  # what extract_fields must return


def dedent_strip(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def squash(text: str) -> str:
    return " ".join(text.split())


def mail(id: str, raw: str, body: str, **kw: Any) -> Mail:
    return Mail(id, textwrap.dedent(raw).strip("\n"), textwrap.dedent(body).strip(), **kw)


# --- English ------------------------------------------------------------------------

ENGLISH = [
    mail(
        "en-gmail-wrapped-attribution",
        """
        Hi there,

        I still haven't received my refund for the jacket I sent back two weeks ago.
        Could you check what's going on?

        Thanks,
        Emma

        On Tue, Nov 4, 2025 at 9:12 AM Northwind Outfitters <
        support@northwind.example> wrote:

        > Hi Emma,
        >
        > We've received your return and will process the refund within 5 business days.
        >
        > Best,
        > Tom
        """,
        """
        Hi there,

        I still haven't received my refund for the jacket I sent back two weeks ago.
        Could you check what's going on?
        """,
        lang="en",
        signature="Emma",
        quoted="within 5 business days",
    ),
    mail(
        "en-angry-iphone",
        """
        This is the THIRD time I'm writing about order 48213!!! Nobody answers.
        I want my money back NOW.

        Sent from my iPhone
        """,
        "This is the THIRD time I'm writing about order 48213!!! Nobody answers. "
        "I want my money back NOW.",
        lang="en",
        signature="Sent from my iPhone",
    ),
    mail(
        "en-outlook-block-company-signature",
        """
        Hello,

        Thank you for getting back to me. Unfortunately the replacement kettle arrived with the
        same crack in the lid. Can you send a courier to collect it?

        Kind regards

        Margaret Hughes
        Office Manager | Brightline Dental Ltd
        Tel: +44 20 7946 0958
        www.brightlinedental.example

        ________________________________
        From: Kettle & Co Support <care@kettleco.example>
        Sent: 03 November 2025 16:40
        To: Margaret Hughes <m.hughes@brightline.example>
        Subject: RE: Cracked lid - order KC-2025-11873

        Dear Margaret,

        We're sorry to hear about the lid. We have sent a replacement today.
        """,
        """
        Hello,

        Thank you for getting back to me. Unfortunately the replacement kettle arrived with the
        same crack in the lid. Can you send a courier to collect it?
        """,
        lang="en",
        signature="Office Manager",
        quoted="We have sent a replacement today",
    ),
    mail(
        "en-thanks-mid-text",
        """
        Hey,
        thanks for sending the tracking link. It says delivered but there's nothing at my door,
        and my neighbours haven't seen anything either.
        Thanks in advance for looking into it, I really need these shoes by Friday.
        Thanks!
        Dan
        """,
        """
        Hey,
        thanks for sending the tracking link. It says delivered but there's nothing at my door,
        and my neighbours haven't seen anything either.
        Thanks in advance for looking into it, I really need these shoes by Friday.
        """,
        lang="en",
        signature="Dan",
    ),
    mail(
        "en-starts-with-thanks-but",
        """
        Thanks for the quick reply, but that doesn't solve my problem. The discount code SAVE20
        still says it's expired even though your email said it's valid until Sunday.

        Regards,
        Priya Raman
        """,
        """
        Thanks for the quick reply, but that doesn't solve my problem. The discount code SAVE20
        still says it's expired even though your email said it's valid until Sunday.
        """,
        lang="en",
        signature="Priya Raman",
    ),
    mail(
        "en-thanks-line-then-content",
        """
        Thank you so much, the parcel arrived today!
        One question though: can I still exchange the blue mug for the green one?

        Best wishes
        Olivia
        """,
        """
        Thank you so much, the parcel arrived today!
        One question though: can I still exchange the blue mug for the green one?
        """,
        lang="en",
        signature="Olivia",
    ),
    mail(
        "en-rfc-delimiter-and-disclaimer",
        """
        Hello team,

        We ordered 40 units of the standing desk (PO 55120) for our new office but only 38 arrived.
        Please advise how we get the missing two.

        --
        Rachel Kim
        Facilities Coordinator
        Acme Analytics Inc.
        500 Market Street, Suite 200, San Francisco, CA 94105

        CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended
        solely for the addressee. If you have received it in error, please delete it.
        """,
        """
        Hello team,

        We ordered 40 units of the standing desk (PO 55120) for our new office but only 38 arrived.
        Please advise how we get the missing two.
        """,
        lang="en",
        signature="CONFIDENTIALITY NOTICE",
    ),
    mail(
        "en-inline-answers",
        """
        > Could you please send us a photo of the damaged item?

        Sure, attached are two photos of the broken handle.

        > And could you confirm your delivery address?

        Yes, it's still 14 Elm Road, Leeds LS6 2AB.

        Cheers,
        Mike
        """,
        """
        Sure, attached are two photos of the broken handle.

        Yes, it's still 14 Elm Road, Leeds LS6 2AB.
        """,
        lang="en",
        quoted="delivery address",
    ),
    mail(
        "en-forwarded-confirmation",
        """
        Hi, see below - I got this confirmation but I never placed this order. Please cancel it
        and tell me how someone used my account.

        ---------- Forwarded message ---------
        From: Gadget Hub <orders@gadgethub.example>
        Date: Sun, Nov 2, 2025 at 11:03 PM
        Subject: Your order #90211 is confirmed
        To: <lena.fischer@example.com>

        Thank you for your order! Your wireless earbuds will ship soon.
        """,
        """
        Hi, see below - I got this confirmation but I never placed this order. Please cancel it
        and tell me how someone used my account.
        """,
        lang="en",
        quoted="wireless earbuds",
    ),
    mail(
        "en-typos-samsung",
        """
        hi wher is my order?? its been 2 weeks and the tracking hasnt updated since tuesday

        sent from my Samsung Galaxy smartphone
        """,
        "hi wher is my order?? its been 2 weeks and the tracking hasnt updated since tuesday",
        lang="en",
    ),
    mail(
        "en-best-inside-text",
        """
        Hi,
        is this the best price you can do for 3 units? Best would be delivery before the 20th.
        Regards
        """,
        """
        Hi,
        is this the best price you can do for 3 units? Best would be delivery before the 20th.
        """,
        lang="en",
    ),
    mail(
        "en-original-message-separator",
        """
        Please ignore my previous email, the package turned up at the post office. Sorry!
        Jake

        -----Original Message-----
        From: Jake Turner <jake.t@example.com>
        Sent: Monday, November 3, 2025 8:02 AM
        To: support@pawsome.example
        Subject: Missing package

        My package never came.
        """,
        "Please ignore my previous email, the package turned up at the post office. Sorry!",
        lang="en",
        signature="Jake",
        quoted="My package never came.",
    ),
    mail(
        "en-single-line-thunderbird",
        """
        Yes please go ahead with the exchange for size 10.

        Mark

        On 03/11/2025 14:20, Shoe Palace wrote:
        > Would you like us to exchange the trainers for a size 10?
        """,
        "Yes please go ahead with the exchange for size 10.",
        lang="en",
        signature="Mark",
    ),
    mail(
        "en-only-thanks",
        """
        Thank you!

        Sarah
        """,
        "Thank you!",
        lang="en",
        signature="Sarah",
    ),
    mail(
        "en-thank-you-for-help-closing",
        """
        Good afternoon,

        The invoice for order 77314 shows the wrong company name. It should be
        "Greenleaf Studio Ltd", not "Greenleaf Studios". Could you issue a corrected one?

        Thank you for your help,
        Hannah Lewis
        Greenleaf Studio Ltd
        """,
        """
        Good afternoon,

        The invoice for order 77314 shows the wrong company name. It should be
        "Greenleaf Studio Ltd", not "Greenleaf Studios". Could you issue a corrected one?
        """,
        lang="en",
        signature="Hannah Lewis",
    ),
]

# --- Polish -------------------------------------------------------------------------

POLISH = [
    mail(
        "pl-gmail-no-diacritics",
        """
        Dzien dobry,
        zamowilem w zeszlym tygodniu buty (zamowienie nr 123456) i do dzis nie dostalem zadnej
        informacji o wysylce. Prosze o info kiedy paczka zostanie wyslana.

        Pozdrawiam
        Tomasz Nowak

        pt., 31 paź 2025 o 14:02 Sklep Butik <kontakt@butik.example> napisał(a):
        > Dzień dobry,
        > dziękujemy za złożenie zamówienia.
        """,
        """
        Dzien dobry,
        zamowilem w zeszlym tygodniu buty (zamowienie nr 123456) i do dzis nie dostalem zadnej
        informacji o wysylce. Prosze o info kiedy paczka zostanie wyslana.
        """,
        lang="pl",
        signature="Tomasz Nowak",
        quoted="dziękujemy",
    ),
    mail(
        "pl-onet-dnia-no-prefix",
        """
        Witam, paczka doszła ale brakuje ładowarki do odkurzacza. Co mam zrobić?
        Pozdrawiam, Krystyna

        Dnia 3 listopada 2025 10:15 Sklep AGD Max <biuro@agdmax.example> napisał(a):

        Szanowna Pani,
        Pani zamówienie zostało wysłane kurierem DPD.
        Zespół AGD Max
        """,
        "Witam, paczka doszła ale brakuje ładowarki do odkurzacza. Co mam zrobić?",
        lang="pl",
        signature="Krystyna",
        quoted="kurierem DPD",
    ),
    mail(
        "pl-wp-uzytkownik-napisal",
        """
        Dzień dobry, proszę o anulowanie zamówienia, znalazłam taniej.

        Wysłane z mojego iPhone'a

        W dniu 2025-11-03 10:15:00 użytkownik Sklep Moda <biuro@moda.example> napisał:
        > Dziękujemy za zakupy w naszym sklepie!
        """,
        "Dzień dobry, proszę o anulowanie zamówienia, znalazłam taniej.",
        lang="pl",
        signature="iPhone",
    ),
    mail(
        "pl-thunderbird-pisze",
        """
        Tak, adres jest poprawny: ul. Kwiatowa 12/4, 31-234 Kraków.

        W dniu 3.11.2025 o 10:15, Sklep Kwiatek pisze:
        > Prosimy o potwierdzenie adresu dostawy.
        """,
        "Tak, adres jest poprawny: ul. Kwiatowa 12/4, 31-234 Kraków.",
        lang="pl",
        quoted="adresu dostawy",
    ),
    mail(
        "pl-outlook-od-wyslano",
        """
        Dzień dobry,

        niestety drukarka nadal nie działa po aktualizacji, którą Państwo zalecili.
        Proszę o odbiór i naprawę gwarancyjną.

        Z poważaniem
        Anna Wiśniewska-Kowalczyk
        ul. Długa 5
        00-950 Warszawa

        Od: Serwis PrintPro <serwis@printpro.example>
        Wysłano: poniedziałek, 3 listopada 2025 09:41
        Do: Anna Wiśniewska-Kowalczyk <anna.wk@example.pl>
        Temat: Re: Reklamacja drukarki

        Dzień dobry, prosimy zaktualizować oprogramowanie drukarki.
        """,
        """
        Dzień dobry,

        niestety drukarka nadal nie działa po aktualizacji, którą Państwo zalecili.
        Proszę o odbiór i naprawę gwarancyjną.
        """,
        lang="pl",
        signature="00-950 Warszawa",
        quoted="zaktualizować oprogramowanie",
    ),
    mail(
        "pl-wiadomosc-oryginalna",
        """
        Ponawiam pytanie - kiedy zwrot pieniędzy???

        -----Wiadomość oryginalna-----
        Od: Marek Zając <marek.zajac@example.pl>
        Wysłano: 28 października 2025 12:00
        Do: sklep@elektro.example
        Temat: zwrot

        Odesłałem telewizor, proszę o zwrot pieniędzy.
        """,
        "Ponawiam pytanie - kiedy zwrot pieniędzy???",
        lang="pl",
        quoted="Odesłałem telewizor",
    ),
    mail(
        "pl-angry-no-diacritics-no-signoff",
        """
        Co to ma byc?! Paczka przyszla zgnieciona, kubek rozbity w drobny mak. Zadam zwrotu
        pieniedzy, inaczej zglaszam sprawe do UOKiK!!!
        """,
        """
        Co to ma byc?! Paczka przyszla zgnieciona, kubek rozbity w drobny mak. Zadam zwrotu
        pieniedzy, inaczej zglaszam sprawe do UOKiK!!!
        """,
        lang="pl",
    ),
    mail(
        "pl-starts-with-dziekuje-ale",
        """
        Dziękuję za szybką odpowiedź, ale kurier znowu nie przyjechał w umówionym terminie.
        Czekałam cały dzień w domu.

        Pozdrawiam serdecznie
        Małgorzata
        """,
        """
        Dziękuję za szybką odpowiedź, ale kurier znowu nie przyjechał w umówionym terminie.
        Czekałam cały dzień w domu.
        """,
        lang="pl",
        signature="Małgorzata",
    ),
    mail(
        "pl-z-gory-dziekuje-za-odpowiedz",
        """
        Dzień dobry, czy bluza z zamówienia ZAM/2024/0815 jest dostępna w rozmiarze L?
        Z góry dziękuję za odpowiedź.
        Łukasz Żółkiewski
        """,
        "Dzień dobry, czy bluza z zamówienia ZAM/2024/0815 jest dostępna w rozmiarze L?",
        lang="pl",
        signature="Łukasz Żółkiewski",
    ),
    mail(
        "pl-interia-napisala-and-rodo-footer",
        """
        Dzień dobry,
        w załączniku przesyłam zdjęcie uszkodzonej lampy.
        Pozdrawiam
        Ewa Dąbrowska
        Biuro Rachunkowe Dąbrowska s.c.
        NIP 123-456-78-90

        Administratorem Pani/Pana danych osobowych jest Biuro Rachunkowe Dąbrowska s.c.
        Szczegóły na stronie www.dabrowska.example/rodo

        Dnia 2 listopada 2025 18:30 Lampy Sklep <info@lampy.example> napisała:
        > Prosimy o przesłanie zdjęcia.
        """,
        """
        Dzień dobry,
        w załączniku przesyłam zdjęcie uszkodzonej lampy.
        """,
        lang="pl",
        signature="NIP 123-456-78-90",
        quoted="zdjęcia",
    ),
    mail(
        "pl-short-dzieki",
        """
        ok dzieki, to czekam na kuriera jutro

        Wysłano z aplikacji Poczta dla systemu Windows
        """,
        "ok dzieki, to czekam na kuriera jutro",
        lang="pl",
    ),
    mail(
        "pl-apple-mail-wiadomosc-napisana",
        """
        Zamówienie dotarło, wszystko się zgadza. Dziękuję!

        Wiadomość napisana przez Sklep Herbaciany <kontakt@herbata.example>
        w dniu 03.11.2025, o godz. 08:12:

        Państwa paczka została nadana.
        """,
        "Zamówienie dotarło, wszystko się zgadza. Dziękuję!",
        lang="pl",
        quoted="nadana",
    ),
]

# --- Russian ------------------------------------------------------------------------

RUSSIAN = [
    mail(
        "ru-gmail-address-colon",
        """
        Здравствуйте!
        Заказ 58213 так и не пришел, трек-номер не отслеживается уже неделю. Что делать?

        С уважением,
        Иван Петров

        пн, 3 нояб. 2025 г. в 10:15, Магазин Техно <info@techno.example>:

        > Добрый день, Иван!
        > Ваш заказ передан в службу доставки.
        """,
        """
        Здравствуйте!
        Заказ 58213 так и не пришел, трек-номер не отслеживается уже неделю. Что делать?
        """,
        lang="ru",
        signature="Иван Петров",
        quoted="службу доставки",
    ),
    mail(
        "ru-mailru-ot",
        """
        Добрый день. Пришел не тот цвет куртки, заказывала синюю, а пришла черная. Хочу обменять.
        Отправлено из мобильной Почты Mail.ru

        Понедельник, 3 ноября 2025, 10:15 +03:00 от Магазин Одежды <shop@odezhda.example>:

        Спасибо за заказ! Ваш заказ № 4471 собран.
        """,
        "Добрый день. Пришел не тот цвет куртки, заказывала синюю, а пришла черная. Хочу обменять.",
        lang="ru",
        quoted="собран",
    ),
    mail(
        "ru-yandex-quoted-address",
        """
        Да, можно привезти в субботу после 12:00.

        03.11.2025, 10:15, "Доставка Быстро" <dostavka@bystro.example>:
        > Подскажите, когда вам удобно принять курьера?
        """,
        "Да, можно привезти в субботу после 12:00.",
        lang="ru",
    ),
    mail(
        "ru-thunderbird-pishet",
        """
        Спасибо, все получил.

        03.11.2025 10:15, Магазин Книги пишет:
        > Ваш заказ доставлен в пункт выдачи.
        """,
        "Спасибо, все получил.",
        lang="ru",
    ),
    mail(
        "ru-outlook-ot-otpravleno",
        """
        Добрый день!

        Прошу выставить счет на организацию, реквизиты во вложении.

        С уважением,
        Петрова Анна Сергеевна
        менеджер по закупкам
        ООО «Ромашка»
        тел. 8 912 345 67 89

        От: Отдел продаж <sales@office.example>
        Отправлено: 3 ноября 2025 г. 10:15
        Кому: Петрова Анна <petrova@romashka.example>
        Тема: Коммерческое предложение

        Направляем вам коммерческое предложение.
        """,
        """
        Добрый день!

        Прошу выставить счет на организацию, реквизиты во вложении.
        """,
        lang="ru",
        signature="ООО «Ромашка»",
        quoted="коммерческое предложение",
    ),
    mail(
        "ru-iskhodnoe-soobshchenie",
        """
        Еще раз пишу: верните деньги за сломанный чайник!!!

        -----Исходное сообщение-----
        От: Сергей <sergey@example.ru>
        Отправлено: 1 ноября 2025 г. 9:00
        Кому: support@chainik.example
        Тема: Чайник

        Чайник сломался через два дня.
        """,
        "Еще раз пишу: верните деньги за сломанный чайник!!!",
        lang="ru",
        quoted="сломался",
    ),
    mail(
        "ru-starts-with-spasibo-no",
        """
        Спасибо за ответ, но посылка все еще в сортировочном центре, уже 10 дней.
        Можете ускорить?

        Всего доброго,
        Ольга
        """,
        """
        Спасибо за ответ, но посылка все еще в сортировочном центре, уже 10 дней.
        Можете ускорить?
        """,
        lang="ru",
        signature="Ольга",
    ),
    mail(
        "ru-rfc-delimiter",
        """
        здравствуйте, можно поменять адрес доставки на ул. Ленина 5, кв 12?

        --
        Иван
        """,
        "здравствуйте, можно поменять адрес доставки на ул. Ленина 5, кв 12?",
        lang="ru",
        signature="Иван",
    ),
    mail(
        "ru-forwarded",
        """
        Пересылаю письмо от вашей службы доставки, там написано что заказ отменен. Почему???

        -------- Пересылаемое сообщение --------
        От кого: СДЭК <noreply@cdek.example>
        Кому: anna@example.ru
        Дата: Воскресенье, 2 ноября 2025, 18:00 +03:00
        Тема: Отправление отменено

        Ваше отправление отменено отправителем.
        """,
        "Пересылаю письмо от вашей службы доставки, там написано что заказ отменен. Почему???",
        lang="ru",
        quoted="отменено отправителем",
    ),
    mail(
        "ru-apple-napisal",
        """
        Хорошо, жду курьера завтра.
        Спасибо большое!
        Мария

        3 нояб. 2025 г., в 10:15, Цветочный магазин <flowers@cvety.example> написал(а):

        > Курьер приедет завтра с 10 до 14.
        """,
        "Хорошо, жду курьера завтра.",
        lang="ru",
        signature="Мария",
    ),
]

# --- HTML ---------------------------------------------------------------------------

HTML = [
    mail(
        "html-gmail",
        """
        <div dir="ltr">Hi,<div><br></div><div>The zip on the backpack broke after one week.
        Can I get a replacement?</div><div><br></div><div>Thanks,</div>
        <div><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">
        Chloe Martin<br>+1 (555) 123-4567</div></div></div><br>
        <div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">
        On Mon, Nov 3, 2025 at 10:15 AM Trail Gear &lt;help@trailgear.example&gt; wrote:<br></div>
        <blockquote class="gmail_quote"
        style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">
        <div dir="ltr">Your order #31337 has shipped!</div></blockquote></div>
        """,
        "Hi, The zip on the backpack broke after one week. Can I get a replacement?",
        lang="en",
        signature="Chloe Martin",
        quoted="#31337",
    ),
    mail(
        "html-outlook-desktop-pl",
        """
        <html><head><style>p.MsoNormal{margin:0cm;font-size:11.0pt}</style></head>
        <body lang="PL"><div class="WordSection1">
        <p class="MsoNormal">Dzień dobry,<o:p></o:p></p>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <p class="MsoNormal">proszę o fakturę VAT do zamówienia 88412 na firmę.<o:p></o:p></p>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <p class="MsoNormal">Pozdrawiam<o:p></o:p></p>
        <p class="MsoNormal">Piotr Lewandowski<o:p></o:p></p>
        <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
        <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
        <p class="MsoNormal"><b>Od:</b> Sklep Meble24 &lt;sklep@meble24.example&gt;<br>
        <b>Wysłano:</b> poniedziałek, 3 listopada 2025 10:15<br>
        <b>Do:</b> Piotr Lewandowski<br><b>Temat:</b> Potwierdzenie zamówienia</p></div>
        <p class="MsoNormal">Dziękujemy za zamówienie stołu.</p>
        </div></body></html>
        """,
        "Dzień dobry, proszę o fakturę VAT do zamówienia 88412 na firmę.",
        lang="pl",
        signature="Piotr Lewandowski",
        quoted="Dziękujemy za zamówienie",
    ),
    mail(
        "html-owa-divrplyfwdmsg-ru",
        """
        <html><body><div style="font-family:Calibri">Здравствуйте, когда будет возврат средств
        за заказ 99120?</div>
        <div id="appendonsend"></div>
        <hr style="display:inline-block;width:98%" tabindex="-1">
        <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>От:</b> Магазин
        &lt;shop@example.ru&gt;<br><b>Отправлено:</b> 3 ноября 2025 г. 10:15<br>
        <b>Тема:</b> Возврат</font></div>
        <div>Возврат оформлен, деньги придут в течение 10 дней.</div></body></html>
        """,
        "Здравствуйте, когда будет возврат средств за заказ 99120?",
        lang="ru",
        quoted="деньги придут",
    ),
    mail(
        "html-apple-cite",
        """
        <html><body dir="auto">Yes, the new address is fine. Thank you!<br><br>
        <div dir="ltr">Sent from my iPhone</div><div dir="ltr"><br>
        <blockquote type="cite">On 3 Nov 2025, at 10:15, Bloom Flowers &lt;hi@bloom.example&gt;
        wrote:<br><br></blockquote></div>
        <blockquote type="cite"><div dir="ltr">Can we deliver to your office instead?</div>
        </blockquote>
        </body></html>
        """,
        "Yes, the new address is fine. Thank you!",
        lang="en",
        quoted="office instead",
    ),
    mail(
        "html-thunderbird-moz",
        """
        <html><body><p>Dzień dobry, czy mogę zmienić kolor zamówionej sofy na szary?</p>
        <div class="moz-signature">-- <br>Karolina Mazur</div>
        <div class="moz-cite-prefix">W dniu 3.11.2025 o 10:15, Sofy.pl pisze:<br></div>
        <blockquote type="cite" cite="mid:123@sofy.example">Sofa zostanie wysłana w piątek.
        </blockquote>
        </body></html>
        """,
        "Dzień dobry, czy mogę zmienić kolor zamówionej sofy na szary?",
        lang="pl",
        signature="Karolina Mazur",
        quoted="wysłana w piątek",
    ),
    mail(
        "html-gmail-indent-is-content",
        """
        <div dir="ltr">Hello, I am returning these items:<br>
        <blockquote style="margin:0 0 0 40px;border:none;padding:0px">
        <div>2x linen shirt, size M</div>
        <div>1x straw hat</div></blockquote><div>Please confirm the refund amount.</div></div>
        """,
        "Hello, I am returning these items: 2x linen shirt, size M 1x straw hat "
        "Please confirm the refund amount.",
        lang="en",
    ),
    mail(
        "html-mailru-blockquote",
        """
        <HTML><BODY><div>Добрый вечер! Курьер не приехал, заказ 5512.</div><div>&nbsp;</div>
        <div>С уважением,</div><div>Дмитрий</div><div>&nbsp;</div>
        <blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;">
        Понедельник, 3 ноября 2025, 10:15 +03:00 от Магазин &lt;shop@example.ru&gt;:<br>
        <div>Курьер приедет сегодня.</div></blockquote></BODY></HTML>
        """,
        "Добрый вечер! Курьер не приехал, заказ 5512.",
        lang="ru",
        signature="Дмитрий",
        quoted="Курьер приедет",
    ),
]

ALL = ENGLISH + POLISH + RUSSIAN + HTML


def _check(case: Mail) -> CleanEmail:
    clean = clean_email(case.raw)
    assert squash(clean.body) == squash(case.body)
    if case.signature is not None:
        assert case.signature in clean.signature
    if case.quoted is not None:
        assert case.quoted in clean.quoted
    if case.lang is not None:
        assert detect_language(clean.body) == case.lang
    return clean


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.id)
def test_clean_email_keeps_the_new_text_exactly(case: Mail) -> None:
    _check(case)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.id)
def test_quoted_and_signature_lines_never_reach_the_body(case: Mail) -> None:
    clean = clean_email(case.raw)
    body_lines = {squash(line) for line in clean.body.splitlines() if line.strip()}
    for part in (clean.quoted, clean.signature):
        for line in part.splitlines():
            line = squash(line.lstrip("> "))
            if len(line) > 12:  # short lines ("Hi,") may legitimately recur
                assert line not in body_lines


# --- held out -----------------------------------------------------------------------
# Written after the code was finished and run once as they are. The first
# batch (up to "en-h5") passed 14 of 16 on first run; the two misses were
# general gaps, fixed in general: a sign-off under the "-- " delimiter
# ("--\nС уважением, Алексей Смирнов") was not read for the name, and a phone
# rule wrongly capped digit groups at five ("+44 7700 900456"). The second
# batch, written after those fixes, passed 10 of 10 on first run.

HELD_OUT = [
    mail(
        "en-h1-reply-above-yahoo",
        """\
Hello,
I've now waited 3 weeks for the garden chairs. The website still says "processing".
If they can't be delivered by next Friday please cancel order 300918 and refund me.
Many thanks
Gareth Evans
07911 123456

On Friday, 31 October 2025, 09:02:11 GMT, Patio World <orders@patioworld.example> wrote:

Dear Gareth, thank you for shopping with Patio World. Your order 300918 is being processed.
""",  # noqa: E501
        """\
Hello,
I've now waited 3 weeks for the garden chairs. The website still says "processing".
If they can't be delivered by next Friday please cancel order 300918 and refund me.
""",  # noqa: E501
        lang="en",
        fields={
            "name": "Gareth",
            "full_name": "Gareth Evans",
            "order": "300918",
            "phone": "07911 123456",
        },
    ),
    mail(
        "en-h2-oneliner-no-signoff",
        """\
did u get my return yet? sent it monday with royal mail, ref JY 1234 5678 9GB""",  # noqa: E501
        """\
did u get my return yet? sent it monday with royal mail, ref JY 1234 5678 9GB
""",  # noqa: E501
        lang="en",
        fields={},
    ),
    mail(
        "en-h3-outlook-mobile",
        """\
Hi Sophie,

Thanks for the label. I dropped the parcel off at the Evri shop this morning, receipt attached.
Please let me know once the refund for order #77120 is issued.

Best,
Liam

Get Outlook for Android
________________________________
From: Sophie at Cosy Knits <hello@cosyknits.example>
Sent: Monday, November 3, 2025 4:21:09 PM
To: liam.b@example.com <liam.b@example.com>
Subject: Re: Return for #77120

Hi Liam, here is your prepaid return label.
""",  # noqa: E501
        """\
Hi Sophie,

Thanks for the label. I dropped the parcel off at the Evri shop this morning, receipt attached.
Please let me know once the refund for order #77120 is issued.
""",  # noqa: E501
        lang="en",
        fields={"name": "Liam", "full_name": "Liam", "order": "77120"},
    ),
    mail(
        "en-h4-angry-caps-signature-dashes",
        """\
WHY has nobody replied to me??? I have emailed FOUR times about the broken TV stand.
I will be disputing the charge with my bank if I don't hear back today.

--
Karen Whitfield
Sent from my iPad""",  # noqa: E501
        """\
WHY has nobody replied to me??? I have emailed FOUR times about the broken TV stand.
I will be disputing the charge with my bank if I don't hear back today.
""",  # noqa: E501
        lang="en",
        fields={"name": "Karen", "full_name": "Karen Whitfield"},
    ),
    mail(
        "pl-h1-interia-reply",
        """\
Dzień dobry,

dziękuję za informację o wysyłce, ale kurier zostawił paczkę u sąsiada, którego nie znam.
Proszę o kontakt z firmą kurierską. Mój telefon 502 345 678.

Z wyrazami szacunku
Grzegorz Wójcik

Dnia 4 listopada 2025 08:30 Sklep Rowerowy <biuro@rowery.example> napisał(a):

> Dzień dobry, zamówienie nr 44107 zostało przekazane kurierowi.
""",  # noqa: E501
        """\
Dzień dobry,

dziękuję za informację o wysyłce, ale kurier zostawił paczkę u sąsiada, którego nie znam.
Proszę o kontakt z firmą kurierską. Mój telefon 502 345 678.
""",  # noqa: E501
        lang="pl",
        fields={
            "name": "Grzegorz",
            "full_name": "Grzegorz Wójcik",
            "order": "44107",
            "phone": "502 345 678",
        },
    ),
    mail(
        "pl-h2-no-diacritics-typos",
        """\
witam, zamowilam 2 tygodnie temu krem do twarzy i nadal nie doszedl, nr zamowienia 88-4412-PL. prosze o sprawdzenie bo to mial byc prezent
pozdrawiam
kasia""",  # noqa: E501
        """\
witam, zamowilam 2 tygodnie temu krem do twarzy i nadal nie doszedl, nr zamowienia 88-4412-PL. prosze o sprawdzenie bo to mial byc prezent
""",  # noqa: E501
        lang="pl",
        fields={"name": "Kasia", "full_name": "Kasia", "order": "88-4412-PL"},
    ),
    mail(
        "pl-h3-wp-forward-company",
        """\
Dzień dobry,
przesyłam poniżej potwierdzenie - płatność została pobrana dwukrotnie. Proszę o zwrot nadpłaty.

Pozdrawiam,
Marta Zielińska
Główna Księgowa
Zielińska i Wspólnicy Sp. z o.o.
ul. Piękna 24/26, 00-549 Warszawa
tel. +48 22 628 11 22

---------- Przekazana wiadomość ----------
Od: "Płatności Sklep" <platnosci@sklep.example>
Do: marta.zielinska@example.pl
Data: 2 listopada 2025 19:11
Temat: Potwierdzenie płatności za zamówienie 2025/11/0042

Otrzymaliśmy płatność 1 249,00 zł.
""",  # noqa: E501
        """\
Dzień dobry,
przesyłam poniżej potwierdzenie - płatność została pobrana dwukrotnie. Proszę o zwrot nadpłaty.
""",  # noqa: E501
        lang="pl",
        fields={
            "name": "Marta",
            "full_name": "Marta Zielińska",
            "phone": "+48 22 628 11 22",
            "order": "2025/11/0042",
        },
    ),
    mail(
        "pl-h4-short-mobile-thanks",
        """\
Super, dziękuję! Paczka już jest.

Wysłane z mojego Galaxy""",  # noqa: E501
        """\
Super, dziękuję! Paczka już jest.
""",  # noqa: E501
        lang="pl",
        fields={},
    ),
    mail(
        "ru-h1-yandex-reply",
        """\
Добрый день!
Получил заказ 31415, но в коробке не оказалось зарядного устройства. Прошу дослать.
Телефон для связи: +7 903 123-45-67

--
С уважением, Алексей Смирнов

04.11.2025, 09:12, "Электроника Плюс" <sales@elplus.example>:
> Здравствуйте! Ваш заказ 31415 доставлен.
""",  # noqa: E501
        """\
Добрый день!
Получил заказ 31415, но в коробке не оказалось зарядного устройства. Прошу дослать.
Телефон для связи: +7 903 123-45-67
""",  # noqa: E501
        lang="ru",
        fields={
            "name": "Алексей",
            "full_name": "Алексей Смирнов",
            "order": "31415",
            "phone": "+7 903 123-45-67",
        },
    ),
    mail(
        "ru-h2-angry-no-signoff",
        """\
это уже третье письмо!!! где мои деньги за возврат??? заказ №20-7781 вернула еще 15 октября""",  # noqa: E501
        """\
это уже третье письмо!!! где мои деньги за возврат??? заказ №20-7781 вернула еще 15 октября
""",  # noqa: E501
        lang="ru",
        fields={"order": "20-7781"},
    ),
    mail(
        "ru-h3-outlook-ru-underscores",
        """\
Здравствуйте, Наталья!

Спасибо, но размер 44 тоже маловат. Можно ли вернуть платье и получить деньги?

Елена

________________________________
От: Наталья | Магазин платьев <natalia@platya.example>
Отправлено: 3 ноября 2025 г. 18:40
Кому: elena.k@example.ru
Тема: Обмен размера

Елена, добрый вечер! Отправили вам платье размера 44.
""",  # noqa: E501
        """\
Здравствуйте, Наталья!

Спасибо, но размер 44 тоже маловат. Можно ли вернуть платье и получить деньги?
""",  # noqa: E501
        lang="ru",
        fields={"name": "Елена", "full_name": "Елена"},
    ),
    mail(
        "ru-h4-mailru-short",
        """\
Спасибо большое, все пришло в целости!

Отправлено из мобильной Почты Mail.ru""",  # noqa: E501
        """\
Спасибо большое, все пришло в целости!
""",  # noqa: E501
        lang="ru",
        fields={},
    ),
    mail(
        "html-h1-gmail-pl",
        """\
<div dir="ltr"><div>Dzień dobry,</div><div><br></div><div>czy mogę jeszcze dodać do zamówienia 55120 drugi kubek?</div><div><br></div><div>Pozdrawiam</div><div>Ola</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">wt., 4 lis 2025 o 09:00 Ceramika Sklep &lt;<a href="mailto:hej@ceramika.example">hej@ceramika.example</a>&gt; napisał(a):<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Dziękujemy za zamówienie 55120!</div></blockquote></div>""",  # noqa: E501
        """\
Dzień dobry, czy mogę jeszcze dodać do zamówienia 55120 drugi kubek?
""",  # noqa: E501
        lang="pl",
        fields={"name": "Ola", "full_name": "Ola", "order": "55120"},
    ),
    mail(
        "html-h2-outlook-en",
        """\
<html><body><div class="WordSection1"><p class="MsoNormal">Hi,<o:p></o:p></p><p class="MsoNormal">The blender (order 904411) stopped working after two uses. It just clicks. Can I get a replacement?<o:p></o:p></p><p class="MsoNormal">Regards,<o:p></o:p></p><p class="MsoNormal">Daniel Okafor<o:p></o:p></p><p class="MsoNormal">Mobile: +44 7700 900456<o:p></o:p></p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> KitchenPro &lt;help@kitchenpro.example&gt;<br><b>Sent:</b> 01 November 2025 10:00<br><b>Subject:</b> Your order 904411</p></div></div><p class="MsoNormal">Thanks for your order. Call us on 0800 123 4567.</p></div></body></html>""",  # noqa: E501
        """\
Hi, The blender (order 904411) stopped working after two uses. It just clicks. Can I get a replacement?
""",  # noqa: E501
        lang="en",
        fields={
            "name": "Daniel",
            "full_name": "Daniel Okafor",
            "order": "904411",
            "phone": "+44 7700 900456",
        },
    ),
    mail(
        "html-h3-apple-ru",
        """\
<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Здравствуйте! Курьер не может найти адрес, подскажите его номер телефона?<div><br></div><div>Андрей</div><div><br><div dir="ltr">Отправлено с iPhone</div><div dir="ltr"><br><blockquote type="cite">4 нояб. 2025 г., в 10:00, Доставка &lt;info@dostavka.example&gt; написал(а):<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Курьер приедет сегодня.</div></blockquote></div></body></html>""",  # noqa: E501
        """\
Здравствуйте! Курьер не может найти адрес, подскажите его номер телефона?
""",  # noqa: E501
        lang="ru",
        fields={"name": "Андрей", "full_name": "Андрей"},
    ),
    mail(
        "en-h5-inline-with-signature-bottom",
        """\
Hi,

> What size did you order?
Medium, but I need a Large.

> Do you still have the original packaging?
Yes.

Thanks
Priyanka Shah
""",  # noqa: E501
        """\
Hi,
Medium, but I need a Large.
Yes.
""",  # noqa: E501
        lang="en",
        fields={"name": "Priyanka", "full_name": "Priyanka Shah"},
    ),
    mail(
        "en-h6-indian-english-thanks-regards",
        """\
Dear Sir/Madam,

Kindly note that I have received a wrong product against my order no. 4410-2287. I ordered a steel water bottle 1 litre but received 500 ml. Kindly arrange for replacement at the earliest.

Thanks & Regards,
Rahul Verma
+91 98765 43210
""",  # noqa: E501
        """\
Dear Sir/Madam,

Kindly note that I have received a wrong product against my order no. 4410-2287. I ordered a steel water bottle 1 litre but received 500 ml. Kindly arrange for replacement at the earliest.
""",  # noqa: E501
        lang="en",
        fields={
            "name": "Rahul",
            "full_name": "Rahul Verma",
            "order": "4410-2287",
            "phone": "+91 98765 43210",
        },
    ),
    mail(
        "en-h7-numbers-not-phones",
        """\
Hi,
I paid £1,249.00 on 03/11/2025 for the sofa but the delivery slot (Tue 11/11, 8am-12pm) doesn't work.
Tracking: 1Z999AA10123456784. Postcode is SW1A 1AA. Could you move it to the 14th?
Cheers
""",  # noqa: E501
        """\
Hi,
I paid £1,249.00 on 03/11/2025 for the sofa but the delivery slot (Tue 11/11, 8am-12pm) doesn't work.
Tracking: 1Z999AA10123456784. Postcode is SW1A 1AA. Could you move it to the 14th?
""",  # noqa: E501
        lang="en",
        fields={},
    ),
    mail(
        "en-h8-thunderbird-forward",
        """\
Forwarding the courier's message, they say the address is incomplete but it isn't.
Flat 3, 22 Queen's Road, Bristol BS8 1QU.

-------- Forwarded Message --------
Subject: 	Delivery attempt failed
Date: 	Mon, 3 Nov 2025 14:00:00 +0000
From: 	DPD UK <noreply@dpd.example>
To: 	tom.w@example.com

We were unable to deliver your parcel 15501234567890.
""",  # noqa: E501
        """\
Forwarding the courier's message, they say the address is incomplete but it isn't.
Flat 3, 22 Queen's Road, Bristol BS8 1QU.
""",  # noqa: E501
        lang="en",
        fields={},
    ),
    mail(
        "pl-h5-szanowni-panstwo-onet",
        """\
Szanowni Państwo,

w dniu 28.10.2025 złożyłem zamówienie nr 2025-10-7781 na kwotę 459,00 zł. Do dziś nie otrzymałem potwierdzenia wysyłki, a płatność została pobrana. Proszę o pilną informację.

Z poważaniem
Andrzej Kamiński
tel. 698 112 233

-----Oryginalna wiadomość-----
Od: Sklep Elektro <sklep@elektro.example>
Do: andrzej.kaminski@onet.pl
Wysłane: 28 października 2025 10:02
Temat: Przyjęliśmy zamówienie
""",  # noqa: E501
        """\
Szanowni Państwo,

w dniu 28.10.2025 złożyłem zamówienie nr 2025-10-7781 na kwotę 459,00 zł. Do dziś nie otrzymałem potwierdzenia wysyłki, a płatność została pobrana. Proszę o pilną informację.
""",  # noqa: E501
        lang="pl",
        fields={
            "name": "Andrzej",
            "full_name": "Andrzej Kamiński",
            "order": "2025-10-7781",
            "phone": "698 112 233",
        },
    ),
    mail(
        "pl-h6-english-quote-polish-body",
        """\
Hej, nadal nie ma zwrotu kasy za buty, minely 3 tygodnie.
Pozdr. Michal

On Mon, Oct 13, 2025 at 3:00 PM Sneaker Store <support@sneakers.example> wrote:
> Hello Michal, we have received your return for order #66310 and the refund will be issued shortly.
> Kind regards, Sneaker Store Team
""",  # noqa: E501
        """\
Hej, nadal nie ma zwrotu kasy za buty, minely 3 tygodnie.
""",  # noqa: E501
        lang="pl",
        fields={"name": "Michał", "full_name": "Michał", "order": "66310"},
    ),
    mail(
        "pl-h7-ps-and-iphone",
        """\
Dzień dobry, proszę o wystawienie faktury na firmę do zamówienia 77812. Dane poniżej.
Firma: Drewno-Pol Sp. z o.o., NIP 521-301-72-28

Dziękuję
Beata Lis

PS. Fakturę proszę wysłać na adres faktury@drewnopol.example

Wysłane z iPhone'a
""",  # noqa: E501
        """\
Dzień dobry, proszę o wystawienie faktury na firmę do zamówienia 77812. Dane poniżej.
Firma: Drewno-Pol Sp. z o.o., NIP 521-301-72-28

PS. Fakturę proszę wysłać na adres faktury@drewnopol.example
""",  # noqa: E501
        lang="pl",
        fields={
            "name": "Beata",
            "full_name": "Beata Lis",
            "order": "77812",
            "email": "faktury@drewnopol.example",
        },
    ),
    mail(
        "ru-h5-ot-kogo-forward",
        """\
Добрый день, пересылаю письмо из банка - оплата прошла, а заказ у вас отменен. Разберитесь пожалуйста.
Светлана Кузнецова

-------- Пересылаемое сообщение --------
От кого: Банк <noreply@bank.example>
Кому: svetlana.k@mail.example
Дата: Понедельник, 3 ноября 2025, 12:00 +03:00
Тема: Оплата покупки

Оплата 4 590 ₽ прошла успешно.
""",  # noqa: E501
        """\
Добрый день, пересылаю письмо из банка - оплата прошла, а заказ у вас отменен. Разберитесь пожалуйста.
""",  # noqa: E501
        lang="ru",
        fields={"name": "Светлана", "full_name": "Светлана Кузнецова"},
    ),
    mail(
        "ru-h6-latin-name-ru-text",
        """\
Здравствуйте,
заказ 509912 пришел без инструкции на русском языке. Можно ли получить ее в электронном виде на почту olga.ivanova@example.ru?
Спасибо заранее,
Ольга Иванова
""",  # noqa: E501
        """\
Здравствуйте,
заказ 509912 пришел без инструкции на русском языке. Можно ли получить ее в электронном виде на почту olga.ivanova@example.ru?
""",  # noqa: E501
        lang="ru",
        fields={
            "name": "Ольга",
            "full_name": "Ольга Иванова",
            "order": "509912",
            "email": "olga.ivanova@example.ru",
        },
    ),
    mail(
        "html-h4-yahoo",
        """\
<html><body><div class="ydp1"><div>Hello, my parcel (order 44871) shows as delivered but I wasn't home and there is no card. Please help.</div><div><br></div><div>Jean</div></div><div id="yahoo_quoted_123" class="yahoo_quoted"><div>On Monday, November 3, 2025, 10:00:00 AM EST, Home Decor &lt;care@homedecor.example&gt; wrote:</div><div>Your parcel is out for delivery.</div></div></body></html>""",  # noqa: E501
        """\
Hello, my parcel (order 44871) shows as delivered but I wasn't home and there is no card. Please help.
""",  # noqa: E501
        lang="en",
        fields={"name": "Jean", "full_name": "Jean", "order": "44871"},
    ),
    mail(
        "html-h5-owa-pl",
        """\
<div>Dzień dobry,</div><div>proszę o anulowanie zamówienia nr 99321 - pomyłkowo zamówiłem dwa razy.</div><div>Pozdrawiam,<br>Paweł Kaczmarek</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>Od:</b> Sklep Zoo &lt;zoo@sklep.example&gt;<br><b>Wysłane:</b> poniedziałek, 3 listopada 2025 12:00<br><b>Temat:</b> Zamówienie 99320</div><div>Dziękujemy.</div>""",  # noqa: E501
        """\
Dzień dobry, proszę o anulowanie zamówienia nr 99321 - pomyłkowo zamówiłem dwa razy.
""",  # noqa: E501
        lang="pl",
        fields={"name": "Paweł", "full_name": "Paweł Kaczmarek", "order": "99321"},
    ),
]


@pytest.mark.parametrize("case", HELD_OUT, ids=lambda c: c.id)
def test_held_out_emails(case: Mail) -> None:
    _check(case)


def test_crlf_and_nbsp_are_normalised() -> None:
    raw = "Hi,\r\nwhere is my parcel?\r\n\r\nThanks,\r\nAnna\u00a0Smith\r\n"
    clean = clean_email(raw)
    assert clean.body == "Hi,\nwhere is my parcel?"
    assert clean.signature == "Thanks,\nAnna Smith"
    assert clean.sign_off == "Thanks,"


def test_pasted_header_block_is_split_off_and_subject_kept() -> None:
    raw = textwrap.dedent(
        """\
        From: Anna Smith <anna@example.com>
        To: help@shop.example
        Date: Mon, 3 Nov 2025 10:15:00 +0000
        Subject: Re: Where is my order?

        Still nothing, it's been ten days.
        Anna
        """
    )
    clean = clean_email(raw)
    assert clean.subject == "Where is my order?"
    assert clean.body == "Where is my order?\nStill nothing, it's been ten days."
    assert "From: Anna Smith" in clean.headers
    assert clean.signature == "Anna"


def test_bottom_posted_reply_keeps_text_under_the_quote() -> None:
    raw = textwrap.dedent(
        """\
        On Mon, 3 Nov 2025 at 10:15, Shop <help@shop.example> wrote:
        > Which size would you like instead?

        Size 42 please.
        """
    )
    clean = clean_email(raw)
    assert clean.body == "Size 42 please."
    assert "Which size" in clean.quoted


def test_empty_and_whitespace_only() -> None:
    assert clean_email("") == CleanEmail(body="")
    assert clean_email("  \n\n \t").body == ""
    assert detect_language("") is None
    assert detect_language("   12345 !!! ") is None


def test_sign_off_alone_is_kept_when_it_is_all_the_customer_wrote() -> None:
    clean = clean_email("Dziękuję bardzo!\nJan")
    assert clean.body == "Dziękuję bardzo!"
    assert clean.signature == "Jan"
    assert clean.sign_off == "Dziękuję bardzo!"


def test_trailing_name_without_sign_off_is_a_signature() -> None:
    clean = clean_email("Where is my refund? It has been a month.\n\nAnna Smith\n+44 20 7946 0958")
    assert clean.body == "Where is my refund? It has been a month."
    assert clean.signature.startswith("Anna Smith")


def test_sentence_after_a_thanks_line_is_not_a_signature() -> None:
    raw = "Hi,\nThanks!\nThe parcel arrived damaged though, the box was soaked.\nAnna"
    clean = clean_email(raw)
    assert "The parcel arrived damaged though" in clean.body
    assert "Thanks!" in clean.body


def test_question_under_a_sign_off_stays_in_the_body() -> None:
    clean = clean_email("Pozdrawiam\nA kiedy będzie wysyłka?")
    assert "A kiedy będzie wysyłka?" in clean.body


def test_sentence_with_a_number_under_a_thanks_line_is_content() -> None:
    clean = clean_email("Hi,\nThanks\nMy tracking number is 00359007738012345678\nAnna")
    assert clean.body == "Hi,\nThanks\nMy tracking number is 00359007738012345678"
    assert clean.signature == "Anna"


@pytest.mark.parametrize(
    ("raw", "body", "sign_off"),
    [
        ("Hi, how do I send back the lamp? Thanks, Priya", "Hi, how do I send back the lamp?",
         "Thanks, Priya"),
        ("Nie mogę się zalogować na konto. Pozdrawiam, Ewa", "Nie mogę się zalogować na konto.",
         "Pozdrawiam, Ewa"),
        ("Не могу войти в личный кабинет. Спасибо, Ольга", "Не могу войти в личный кабинет.",
         "Спасибо, Ольга"),
        ("Thanks for the quick reply. Z poważaniem, Anna Nowak-Kowalska",
         "Thanks for the quick reply.", "Z poważaniem, Anna Nowak-Kowalska"),
        ("Gdzie paczka?! Dziękuję bardzo, Łukasz", "Gdzie paczka?!", "Dziękuję bardzo, Łukasz"),
        # only signature lines may follow it
        ("Please call me back. Thanks again, Anna\nAnna Smith | ACME Ltd\n+44 20 7946 0958",
         "Please call me back.", "Thanks again, Anna"),
        ("Where is it? Cheers, Tom\n\nSent from my iPhone", "Where is it?", "Cheers, Tom"),
    ],
)  # fmt: skip
def test_a_sign_off_with_a_name_ending_the_last_line_is_the_signature(
    raw: str, body: str, sign_off: str
) -> None:
    clean = clean_email(raw)
    assert clean.body == body
    assert clean.sign_off == sign_off
    assert clean.signature.startswith(sign_off)


@pytest.mark.parametrize(
    "raw",
    [
        "Is the order ready? Thanks. Will do it today if not.",
        "I want to send it back, thanks, Amazon Prime was faster.",
        "Can I send it back? I said thanks, Grace",  # no sentence starts with the sign-off
        "Can you check? Thanks, Anna\nThe parcel was due on Monday and I need it.",
        "Where is it? Thanks, anna smith",  # a name is capitalised here
        "Is it late? Regards to your team",
        "Where is it? Thanks, Team",
    ],
)
def test_text_that_only_ends_like_a_sign_off_stays_in_the_body(raw: str) -> None:
    clean = clean_email(raw)
    assert clean.body == raw
    assert clean.sign_off == ""


def test_postscript_under_the_signature_is_kept_in_the_body() -> None:
    raw = dedent_strip(
        """
        Dzień dobry,
        czy jest rozmiar M?

        Pozdrawiam
        Anna

        PS. I jeszcze jedno - czy wysyłacie do Czech?

        Wysłane z iPhone'a
        """
    )
    clean = clean_email(raw)
    assert squash(clean.body) == squash(
        "Dzień dobry, czy jest rozmiar M? PS. I jeszcze jedno - czy wysyłacie do Czech?"
    )
    assert clean.signature.startswith("Pozdrawiam\nAnna")
    assert "iPhone" in clean.signature


def test_a_quote_alone_leaves_an_empty_body() -> None:
    clean = clean_email("On Mon, 3 Nov 2025 at 10:15, Shop <a@b.example> wrote:\n> old only")
    assert clean.body == ""
    assert "old only" in clean.quoted


def test_onet_footer_with_company_signature() -> None:
    raw = (
        "Witam\nKiedy wysyłka zamówienia 123456?\nPozdrawiam\nAdam Nowak\n\n"
        "Wiadomość wysłana z programu pocztowego Onet Poczta"
    )
    clean = clean_email(raw)
    assert clean.body == "Witam\nKiedy wysyłka zamówienia 123456?"
    assert clean.sign_off == "Pozdrawiam"


@pytest.mark.parametrize(
    "line",
    [
        "Sent from my iPhone",
        "Sent from my Galaxy",
        "Sent from Mail for Windows",
        "Sent from Yahoo Mail on Android",
        "Get Outlook for iOS",
        "Sent with Proton Mail secure email.",
        "Wysłane z iPhone'a",
        "Wysłano z aplikacji Outlook na Androida",
        "Wysłane z telefonu Samsung",
        "Отправлено с iPhone",
        "Отправлено из мобильной Почты Mail.ru",
        "Отправлено из приложения Яндекс Почта",
        "Получить Outlook для Android",
    ],
)
def test_device_footers(line: str) -> None:
    clean = clean_email(f"Where is my order 12345?\n\n{line}")
    assert clean.body == "Where is my order 12345?"
    assert line in clean.signature


@pytest.mark.parametrize(
    "line",
    [
        "Sent from your warehouse on Monday, still not here.",
        "Wysłane z magazynu w poniedziałek, a nadal nie ma.",
        "Отправлено из Москвы три дня назад, а до сих пор нет.",
    ],
)
def test_content_that_looks_like_a_device_footer_is_kept(line: str) -> None:
    assert clean_email(f"Hi,\n{line}").body == f"Hi,\n{line}"


@pytest.mark.parametrize(
    ("header", "next_line"),
    [
        ("On Mon, Nov 3, 2025 at 10:15 AM Shop <a@shop.example> wrote:", "> old"),
        ("On 3 Nov 2025, at 10:15, Shop <a@shop.example> wrote:", "old"),
        ("Anna Smith wrote:", "> old"),
        ("pon., 3 lis 2025 o 10:15 Sklep <a@shop.example> napisał(a):", "> old"),
        ("W dniu 3.11.2025 o 10:15, Sklep pisze:", "> old"),
        ("Dnia 3 listopada 2025 10:15 Sklep <a@shop.example> napisała:", "old"),
        ("W dniu 03.11.2025 10:15 Jan Nowak napisał:", "old"),
        ("пн, 3 нояб. 2025 г. в 10:15, Магазин <a@shop.example>:", "> old"),
        ("03.11.2025 10:15, Магазин пишет:", "old"),
        ("3 нояб. 2025 г., в 10:15, Магазин <a@shop.example> написал(а):", "old"),
        ("Иван Петров писал(а):", "> old"),
        ("-----Original Message-----", "From: a"),
        ("-----Wiadomość oryginalna-----", "Od: a"),
        ("-----Исходное сообщение-----", "От: a"),
        ("---------- Forwarded message ---------", "From: a"),
        ("---------- Przekazana wiadomość ---------", "Od: a"),
        ("-------- Пересланное сообщение --------", "От: a"),
        ("Begin forwarded message:", "From: a"),
        ("________________________________", "From: a"),
    ],
)
def test_quote_headers(header: str, next_line: str) -> None:
    more = "> more old text" if next_line.startswith(">") else "more old text"
    raw = f"New text here.\n\n{header}\n{next_line}\n{more}"
    clean = clean_email(raw)
    assert clean.body == "New text here."
    assert header.strip() in clean.quoted


@pytest.mark.parametrize(
    "block",
    [
        "From: Shop <a@shop.example>\nSent: Monday, November 3, 2025 10:15 AM\n"
        "To: Anna\nSubject: RE: order",
        "Od: Sklep <a@shop.example>\nWysłano: poniedziałek, 3 listopada 2025 10:15\n"
        "Do: Anna\nTemat: RE: zamówienie",
        "От: Магазин <a@shop.example>\nОтправлено: 3 ноября 2025 г. 10:15\n"
        "Кому: Анна\nТема: RE: заказ",
        "From: Shop <a@shop.example> Sent: Monday, November 3, 2025 10:15 AM To: Anna "
        "Subject: RE: order",
    ],
)
def test_outlook_header_blocks(block: str) -> None:
    clean = clean_email(f"Thanks, that works for me.\n\n{block}\n\nold message")
    assert clean.body == "Thanks, that works for me."
    assert "old message" in clean.quoted


@pytest.mark.parametrize(
    "line",
    [
        "On Monday you wrote that it would ship in 2 days.",
        "Od: poniedziałku czekam na kuriera.",
        "My colleague wrote: please call me back",
    ],
)
def test_content_lines_that_resemble_headers_are_kept(line: str) -> None:
    assert clean_email(f"Hello,\n{line}\nAny news?").body == f"Hello,\n{line}\nAny news?"


# --- properties ---------------------------------------------------------------------

CONTENT = [
    "I ordered a pair of boots on Monday and they still haven't shipped.",
    "Thanks for the update, but the tracking page shows no movement.",
    "Could you tell me when the refund will reach my card?",
    "Best option for me would be a replacement rather than a refund.",
    "Zamówiłam sukienkę w rozmiarze 38, a przyszła 42.",
    "Dziękuję za informację, ale paczka nadal nie dotarła.",
    "Prosze o kontakt w sprawie reklamacji.",
    "Заказ так и не пришел, хотя прошло две недели.",
    "Спасибо за ответ, но мне нужен возврат денег.",
    "Посылка пришла поврежденной.",
]
GREETINGS = ["Hi,", "Hello team,", "Dzień dobry,", "Witam,", "Здравствуйте!", "Добрый день,"]
SIGNERS = ["Anna", "Jan Kowalski", "Łukasz Żółkiewski", "Иван Петров", "Olga", "Mary-Jane Watson"]
FOOTERS = ["Sent from my iPhone", "Wysłane z iPhone'a", "Отправлено с iPhone"]
QUOTES = [
    "On Mon, 3 Nov 2025 at 10:15, Shop <help@shop.example> wrote:\n> Old text.\n> More.",
    "W dniu 3.11.2025 o 10:15, Sklep pisze:\n> Stara wiadomość.",
    "пн, 3 нояб. 2025 г. в 10:15, Магазин <shop@example.ru>:\n> Старое письмо.",
    "From: Shop <help@shop.example>\nSent: Monday\nTo: Anna\nSubject: RE: x\n\nOld text.",
    "-----Original Message-----\nFrom: Shop\nOld text.",
    "Dnia 3 listopada 2025 10:15 Sklep <a@b.example> napisał(a):\nStara wiadomość.",
]


@settings(max_examples=300, deadline=None)
@given(
    greeting=st.sampled_from(["", *GREETINGS]),
    content=st.lists(st.sampled_from(CONTENT), min_size=1, max_size=4),
    sign_off=st.sampled_from(["", *SIGN_OFFS]),
    comma=st.sampled_from(["", ",", "!"]),
    signer=st.sampled_from(["", *SIGNERS]),
    footer=st.sampled_from(["", *FOOTERS]),
    quote=st.sampled_from(["", *QUOTES]),
)
def test_composed_emails_keep_exactly_the_new_text(
    greeting: str,
    content: list[str],
    sign_off: str,
    comma: str,
    signer: str,
    footer: str,
    quote: str,
) -> None:
    parts = [greeting, "\n".join(content)] if greeting else ["\n".join(content)]
    closing = "\n".join(
        p for p in ((sign_off.capitalize() + comma) if sign_off else "", signer) if p
    )
    raw = "\n\n".join(p for p in (*parts, closing, footer, quote) if p)
    clean = clean_email(raw)
    assert squash(clean.body) == squash(" ".join(parts))
    if signer:
        assert signer in clean.signature
    if quote:
        assert "Old text" in clean.quoted or "Стар" in clean.quoted or "Stara" in clean.quoted


LINES = st.sampled_from(
    [
        *CONTENT,
        *GREETINGS,
        *SIGNERS,
        *FOOTERS,
        "Thanks,",
        "Pozdrawiam",
        "С уважением,",
        "-- ",
        "> quoted line",
        "",
        "On Mon, 3 Nov 2025 at 10:15, Shop <help@shop.example> wrote:",
        "+48 601 234 567",
        "ACME Sp. z o.o.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=14))
def test_no_line_is_lost_or_invented(lines: list[str]) -> None:
    raw = "\n".join(lines)
    clean = clean_email(raw)
    out = [ln for part in (clean.body, clean.signature, clean.quoted) for ln in part.splitlines()]
    assert sorted(ln.strip() for ln in out if ln.strip()) == sorted(
        ln.strip() for ln in lines if ln.strip()
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_clean_email_and_detect_language_accept_any_text(text: str) -> None:
    clean = clean_email(text)
    assert isinstance(clean.body, str)
    assert detect_language(text) in (None, "en", "pl", "ru")


def test_a_signature_line_of_parts_joined_by_bars_ends_the_body() -> None:
    clean = clean_email(
        "Hi\n\nStill waiting on #123456.\n\nKind regards\nSandra\n"
        "Sales Manager | Bloom Ltd | +44 1632 960001"
    )
    assert clean.body == "Hi\n\nStill waiting on #123456."
    assert clean.sign_off == "Kind regards"


def test_a_sign_off_with_a_name_and_a_description_ends_the_body() -> None:
    clean = clean_email("Где заказ 12345?\nС уважением, Анна, менеджер ООО Ромашка")
    assert clean.body == "Где заказ 12345?"
    assert clean.sign_off.startswith("С уважением")


# --- quoted replies without ">" in other mail programs' forms, and pasted ones -------


@pytest.mark.parametrize(
    "header",
    [
        "---- On Mon, 10 Mar 2025 11:02:03 +0000 Homely Support <help@homely.example> wrote ----",
        "Понедельник, 10 марта 2025, 11:02 +03:00 от Уютный дом:",
        "Вы писали 10 марта 2025 г., 11:02:",
    ],
)
def test_a_quote_header_of_other_mail_programs(header: str) -> None:
    reply = "Hello,\nthe refund is done.\nRegards,\nPaul"
    clean = clean_email(f"Still waiting.\n\n{header}\n\n{reply}")
    assert clean.body == "Still waiting."
    assert "Paul" in clean.quoted


def test_a_line_about_a_message_with_a_date_is_no_quote_header() -> None:
    text = "12 марта пришло письмо от курьера:\nпосылка задерживается. Где она?"
    assert clean_email(text).quoted == ""


@pytest.mark.parametrize(
    "text",
    [
        "When will I get the money?\n\nKaren\n\nHi Karen,\nThe refund is processed.\n"
        "Kind regards,\nDaniel",
        "Когда вернут деньги?\n\nЗдравствуйте!\nВозврат оформлен.\nС уважением,\n"
        "Павел, служба поддержки",
        "Kiedy zwrot?\n\nOdpowiedź sklepu:\nDzień dobry,\nzwrot zlecony.\nPozdrawiam\nTomasz",
        "Жду.\n\nОт: Павел\nТема: Возврат\n\nИрина, добрый день!\nВозврат оформлен.\n"
        "С уважением,\nПавел",
    ],
)
def test_a_reply_pasted_under_the_text_without_a_header_is_quoted(text: str) -> None:
    clean = clean_email(text)
    assert not any(name in clean.body + clean.signature for name in ("Daniel", "Павел", "Tomasz"))
    assert any(name in clean.quoted for name in ("Daniel", "Павел", "Tomasz"))


def test_a_second_greeting_of_the_customers_own_text_stays_in_the_body() -> None:
    text = "Hi,\nmy order is late.\n\nHello again,\nI forgot: it is a gift.\nThanks,\nAnna"
    clean = clean_email(text)
    assert clean.quoted == ""
    assert "forgot" in clean.body


FORWARD = """Fwd: delivery

Hi, my sister took in our parcel (order 57741) and sent me this - forwarding it to you:

---------- Forwarded message ----------
From: Marta
Date: Thu 14 Nov 17:40
Subject: the box

box came squashed, the lamp shade is dented. took photos.

Sent from my iPhone

On Thu 14 Nov 2025 at 12:00, Shop <help@shop.example> wrote:
> Your order has been dispatched.
"""


def test_a_forwarded_message_is_kept_apart_as_what_the_customer_asks_about() -> None:
    clean = clean_email(FORWARD)
    assert clean.body == (
        "Fwd: delivery\n\nHi, my sister took in our parcel (order 57741) and sent me this - "
        "forwarding it to you:"
    )
    # its subject and new text, without its headers, footer or the reply it quotes
    assert clean.forwarded == "the box\nbox came squashed, the lamp shade is dented. took photos."
    assert "box came squashed" in clean.quoted  # still quoted for the field rules


@pytest.mark.parametrize(
    ("first_line", "header"),
    [
        ("FW: the thing from your shop", "-----Original Message-----\nFrom: Pat"),
        ("PD: zamówienie", "-----Wiadomość oryginalna-----\nOd: Pat"),
        ("Пересл: заказ", "-----Исходное сообщение-----\nОт: Пат"),
        ("Text above.", "---------- Przekazana wiadomość ---------\nOd: Pat"),
        ("Text above.", "-------- Пересылаемое сообщение --------\nОт: Пат"),
        ("Text above.", "Begin forwarded message:\n\nFrom: Pat"),
    ],
)
def test_forwards_are_told_by_their_separator_or_subject(first_line: str, header: str) -> None:
    raw = f"{first_line}\n\nPlease help.\n\n{header}\nDate: Mon, 3 Jun 2024\n\nit does not work"
    assert clean_email(raw).forwarded == "it does not work"


@pytest.mark.parametrize(
    "header",
    [
        "-----Original Message-----\nFrom: Shop <help@shop.example>",
        "On Mon, 3 Nov 2025 at 10:15, Shop <help@shop.example> wrote:",
        "From: Shop <help@shop.example>\nSent: Monday, November 3, 2025 10:15 AM\nTo: Anna\n"
        "Subject: RE: order",
    ],
)
def test_a_reply_quoting_the_shop_forwards_nothing(header: str) -> None:
    raw = f"Still nothing arrived.\n\n{header}\n\nYour order has shipped."
    clean = clean_email(raw)
    assert clean.body == "Still nothing arrived."
    assert clean.forwarded == ""


def test_forwards_nested_without_end_are_read_to_a_bounded_depth() -> None:
    raw = "see below\n" + "---------- Forwarded message ---------\nFrom: a\n" * 5000 + "text"
    clean = clean_email(raw)  # no RecursionError, and linear work per level
    assert clean.body == "see below"
    assert clean.forwarded == ""  # the text sits deeper than the levels read
    forward = "---------- Forwarded message ---------\nFrom: a\nDate: 3 June\n\nhi\n"
    shallow = "see below\n" + forward * 2
    assert clean_email(shallow).forwarded == "hi\n\nhi"


_RULE = "-" * 40


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "eBay - message from buyer\nBuyer: garden_gnome_55\nItem number: 2966 1183 4502\n"
            "Item: Oak bench",
            "the bench came with two legs cracked, I need a replacement please",
        ),
        (
            "Wiadomość od kupującego\nKupujący: kasia_k\nNumer oferty: 1234567\nPrzedmiot: Lampa",
            "lampa przyszła z pękniętym kloszem, proszę o wymianę",
        ),
        (
            "Сообщение покупателя\nПокупатель: Ирина\nЗаказ: 889-201\nТовар: Полка настенная",
            "полка пришла без крепежа, пришлите, пожалуйста, винты",
        ),
    ],
)
def test_a_rule_under_a_relayed_messages_header_keeps_the_message(
    header: str, message: str
) -> None:
    raw = f"{header}\n\n{_RULE}\n{message}\n{_RULE}\nReply to this message in Seller Hub."
    clean = clean_email(raw)
    assert message in clean.body
    assert _RULE not in clean.body
    assert "Seller Hub" not in clean.body


def test_a_relayed_message_under_pasted_headers_keeps_its_message() -> None:
    raw = (
        "From: Marketplace <noreply@market.example>\nSubject: Message from buyer\n\n"
        f"Message from buyer\nBuyer: oak_and_ash\nOrder ID: 55-1200\n{_RULE}\n"
        f"The chair arrived with a broken leg, please send a new one.\n{_RULE}\nReply in Hub."
    )
    assert "broken leg" in clean_email(raw).body


def test_many_rules_are_read_in_linear_time() -> None:
    raw = "\n" * 20_000 + f"{_RULE}\n" * 20_000 + "text"
    assert clean_email(raw).body == ""  # the first rule opens a quote; no timeout


@pytest.mark.parametrize(
    "above",
    [
        # the customer's own sentence above the fields: the rule opens the quoted message
        "The lamp is still not here, can you check?\nOrder: 1234\nName: Anna Nowak",
        # one field only
        "Order: 1234",
    ],
)
def test_a_rule_under_the_customers_own_text_still_opens_the_quote(above: str) -> None:
    raw = f"{above}\n{_RULE}\nYour order has been shipped and will arrive on Friday."
    clean = clean_email(raw)
    assert "shipped" not in clean.body
    assert clean.body.startswith(above.split("\n")[0])


def test_a_rule_over_a_quoted_messages_header_still_opens_the_quote() -> None:
    raw = (
        f"Order: 1234\nName: Anna\n{'_' * 32}\nFrom: Shop <help@shop.example>\n"
        "Sent: Monday\nTo: Anna\nSubject: shipped\n\nYour order has been shipped."
    )
    assert "shipped" not in clean_email(raw).body


def test_dashes_around_a_name_and_a_firm_still_cut_the_signature() -> None:
    raw = "Hi,\nthe lamp is broken, order 55123\n---\nJohn Smith\nAcme Ltd\n---\nSent from my phone"
    clean = clean_email(raw)
    assert clean.body == "Hi,\nthe lamp is broken, order 55123"
    assert "John Smith" in clean.signature
