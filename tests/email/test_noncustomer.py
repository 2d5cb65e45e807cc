"""Job applications, press enquiries, sales pitches and phishing notices are told from
customers' e-mails, and get no confident suggestion."""

from __future__ import annotations

import pytest

import expander
from expander.email.noncustomer import is_non_customer
from expander.suggest import suggest

NOT_CUSTOMERS = [
    # job applications: a position and an application, a CV; or the greeting alone
    "Hello, I would like to apply for the delivery driver position you posted on "
    "LinkedIn. My CV is attached.",
    "Dear Hiring Manager,\n\nPlease consider me for any warehouse work you may have.",
    "Dzień dobry, chciałbym zgłosić swoją kandydaturę na stanowisko magazyniera. CV w załączniku.",
    "Dzien dobry, czy przyjmujecie praktykantów na lato? Studiuję logistykę.",
    "Добрый день! Увидел вашу вакансию менеджера по продажам, резюме прикладываю.",
    "Здравствуйте, вы не ищете сотрудников на склад? Могу выйти с понедельника.",
    "Dzień dobry, zgłaszam się na ogłoszenie o pracy na stanowisku kierowcy. CV w załączniku.",
    "Увидел, что вы ищете консультанта в магазин. Резюме во вложении, готов к собеседованию.",
    # press: a journalist and an article, a comment
    "Hi, I'm a journalist at the Bristol Post writing an article on local online shops. "
    "Could you comment on rising delivery costs?",
    "Dzień dobry, jestem dziennikarzem portalu Handel24 i przygotowuję artykuł o zwrotach.",
    "Здравствуйте, я корреспондент журнала «Дом». Можно задать несколько вопросов?",
    # sales pitches: a seller introducing itself and an offer
    "Hello, we are a logistics company and would like to offer you a partnership on "
    "warehousing. Can we schedule a call next week?",
    "Hi there! I'm reaching out from BoxCraft. We help online stores cut packaging "
    "costs; can I send you a free sample?",
    "Dzień dobry, jesteśmy producentem opakowań ekologicznych i proponujemy współpracę.",
    "Dzien dobry, reprezentuje firme kurierska i chcialbym przedstawic nasza oferte.",
    "Здравствуйте! Наша компания предлагает услуги фулфилмента для интернет-магазинов.",
    "Добрый день, мы производитель упаковки. Предлагаем сотрудничество на выгодных условиях.",
    # sales pitches that introduce the seller in other words
    "Greetings from Xiamen! We are professional factory of ceramic mugs. Please check "
    "our catalogue, MOQ 300 pcs.",
    "My name is Tom Reyes and I am the sales manager at Brightline Labels. Could I send "
    "you our price list?",
    "Hi, I'm Dana from Parcelwise Logistics. We've helped over 200 UK shops cut delivery "
    "costs. Do you have 10 minutes for a quick call?",
    "Dzień dobry, jesteśmy fabryka świec z Wenzhou. Wyślemy katalog i cennik.",
    "Dzień dobry, jestem przedstawicielką firmy Kartonex. W załączniku cennik.",
    "Добрый день! Мы — агентство «Рост». Предлагаем настройку рекламы для магазина.",
    "Здравствуйте! Я представляю текстильную фабрику «Лён». Прайс и образцы вышлем сразу.",
    'Компания "СтрейчПак" (г. Тула) — производитель плёнки. Оптовые цены от 50 рулонов.',
    # search-engine marketing: the shop's ranking and a promise
    "Dear Website Owner, your shop is not on the first page of Google. We guarantee "
    "top 3 in 30 days. Reply YES for a free audit.",
    "Pozycjonowanie sklepu: gwarantujemy wzrost ruchu o 200%!",
    "Ваш сайт не в ТОП-10 Яндекса. Выведем в топ за месяц, первая консультация бесплатно.",
    # prize draws with a link to claim
    "Congratulations! You have won a $500 gift card. Claim now: http://prize.example/x",
    "Twój adres został wylosowany! Kliknij tutaj, aby odebrać nagrodę.",
    "Поздравляем, вы выиграли смартфон! Перейдите по ссылке, чтобы получить приз.",
    # a fake notice to verify or pay at a link within a day
    "Your parcel is on hold. Confirm your address and pay 1.99 GBP within 24 hours: "
    "https://parcel-fee.example/pay?id=8812",
    "Twoja przesyłka czeka na dopłatę 1,99 zł. Opłać w ciągu 24h: https://doplata.example/p",
    "Подтвердите данные карты в течение 24 часов: https://secure-pay.example/login",
    "Your mailbox has exceeded the storage limit. Verify within 24 hours.",
    # a seller's minimum order is no order of the writer's own
    "Hello from Xiamen! We are a leading factory of gift boxes. Minimum order 500 pcs, "
    "catalogue attached.",
    "Мы — агентство «Рост». Минимальный заказ 300 шт, прайс во вложении.",
    # influencers, job seekers, a draw "won" by an address
    "Hi! I'm a lifestyle blogger with 40k followers. I'd post about your candles in exchange "
    "for free products.",
    "Hello, I'm looking for work as a packer. I can start on Monday.",
    "Dzień dobry, szukam pracy jako magazynier, mam uprawnienia na wózek.",
    "Your email address has won 850,000 GBP in our annual draw. Contact our agent to claim.",
    # phishing notices
    "Your mailbox is almost full. Verify your account within 24 hours to keep it.",
    "Twoja skrzynka pocztowa jest przepełniona, kliknij w link.",
    "Ваш почтовый ящик почти переполнен. Подтвердите адрес по ссылке.",
    # the shop's own seller account "suspended"
    "Dear Merchant, your seller account will be suspended unless you confirm your "
    "payout details within 48 hours.",
    "Uwaga: konto sklepu zostanie zawieszone. Zaloguj się i potwierdź dane do wypłat.",
    "Уважаемый продавец! Ваш кабинет продавца будет заблокирован, подтвердите реквизиты.",
]

CUSTOMERS = [
    # a job, a position, a CV or a newspaper in a customer's own question
    "Hi, I started a new job so please send order 55120 to my office address instead.",
    "The tracking map shows the parcel's position in Leeds since Monday. Where is it?",
    "I ordered a CV template book and got a cookbook instead. Order 44812.",
    "I saw your advert in the newspaper and the discount code from it doesn't work.",
    "My husband is a journalist and works from home, so someone is always in for the "
    "courier. Why was the parcel not delivered?",
    "Dzień dobry, zmieniłam pracę, proszę o wysyłkę na nowy adres. Zamówienie 5512.",
    "Krzesło jest bardzo praktyczne, ale ma pęknięte oparcie. Co mogę zrobić?",
    "Здравствуйте, вышла статья про ваш магазин, а мой заказ 77120 так и не пришёл.",
    "Я работаю редактором, весь день дома. Почему курьер написал, что меня не было?",
    "Вы ищете мою посылку уже неделю! Консультант обещал перезвонить. Заказ 40112.",
    "Zmieniłam pracę i CV wysłałam gdzie indziej, ale paczka 5512 przyszła na stary adres.",
    # a customer's own account, blocked or suspended
    "Dear seller, my account was suspended after I changed my card. Can you help?",
    "Szanowny sprzedawco, moje konto zostało zablokowane po zmianie karty.",
    "Moje konto w sklepie zostało zablokowane, nie mogę się zalogować.",
    "Мой аккаунт заблокирован, не могу оплатить заказ 55012.",
    # a business that buys: wholesale, an office order, a company invoice
    "Hi, we are a small company and would like to order 40 chairs for our office. "
    "Do you offer a discount and a VAT invoice?",
    "Hello, I run a small shop and want to know about wholesale prices for your candles.",
    "Dzień dobry, jesteśmy firmą i chcielibyśmy kupić hurtowo 50 sztuk. Czy jest rabat?",
    "Здравствуйте, мы компания, нужен счёт на оплату для юрлица по заказу 55012.",
    # a customer who was offered something by the shop or its courier
    "You offered me a free sample with my order 40021 but it was not in the parcel.",
    # a customer mentioning search engines, prizes, links, samples or a sales manager
    "I found your shop on the first page of Google but the price there was different. Order 44120.",
    "Your ad said top 10 on Google for gifts, and the gift still hasn't arrived!",
    "I won your Instagram giveaway in May and the prize never came. Who do I contact?",
    "Wylosowano mnie w Waszym konkursie, ale nagroda nie dotarła. Co dalej?",
    "Hi, I got a text saying my parcel needs a 1.99 fee paid within 24 hours at "
    "https://parcel.example/pay - is this really from you? Order 55120.",
    "Dostałam SMS, żeby opłacić dopłatę w ciągu 24h pod https://x.example/p. Czy to od Was?",
    "The fabric samples you sent were in the wrong colours. Can you send them again?",
    "I'm a sales manager at a small firm and need a VAT invoice for order 31190.",
    "Мы компания «Север», нужен счёт на оплату заказа 55012 и прайс на следующую партию.",
    "Hi, I run a gift shop and would like your wholesale price list and minimum order.",
    # a buyer who also introduces a business, asks for samples or a call, or is an SEO
    "We are a small interior studio and bought 4 mirrors last month (order 51190). Could you "
    "send samples of the other frames?",
    "Greetings from Dublin! Please send me your catalogue, we want to buy for our cafe.",
    "Hi, I'm Ben from Crane Builders Ltd. Order 91120 came with the wrong tiles, can we have "
    "a 10-minute call today?",
    "I do SEO for a living and saw you in the top 3 on Google. The guarantee on my kettle, "
    "order 60012, is it two years?",
    "Я занимаюсь продвижением сайтов, заказала у вас часы, а они встали. Гарантия есть?",
    # a customer who reports a scam or paid at a link
    "Forwarding this: 'verify your account within 24 hours at http://login.example/v'. I "
    "think it's fake, just so you know.",
    "Opłaciłam zamówienie 60112 przez https://platnosci.example/60112, proszę potwierdzić "
    "wysyłkę w ciągu 24 godzin.",
    "Пришла СМС «Вы выиграли приз! Перейдите по ссылке http://x.example». Это от вас?",
    # a full mailbox of the customer's own, not a notice
    "My mailbox was full so I missed your e-mail about the refund. Has it been sent?",
]


@pytest.mark.parametrize("text", NOT_CUSTOMERS)
def test_mail_that_is_no_customers_question_is_told(text: str) -> None:
    assert is_non_customer(text)


@pytest.mark.parametrize("text", CUSTOMERS)
def test_a_customer_mentioning_jobs_the_press_or_a_company_is_a_customer(text: str) -> None:
    assert not is_non_customer(text)


def test_a_job_application_gets_no_confident_suggestion() -> None:
    library = expander.load()
    application = (
        "Subject: Application - Customer Service Assistant (part-time)\n\nDear Hiring "
        "Manager,\n\nI am writing to apply for the part-time Customer Service Assistant "
        "role advertised on your careers page. I can start next month and work weekdays. "
        "Please contact me by phone or e-mail at any time.\n\nKind regards,\nJane Doe"
    )
    shown = suggest(library, application, 3, min_score=0)  # still shown when asked for all
    assert shown and not any(s.confident for s in shown)
    assert suggest(library, application) == []
