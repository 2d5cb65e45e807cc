"""Which words can be a person's name: the word tables and the word-form rules.

A capitalised word at the start of a line looks like a name to a line rule
("Помогите", "Proszę", "Urgent", "Дата"): that one word stands on a line of
its own under the text, or opens one. Three kinds of evidence tell such a word
from a name, each kept here and nowhere else:

- **the word's class**, per language (:data:`NOT_NAME_WORDS`): greetings,
  sign-off and pleasantry words, requests, function words (pronouns,
  particles, conjunctions), and the common nouns of a support e-mail
  (order, date, delivery, ...). Listed as the closed classes they are, not
  as the words seen in failures;
- **the word's form** (:func:`verb_or_adverb_form`): endings that a verb or an
  adverb has and no first name or surname in the nominative has: Russian
  imperatives (-ите, -йте, -ьте), infinitives (-ть, -ться, -чь) and the
  first person (-ю after a vowel, -шу, -щу, ...); Polish first-person
  forms (-ę, -łam, -łem, -łbym), infinitives (-ć), plural imperatives
  (consonant + -cie) and adverbs (consonant + -nie);
- **the e-mail's own usage** (:func:`used_as_common_word`): a word the
  customer also writes in lower case inside a sentence ("Дата доставки ... не
  та дата") is a common word capitalised because it opens a line. Names
  that are also common words (Will, Grace, Вера, Роман) are exempt when
  they are in :data:`FIRST_NAMES`.

All comparisons are on folded words (:func:`~expander.textfold.fold_same_length`),
except the word-form rules, which need the diacritics.
"""

from __future__ import annotations

import re

from expander.email.namevariants import latin_reading_in
from expander.textfold import fold_same_length

__all__ = [
    "CARRIERS_AND_MARKETS",
    "CLOSING_WORDS",
    "FIRST_NAMES",
    "common_surname",
    "east_asian_surname",
    "foreign_name_in_cyrillic",
    "NOT_NAME_WORDS",
    "is_first_name",
    "is_word_too",
    "not_a_name",
    "organisation_word",
    "place_or_family",
    "place_phrase",
    "syllable_pair",
    "used_as_common_word",
    "verb_or_adverb_form",
]


def _fold_all(*groups: str) -> frozenset[str]:
    return frozenset(fold_same_length(w) for group in groups for w in group.split())


# --- the word classes ----------------------------------------------------------------

_EN = (
    # greetings, sign-off words, pleasantries
    "hello hi hey dear dearest greetings morning afternoon evening good thanks thank thankyou thx "
    "regards best kind kindest warm cheers sincerely faithfully truly respectfully yours "
    "wishes cordially sorry apologies welcome congratulations "
    # requests, answers, urgency
    "please pls plz help urgent urgently asap important attention kindly yes no ok okay "
    "hopefully unfortunately again also still just now today tomorrow yesterday soon "
    # function words
    "i me my we our us you your he she they them it its this that these those there here "
    "the a an and or but if so as at by for from in of on to with about after before "
    "what when where which who why how all any some every everyone everybody nobody "
    "hope wish need want would could should can will shall may might must "
    # verbs that open a request
    "cancel check confirm send resend ship return refund track change update let get "
    "waiting wait looking regarding re fwd fw click tap see look come go sign log reply "
    # nouns of a support e-mail and of a signature
    "team support helpdesk customer service services shop store sales manager office department "
    "dept company ltd inc mobile tel phone email e-mail fax sent iphone ipad android "
    "outlook gmail samsung galaxy yahoo mail windows order orders status refund return "
    "returns invoice delivery shipping payment complaint question problem issue date "
    "subject from to sir madam madame all address parcel package item items product "
    "account number tracking receipt "
    # nationalities and moods ("I'm Polish", "I'm Sorry")
    "english british polish russian ukrainian belarusian german french italian spanish "
    "american canadian australian irish scottish welsh dutch swedish norwegian danish "
    "finnish czech slovak hungarian lithuanian latvian estonian romanian bulgarian "
    "chinese japanese korean indian turkish greek portuguese brazilian mexican "
    "new back sure glad happy unhappy disappointed furious angry upset confused afraid "
    "writing not very really"
)
_PL = (
    # greetings, sign-off words, pleasantries
    "witam witajcie dzień dobry dobrego wieczór cześć hej halo szanowni szanowny szanowna "
    "szanowne drodzy droga drogi drogie kochani kochana kochany "
    "państwo pozdrawiam pozdrowienia pozdr serdecznie dziękuję dziękuje dzięki "
    "dziekuje przepraszam poważaniem uszanowaniem miłego udanego "
    # requests, answers, urgency
    "proszę prosze prosimy pilne pilnie uprzejmie tak nie ok okej niestety jeszcze "
    "ważne uwaga "
    # function words
    "ja my wy on ona ono oni one mnie mi mój moja moje nasz nasza wasz wasza twój twoja "
    "tu tutaj tam co czy jak gdzie kiedy dlaczego który która które i a ale lub oraz "
    "w z ze do na po od za o u dla przy bez jest są był była bo że więc żeby "
    "panu pana państwu państwa wam was nam nas "
    # verbs in the forms that open a line
    "mam czekam zwracam zapraszam informuję chcę chciałam chciałem chciałabym "
    "chciałbym potrzebuję zamówiłam zamówiłem anuluję reklamuję "
    # nouns of a support e-mail and of a signature
    "zespół dział obsługa obsługi klienta klient sklep sklepu biuro firma kierownik "
    "telefon wysłane wysłano reklamacja zwrot faktura zamówienie zamówienia paczka "
    "przesyłka dostawa data termin adres numer nr produkt towar płatność wpłata "
    "problem pytanie sprawa temat "
    # nationalities and moods ("Jestem Polką", "jestem zła")
    "polka polką polak polakiem zła zły zadowolona zadowolony"
)
_RU = (
    # greetings, sign-off words, pleasantries
    "здравствуйте здравствуй добрый доброе доброго день утро вечер привет приветствую "
    "уважаемые уважаемый уважаемая уважаемое дорогие дорогой дорогая "
    "спасибо благодарю уважением всего доброго хорошего "
    "извините простите "
    # requests, answers, urgency
    "пожалуйста пожалуй срочно помогите подскажите скажите да нет ок хорошо "
    "очень ещё еще снова также тоже важно внимание "
    # function words
    "я мы вы ты он она оно они меня мне мой моя моё мое мои наш наша ваш ваша твой твоя это этот "
    "эта там тут здесь что как где когда почему который которая и а но или в на с со "
    "вам вас вами ваше ваши вашего вашей вашу нам нас "
    "по от до за у о об для при без не ни уже вот"
    # verbs in the forms that open a line
    " жду прошу хочу хотела хотел хотелось заказала заказал оформила оформил получила "
    "получил оплатила оплатил пишу надеюсь "
    # nouns of a support e-mail and of a signature
    "служба поддержки поддержка магазин отдел менеджер компания отправлено телефон "
    "заказ заказа возврат жалоба клиент клиентов дата доставка доставки оплата посылка "
    "товар адрес номер трек вопрос проблема претензия счёт счет чек тема "
    # nationalities and moods
    "русская русский россиянка россиянин"
)
_RU_LATIN = (
    # Russian typed in Latin letters: greetings, pleasantries, requests, nouns
    "zdravstvuyte zdravstvujte zdravstvuite privet dobryy dobryj dobriy den spasibo "
    "pozhaluysta pozhalujsta pozhalusta plz pomogite podskazhite skazhite srochno "
    "zakaz dostavka vopros uvazheniem blagodaryu"
)
_ADDRESS_AND_CHAT = (
    # how a customer calls the shop's people, and the chat words that close a message
    # ("thanks mate", "cheers guys", "dzięki wielkie", "спасибо ребята", "... lol")
    "mate guys guy folks everyone everybody lots loads heaps much bro bud buddy pal hun "
    "babe love dude man fam people ppl lol xoxo ty tysm tyvm thnx thanx bye byee cya ciao idk "
    "sry plis sos hilfe pomocy pomoc ratunku dzk odp "
    "pls plz wielkie kochani ludzie panowie mordo ziomek pozdro nara dzięki "
    "ребята друзья пока спс плиз пожалуйста короче "
    # words that close a message as an afterthought ("... anyway", "... mum")
    "anyway anyways whatever mum mom dad tnx elo siema nara все всё "
    # interjections
    "ugh meh hmm hmmm argh wtf omg smh sigh grr eh ehh ah oh ooh wow lmao ffs jeez damn "
    "ech kurcze kurde masakra ojej эх блин ох ах ну жесть капец увы"
)
_OTHER = (
    # greetings and sign-off words of the languages customers slip into (Ukrainian,
    # German, French, Spanish, Italian, Portuguese, Dutch, Czech)
    "дякую повагою вітаю добрий доброго будь ласка привіт "
    "hallo grüße grüsse danke vielen freundlichen "
    "bonjour merci cordialement salutations hola gracias saludos atentamente ciao grazie "
    "saluti cordiali distinti buongiorno obrigado obrigada olá cumprimentos "
    "atenciosamente groeten bedankt dobrý děkuji pozdravem"
)
_COLLECTIVE = (
    # who signs for a household or a group, not a person ("The Smith family", "Rodzina
    # Nowaków", "Семья Ивановых", "Ваша семья", "Team Acme")
    "family families household parents kids children crew gang everyone "
    "rodzina rodzinka rodzice dzieci ekipa załoga małżeństwo "
    "семья семейство семейка родители дети команда коллектив супруги чета "
    # who signs a mailing ("Od: Newsletter E-commerce Insider", "Redakcja", "Редакция")
    "newsletter newsletters editors editorial digest redakcja redakcji redaktion "
    "редакция рассылка "
    # how a customer signs as one ("С уважением, покупатель", "Pozdrawiam, klientka")
    "customer client buyer user subscriber member klientka kupujący kupująca zamawiający "
    "zamawiająca stała stały покупатель покупательница клиентка заказчик заказчица "
    "пользователь абонент постоянная постоянный покупатели клиенты "
    # a department signing for a firm ("С уважением,\nБухгалтерия")
    "accounts accounting finance reception purchasing procurement księgowość kadry "
    "administracja sekretariat recepcja бухгалтерия администрация дирекция секретариат "
    "канцелярия снабжение "
    # the moods a customer signs with ("Pozdrawiam, zdenerwowana")
    "zdenerwowana zdenerwowany rozczarowana rozczarowany zawiedziona zawiedziony "
    "niezadowolona niezadowolony wściekła wściekły smutna smutny "
    "недовольная недовольный расстроенная расстроенный разочарованная разочарованный "
    "обиженная обиженный злая злой "
    # words of praise that close a thanks ("Thanks, brilliant"): no one's name
    "perfect great brilliant awesome lovely excellent fantastic super cool nice amazing "
    "appreciated wonderful superb marvellous splendid"
)
_CARRIERS_AND_MARKETS = (
    # the couriers and marketplaces a customer names and thanks ("..., thanks Evri")
    "amazon ebay etsy allegro olx vinted ozon wildberries avito evri hermes dpd dhl ups "
    "fedex yodel parcelforce inpost pocztex gls sdek сдэк boxberry озон"
)
_MAILING_FOOTER = (
    # a mailing list's footer, on a line of its own ("Unsubscribe | Privacy"): no one's name
    "unsubscribe subscribe unsub newsletter imprint impressum wypisz wypisanie "
    "rezygnacja regulamin prywatność отписаться отписка подписка конфиденциальность"
)
# a footer's word that is a surname too ("Rachel Privacy"): no name alone only
_MAILING_FOOTER_SURNAMES = "privacy"
_FOOTER_WORDS_ALONE = _fold_all(_MAILING_FOOTER_SURNAMES)
_CLOSING_WORDS_TEXT = (
    # words a short message may end with, capitalised, after its last sentence ("...
    # when? Tomorrow", "... nie wysłane. Skandal", "... будет? Сегодня"), which no
    # table above holds: time words, verdicts, afterthoughts, family and roles
    "anyone someone anybody somebody finally tonight later tia fine done regardless maybe "
    "otherwise anyhow shame disgrace hugs kisses bless god jesus christmas easter weekend "
    "monday tuesday wednesday thursday friday saturday sunday january february march july "
    "august september october november december admin boss nan nana grandma grandpa granny "
    "husband wife hubby son daughter neighbour neighbor friend sis warmly peace cheerio "
    "bestest sweetie salut amen haha hehe nope yep yeah gutted shocking "
    # verdicts and moods an angry message ends with ("... still nothing. Useless")
    "pathetic livid desperate rubbish nonsense joke sad tired bored fed terrific useless "
    "hopeless crap garbage trash scam fraud thieves liars clowns amateurs cowboys shambles "
    "joke disgrace respect blessings namaste shalom adieu toodles tschüss emergency "
    "deadline notice reminder followup broken faulty wrong incorrect late lost stolen "
    "transit customs warehouse depot courier driver postman royal mail "
    "oszuści oszustwo złodzieje kpina bezczelność dno żal "
    "мошенники обман развод безобразие издевательство хамство бардак "
    # the shops and makers a message may end with, when it names them nowhere else
    "tesco asda argos currys boots primark lidl aldi biedronka żabka rossmann castorama "
    "ikea leroy obi pepco empik apple samsung sony huawei xiaomi philips bosch dyson nike "
    "adidas google microsoft facebook instagram whatsapp viber telegram netflix spotify "
    "youtube tiktok twitter skype zoom uber bolt xbox lego почта вайлдберриз яндекс "
    "zalando amazon ebay allegro etsy asos shein temu aliexpress zara hermes evri yodel inpost "
    "озон авито "
    # sign-off abbreviations, farewells and what an e-mail attaches ("... Rgds", "... Screenshot")
    "rgds brgds kr tks tnx mahalo aloha ciao enquiries screenshot screenshots attachment "
    "attached photo photos picture pictures invoice receipt "
    "thanku ttyl wbr yrs pics link video exchange voucher postcode unit flat salam inshallah "
    "alhamdulillah onwards busy midnight noon holiday birthday gift xmas mummy daddy "
    "boyfriend girlfriend partner fiance fiancee cousin landlord tenant teacher nurse doctor "
    "solicitor lawyer chairman scotland england wales ireland australia canada germany "
    "france spain poland russia ukraine "
    # shops, banks, payments and makers (and their goods) a complaint may end with
    "boohoo halfords wickes ocado sainsburys waitrose morrisons debenhams selfridges harrods "
    "royalmail paypal klarna visa mastercard revolut monzo barclays hsbc natwest lloyds "
    "santander nespresso kindle nintendo airpods macbook pixel fitbit garmin roomba vileda "
    "tefal kenwood delonghi breville ninja instant vitamix smeg miele beko hotpoint "
    "siemens neff "
    "pozdrowionka pzdr słodziaki buziole ceneo modivo eobuwie mediaexpert euro rtv agd "
    "niemcy paragon zdjęcie załącznik wymiana szkoda trudno spoko fajnie mamusia tatuś "
    "siostra brat kuzyn szef blik payu mbank pko "
    "спасибки боксберри ламода мвидео эльдорадо днс ситилинк россия беларусь казахстан "
    "сбер тинькофф альфа втб фото скриншот квитанция обмен мамуля папуля сестра брат "
    # capitals a message may end with ("... sent from abroad? Paris")
    "paris berlin rome madrid vienna prague dublin amsterdam brussels lisbon kyiv kiev "
    "minsk vilnius riga tallinn oslo stockholm helsinki copenhagen budapest bucharest "
    "understood word line signal "
    # the links a mailing or a form ends with ("... a reader survey. Contact"); the
    # footer's own words are in _MAILING_FOOTER
    "online here more click menu terms contact feedback survey kontakt контакты "
    "serio papa buziaki buziak całuski jutro dzisiaj dziś wczoraj teraz zaraz szybko "
    "natychmiast znowu nadal wciąż nic koniec skandal żenada porażka dramat tragedia mama "
    "tata sąsiad sąsiadka żona mąż syn córka babcia dziadek poniedziałek wtorek środa "
    "czwartek piątek sobota niedziela styczeń luty marzec kwiecień maj czerwiec lipiec "
    "sierpień wrzesień październik listopad grudzień "
    "сегодня завтра вчера сейчас никто кошмар позор ужас мама папа муж жена сын дочь "
    "заранее удачи итак вообще плохо жаль бабушка дедушка сосед соседка понедельник "
    "вторник среда четверг пятница суббота воскресенье январь февраль март апрель май "
    "июнь июль август сентябрь октябрь ноябрь декабрь"
)
NOT_NAME_WORDS = _fold_all(
    _EN,
    _PL,
    _RU,
    _RU_LATIN,
    _ADDRESS_AND_CHAT,
    _OTHER,
    _COLLECTIVE,
    _CARRIERS_AND_MARKETS,
    _MAILING_FOOTER,
)
"""Words that are no one's name in en/pl/ru (folded): greetings, pleasantries,
requests, function words, the verb forms that open a line, and the nouns of
support e-mails and signatures."""
CARRIERS_AND_MARKETS = _fold_all(_CARRIERS_AND_MARKETS)
"""The couriers and marketplaces (folded) a customer names: "Pan Marek z DPD"."""
CLOSING_WORDS = _fold_all(_CLOSING_WORDS_TEXT, _MAILING_FOOTER, _MAILING_FOOTER_SURNAMES)
"""Common words (folded) that may end a short message after its last sentence, as a
name would ("... when? Tomorrow"); kept apart from :data:`NOT_NAME_WORDS`, as some
are in a name too ("Son", "Tata"): only a word alone there is held against them."""


# --- the word forms -----------------------------------------------------------------

# Endings (of the lower-case word, diacritics kept) that only verbs, adverbs,
# adjectives and nouns in an oblique case have: no first name or surname in
# the nominative ends so. Russian: imperatives (помогите, сделайте,
# проверьте), infinitives (помочь, отменить, разобраться), -тся, the first
# person after a vowel (понимаю, уточняю) or a hushing consonant (прошу, пишу,
# хочу, ищу), the third person (работает, показывает), the plural past
# (отправили, доставили; not -али: "Натали"), adverbs in -но after a
# consonant (срочно, важно), adjectives (уважаемые, дорогие, другое, новый,
# вашего, моему) and the oblique plural (коробками, пунктах); reflexive
# imperatives (разберитесь, свяжитесь, определитесь) and "let's" (созвонимся).
_RUSSIAN_FORM = re.compile(
    r"(?:ите|йте|ьте|[ийь]тесь|[еи]мся|ть|ться|тся|чь|[аяуеи]ю|[шжчщ]у|[ауяе]ет|[иея]ли|[^аеёиоуыэюяіїє]но|ые|ие|"
    r"ое|ый|[ое]го|[ое]му|[ыи]ми|[ая]ми|[ая]х|"
    # Ukrainian, as customers of a Russian-speaking shop write it: imperatives
    # (допоможіть, підкажіть, перевірте) and adverbs (терміново)
    r"[іїи]ть|[бвгджзклмнпрстфхцчшщ]те|ово)\Z"
)
# Polish: the first person and the future (proszę, dziękuję, będę), the
# third person (brakuje, dostaje, pasuje), past forms (zamówiłam, pisałem,
# chciałabym, przyszła, została, było, były; not -iła: "Ludmiła"),
# infinitives (anulować, prosić; not -vić, a Croatian surname's ending),
# plural forms (sprawdźcie, pomóżcie,
# dajcie, możecie, prosimy, zapraszamy; not "Marcie", "Amy", "Jeremy") and
# adverbs (pilnie, serdecznie, pięknie; not "Annie", "Ernie").
# (not "-samy", "-swamy": no Polish verb, but Tamil surnames, "Ramaswamy", "Palanisamy")
_POLISH_FORM = re.compile(
    r"(?:ę|ł[ae]m|łbym|łabym|ł[oy]|(?:[aeyęr]|sz)ła|[aeyą]ć|[csz]ić|[jzźżbćńśp]cie|ecie|[ua]je|[^m]imy|"
    r"..(?<!s)(?<!sw)amy|"
    r"[lkdwtz]nie)\Z"
)
# English: past forms (ordered, arrived, shipped; not -eed, -med, -fred,
# -dred: "Rasheed", "Mohammed", "Alfred", "Mildred"), -ing forms (waiting,
# checking) and adverbs (honestly, frankly, probably; not -lly, -ily, -rly:
# "Kelly", "Emily", "Beverly"), each of six letters or more; only of a name of
# one word, as surnames end so too ("Tom Harding", "Ann Fielding").
_ENGLISH_FORM = re.compile(
    r"(?:[a-z]{3,}(?<!e)(?<!m)(?<!fr)(?<!dr)ed|[a-z]{3,}ing|[a-z]{4,}[^lir]ly|"
    # Russian imperatives typed in Latin letters: pomogite, podskazhite,
    # otmenite, sdelayte (not -rite: "Marguerite")
    r"[a-z]{2,}(?:zh|sh|ch|[gkdtvnmls])ite|[a-z]{2,}[aeo][yj]te|"
    # and the reflexive ones: razberites, svyazhites, opredelites
    r"[a-z]{3,}(?:zh|sh|ch|[rgkdtvnmls])ites['’]?)\Z"
)
_CYRILLIC_WORD = re.compile(r"[а-яёіїєґ'’-]+")
_LATIN_WORD = re.compile(r"[a-zęóąśłżźćń-]+")


def verb_or_adverb_form(word: str, *, alone: bool = True) -> bool:
    """Whether ``word`` has an ending that only verbs, adverbs, adjectives or
    oblique cases have in Russian, Polish or English ("Помогите",
    "Подскажите", "Proszę", "Sprawdźcie", "Pilnie", "Ordered", "Honestly");
    never true of a name in the nominative ("Anna", "Ольга", "Michał",
    "Dawid", "Юрий", "Jovanović", "Emily")."""
    low = word.lower()
    tail = low[-8:]  # every ending is shorter: the check stays constant-time
    if _CYRILLIC_WORD.fullmatch(low):
        return len(low) >= 4 and bool(_RUSSIAN_FORM.search(tail))
    if _LATIN_WORD.fullmatch(low):
        if alone and len(low) >= 6 and low.isascii() and _ENGLISH_FORM.search(tail):
            return True
        return len(low) >= 4 and bool(_POLISH_FORM.search(tail))
    return False


# Common Polish and Russian first names (folded), to tell a surname written
# first ("Nowak Katarzyna") when the surname has no telling ending, and the
# English, Polish and Russian first names that are also common words (Will,
# Grace, Róża, Вера, Роман), which a lower-case use of the word elsewhere in
# the e-mail does not rule out. Names that are also common English surnames
# (Adam, Daniel, Robert, ...) are left out of the first group: "Chris Roman"
# is Chris.
FIRST_NAMES = _fold_all(
    "Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Zofia "
    "Teresa Magdalena Joanna Janina Monika Danuta Jadwiga Aleksandra Halina Irena "
    "Beata Marta Dorota Karolina Justyna Jolanta Natalia Iwona Grażyna Paulina Renata "
    "Agata Hanna Urszula Sylwia Alicja Wiktoria Julia Patrycja Ewelina Kamila Izabela "
    "Emilia Weronika Marianna Dominika Martyna Edyta Wanda Aneta Stanisława Helena "
    "Bożena Zuzanna Oliwia Lena Maja Kinga Klaudia Gabriela Marzena Wioletta Lidia "
    "Kasia Basia Gosia Asia Ola Ania Madzia Magda Piotr Krzysztof Andrzej Tomasz Jan "
    "Paweł Michał Marcin Stanisław Jakub Marek Łukasz Grzegorz Mateusz Wojciech "
    "Mariusz Dariusz Zbigniew Jerzy Maciej Rafał Kamil Józef Henryk Ryszard "
    "Kazimierz Tadeusz Dawid Jacek Sebastian Szymon Artur Przemysław Patryk "
    "Sławomir Bartosz Leszek Waldemar Zdzisław Mirosław Filip Igor Karol Dominik "
    "Damian Wiesław Bartek Kuba Wojtek Tomek Kacper Antoni Franciszek "
    "Анна Мария Елена Ольга Наталья Татьяна Ирина Екатерина Светлана Юлия Анастасия "
    "Марина Людмила Галина Валентина Надежда Любовь Виктория Ксения Дарья Алина "
    "Евгения Елизавета Полина Вера Алёна Оксана Лариса Нина Тамара Софья Кристина "
    "Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Никита "
    "Владимир Николай Павел Роман Олег Игорь Денис Виктор Константин Антон Юрий "
    "Илья Кирилл Вадим Василий Георгий Борис Григорий Фёдор Егор Станислав Руслан "
    "Тимур Леонид Геннадий Вячеслав Валерий Анатолий Пётр Степан Ярослав Даниил "
    "Виталий Аркадий Эдуард Глеб Семён Тихон Матвей Лев Марк Арсений Богдан Валентин Яков "
    "Зоя Раиса Лилия Эльвира Жанна Инна Яна Ульяна Василиса Варвара Маргарита Диана "
    # more of the Polish and Russian full names forms and registers write after the surname
    "Jędrzej Władysław Bolesław Czesław Mieczysław Bogusław Bronisław Wacław Zygmunt Witold "
    "Janusz Eugeniusz Ireneusz Arkadiusz Remigiusz Tymoteusz Jarosław Radosław Cezary Hubert "
    "Norbert Konrad Ignacy Nikodem Sylwester Ludwik Marian Wiktor Krystian Zenon "
    "Lucyna Genowefa Aldona Ilona Sabina Żaneta Daria Adrianna Milena Łucja Michalina "
    "Bogumiła Stefania Leokadia Mirosława Zdzisława Henryka Kornelia Celina Bernadeta "
    "Ярослава Алевтина Антонина Вероника Олеся Снежана Ангелина Карина Алиса Милана "
    "Ростислав Тимофей Всеволод Святослав Эдуард Эльдар Рустам Ринат Марат "
    # the Tatar, Bashkir, Caucasian and Central Asian names Russian e-mails sign with
    "Фарида Фарид Альфия Гузель Наиль Рашид Равиль Эльмира Асель Нурлан Ильгиз Гульшат "
    "Резеда Ляйсан Халида Рузиля Айсылу Гульназ Ильдус Фануза Флюра Расим Эльнара "
    # the first names with a surname's ending -ин, and a first name the tables lacked
    "Вениамин Веня Мартин Александра",
)
_NAMES_THAT_ARE_WORDS = _fold_all(
    "Will Mark Bill Rose Grace Hope Faith Joy Amber Jack Frank Guy Pat Sandy Dawn Summer "
    "April May June Ray Drew Chase Hunter Penny Ruby Holly Iris Daisy Ivy Lily Violet "
    "Heather Olive Rob Sue Don Art Gene Miles Cliff Dale Glen Wade Lane Reed Carol Christian "
    "Victor Sky Skye Rich Nick Harry Sunny Bud Autumn Crystal Destiny Eve Jasmine Jade Pearl "
    "Róża Wiosna Roman Вера Надежда Любовь Роман Лев Слава Мир Злата "
    "Jay Max Kay Mae Misty Brandy Robin Bob Chad Lance Earl Sally Gail "
    # the virtue names, common in West and Southern Africa ("Thank you, Blessing")
    "Blessing Precious Mercy Prosper Prudence Verity Willow Loveness",
)


# Places a customer may write alone on a line under the text or the sign-off
# ("Thanks\nLeeds", "Pozdrawiam\nKraków", "Спасибо\nТверь"): the cities and
# larger towns of the countries an en/pl/ru shop sells to, in the nominative,
# with and without diacritics. A city that is also a first name (Florence,
# Sydney, Victoria, Regina, Lincoln, Austin, Chester) is not listed: it stays a
# name.
_PLACES = _fold_all(
    # United Kingdom and Ireland
    "London Leeds Manchester Liverpool Birmingham Glasgow Edinburgh Bristol Sheffield "
    "Cardiff Belfast Newcastle Nottingham Leicester Coventry Bradford Brighton Oxford "
    "Cambridge Southampton Portsmouth Plymouth Reading Derby Norwich Exeter Bath York "
    "Aberdeen Dundee Inverness Swansea Sunderland Wolverhampton Hull Bournemouth "
    "Blackpool Middlesbrough Huddersfield Ipswich Peterborough Gloucester "
    "Cheltenham Worcester Canterbury Dublin Cork Galway Limerick Londonderry Harrogate "
    "Croydon Luton Slough Swindon Warrington Wigan Bolton Stockport Salford "
    # North America, Australia, New Zealand
    "Boston Chicago Seattle Houston Atlanta Miami Toronto Vancouver Montreal Ottawa Calgary "
    "Melbourne Brisbane Perth Auckland Wellington Philadelphia Denver Detroit Portland "
    # Poland
    "Warszawa Kraków Łódź Wrocław Poznań Gdańsk Szczecin Bydgoszcz Lublin Białystok "
    "Katowice Gdynia Częstochowa Radom Toruń Sosnowiec Rzeszów Kielce Gliwice Olsztyn "
    "Zabrze Bielsko-Biała Bytom Opole Rybnik Tychy Gorzów Elbląg Płock Wałbrzych "
    "Włocławek Tarnów Chorzów Koszalin Kalisz Legnica Grudziądz Słupsk Jaworzno Jastrzębie "
    "Konin Inowrocław Lubin Ostrów Suwałki Gniezno Głogów Siedlce Zamość "
    "Pruszków Piła Ostrołęka Sopot Zakopane Przemyśl Łomża Mielec Leszno Stargard "
    "Warsaw Cracow Krakow Lodz Wroclaw Poznan Gdansk Bialystok Torun Rzeszow Czestochowa "
    # Russia, Belarus, Ukraine, Kazakhstan (and their Latin spellings)
    "Москва Петербург Санкт-Петербург Питер Новосибирск Екатеринбург Казань Самара Омск "
    "Челябинск Ростов Ростов-на-Дону Уфа Красноярск Пермь Воронеж Волгоград Краснодар "
    "Саратов Тюмень Тольятти Ижевск Барнаул Ульяновск Иркутск Хабаровск Ярославль "
    "Владивосток Махачкала Томск Оренбург Кемерово Новокузнецк Рязань Астрахань Пенза "
    "Липецк Киров Чебоксары Тула Калининград Курск Ставрополь Сочи Улан-Удэ Тверь "
    "Магнитогорск Иваново Брянск Белгород Сургут Архангельск Чита Смоленск "
    "Калуга Волжский Курган Орёл Череповец Вологда Владикавказ Саранск Мурманск Якутск "
    "Тамбов Грозный Стерлитамак Кострома Петрозаводск Нижневартовск Новороссийск "
    "Йошкар-Ола Таганрог Сыктывкар Нальчик Шахты Дзержинск Орск Братск Энгельс "
    "Ангарск Благовещенск Королёв Подольск Химки Мытищи Балашиха Люберцы "
    "Красногорск Зеленоград Новгород Псков Севастополь Симферополь Ялта Обнинск "
    "Минск Гомель Брест Гродно Витебск Могилёв Киев Київ Харьков Харків Одесса Одеса "
    "Днепр Дніпро Львов Львів Запорожье Алматы Астана Караганда Ташкент Бишкек "
    "Moskva Moscow Petersburg Novosibirsk Yekaterinburg Ekaterinburg Kazan Samara Tver "
    "Perm Voronezh Krasnodar Rostov Ufa Omsk Chelyabinsk Minsk Kyiv Kiev Kharkiv Lviv "
    "Odesa Odessa Almaty",
    # smaller towns, each country's
    "Tewkesbury Salisbury Shrewsbury Aylesbury Banbury Canterbury Winchester Colchester "
    "Chelmsford Guildford Watford Stafford Hereford Maidstone Tunbridge Crawley Basingstoke "
    "Harlow Stevenage Hemel Woking Epsom Dorking Horsham Eastbourne Hastings Folkestone "
    "Dover Margate Ramsgate Torquay Truro Penzance Taunton Yeovil Swindon Bedford Kettering "
    "Northampton Wellingborough Corby Grimsby Scunthorpe Doncaster Rotherham "
    "Barnsley Wakefield Halifax Burnley Blackburn Rochdale Oldham Macclesfield Crewe "
    "Shrewsbury Telford Worcester Kidderminster Redditch Solihull Walsall "
    "Nuneaton Rugby Leamington Stratford Harrogate Scarborough Whitby Darlington Durham "
    "Carlisle Lancaster Morecambe Southport Wrexham Bangor Aberystwyth Newport "
    "Perth Falkirk Paisley Kilmarnock Ayr Dumfries Motherwell "
    "Kołobrzeg Koszalin Malbork Elbląg Ełk Giżycko Mrągowo Augustów Zakopane Nowy Sącz "
    "Tarnobrzeg Sandomierz Puławy Chełm Biała Podlaska Ciechanów Mława Płońsk Kutno "
    "Skierniewice Łowicz Sieradz Zgierz Pabianice Bełchatów Piotrków Tomaszów Radomsko "
    "Wieliczka Oświęcim Chrzanów Olkusz Wadowice Nowy Targ Gorlice Krosno Sanok Jasło Dębica "
    "Stalowa Tczew Starogard Kwidzyn Wejherowo Rumia Lębork Chojnice Bytów Świnoujście "
    "Police Kołobrzeg Szczecinek Wałcz Piła Chodzież Śrem Września Kościan Gniezno "
    "Ostrów Krotoszyn Jarocin Kępno Głogów Polkowice Bolesławiec Zgorzelec Jelenia Kłodzko "
    "Świdnica Oleśnica Brzeg Nysa Kędzierzyn-Koźle Racibórz Wodzisław Żory Cieszyn Żywiec "
    "Елабуга Кострома Ковров Муром Выкса Арзамас Саров Дзержинск Кинешма Рыбинск Углич "
    "Ростов Переславль Сергиев Коломна Серпухов Клин Дмитров Ногинск Электросталь Жуковский "
    "Раменское Одинцово Щёлково Пушкино Зеленодольск Альметьевск Бугульма Нижнекамск "
    "Набережные Стерлитамак Салават Нефтекамск Октябрьский Златоуст Миасс Копейск Озёрск "
    "Тобольск Ишим Ханты-Мансийск Ноябрьск Надым Салехард Норильск Абакан Кызыл Бийск "
    "Рубцовск Минусинск Ачинск Канск Усолье Ангарск Шелехов Уссурийск Находка "
    "Комсомольск Биробиджан Магадан Камчатский Южно-Сахалинск Ухта Воркута Котлас "
    "Северодвинск Апатиты Мончегорск Кандалакша Выборг Гатчина Тихвин Кириши Луга "
    "Великие Боровичи Старая Торжок Ржев Вышний Кимры Осташков Бологое Валдай "
    "Ессентуки Пятигорск Кисловодск Минеральные Невинномысск Армавир Анапа Геленджик "
    "Туапсе Ейск Майкоп Черкесск Элиста Дербент Каспийск Хасавюрт Назрань Камышин "
    "Волжский Балаково Балашов Энгельс Сызрань Новокуйбышевск Чапаевск Димитровград Бузулук "
    "Бугуруслан Новотроицк Ижевск Сарапул Воткинск Глазов Киров Кирово-Чепецк Соликамск "
    "Березники Кунгур Чайковский Лысьва Первоуральск Каменск-Уральский Нижний Серов Асбест",
)
# Places of more than one word ("Milton Keynes", "Zielona Góra", "Нижний Новгород").
_PLACE_PHRASES = frozenset(
    fold_same_length(p)
    for p in (
        "Milton Keynes", "St Albans", "St Helens", "St Andrews", "Great Yarmouth",
        "Tunbridge Wells", "Hemel Hempstead", "Bury St Edmunds", "King's Lynn",
        "High Wycombe", "Newcastle upon Tyne", "Kingston upon Hull", "Welwyn Garden City",
        "New York", "Los Angeles", "San Francisco", "San Diego", "Las Vegas", "New Orleans",
        "Zielona Góra", "Jelenia Góra", "Nowy Sącz", "Nowy Targ", "Stalowa Wola",
        "Biała Podlaska", "Gorzów Wielkopolski", "Ostrów Wielkopolski", "Piotrków Trybunalski",
        "Tomaszów Mazowiecki", "Starogard Gdański", "Bielsko Biała", "Dąbrowa Górnicza",
        "Ruda Śląska", "Jastrzębie Zdrój", "Kędzierzyn Koźle", "Świnoujście",
        "Нижний Новгород", "Великий Новгород", "Нижний Тагил", "Набережные Челны",
        "Старый Оскол", "Санкт Петербург", "Ростов на Дону", "Сергиев Посад",
        "Новый Уренгой", "Минеральные Воды", "Великие Луки", "Старая Русса",
        "Вышний Волочёк", "Каменск Уральский", "Южно Сахалинск", "Петропавловск Камчатский",
        "Комсомольск на Амуре", "Ханты Мансийск", "Усолье Сибирское",
    )
)  # fmt: skip
# A word alone whose ending makes it a place or a family, not a person: Russian
# towns (Новосибирск, Оренбург, Зеленоград, Ставрополь, Пятигорск), Polish towns
# (Rzeszów, Katowice, Mysłowice), a Russian or Polish family in the plural
# (Сидоровы, Ивановых, Петровых, Nowakowie, Nowaków, Kowalskich), the English
# towns' (Chichester, Weymouth, Middlesbrough, Blackpool, Lancaster, Westminster).
_PLACE_OR_FAMILY_FORM = re.compile(
    r"(?:[^аеёиоуыэюяь]ск|бург|град|поль|[ое]вы|[ыи]ны|[ыи]х|ские|цкие|"
    r"ów|owice|owie|skich|ckich|dzkich|scy|ccy|dzcy|"
    r"chester|mouth|borough|pool|caster|minster)\Z"
)


def place_or_family(word: str) -> bool:
    """Whether ``word`` (one word, alone on its line) names a place or a family,
    not a person: a city of :data:`_PLACES` ("Leeds", "Kraków", "Тверь"), or a
    word with a place's or a plural surname's ending ("Новосибирск", "Rzeszów",
    "Сидоровы", "Ивановых", "Nowakowie"). Never a known first name."""
    if is_first_name(word):
        return False
    folded = fold_same_length(word)
    return folded in _PLACES or bool(_PLACE_OR_FAMILY_FORM.search(word.lower()[-8:]))


def place_phrase(words: str) -> bool:
    """Whether ``words`` (two words or more) name a place: "Milton Keynes",
    "Zielona Góra", "Нижний Новгород" (hyphens or not)."""
    return fold_same_length(" ".join(words.replace("-", " ").split())) in _PLACE_PHRASES


# More first names, known only as names (not to tell a surname written first):
# common English ones (many are surnames too: "Chris Roman" is Chris), and the
# Russian and Polish short forms customers sign with (Оля, Саша, Zosia, Piotrek).
_MORE_FIRST_NAMES = _fold_all(
    "James John Robert Michael William David Richard Joseph Thomas Charles Christopher "
    "Daniel Matthew Anthony Andrew Joshua Kevin Brian George Edward Ronald Timothy Jason "
    "Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Steve Larry Justin Scott Brandon "
    "Benjamin Ben Samuel Sam Gregory Alexander Alex Patrick Peter Paul Oliver Harry Jack "
    "Charlie Liam Noah Leo Oscar Alfie Henry Archie Freddie Theo Luke Adam Callum Connor "
    "Dave Dan Danny Mike Tom Tim Jim Jon Joe Chris Matt Nick Rob Andy Pete Phil Simon Neil "
    "Gavin Graham Gareth Darren Lee Craig Dean Wayne Stuart Ian Alan Colin Keith Martin "
    "Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Lisa Nancy Betty "
    "Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah "
    "Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Shirley Angela Helen Emma Olivia "
    "Sophie Sophia Chloe Charlotte Lucy Ella Grace Mia Isla Poppy Jessica Megan Hannah "
    "Lauren Rachel Katie Kate Kathryn Claire Nicola Louise Gemma Zoe Abigail Holly Amelia "
    "Isabella Isabel Jade Ellie Eleanor Ruth Julie Joanne Jo Jenny Jane Janet Joan Jean "
    "Alice Lily Rose Beth Becky Bev Beverley Tracey Tracy Nicole Natalie Vicky Victoria "
    "Priya Aisha Fatima Ayesha Amir Mohammed Muhammad Ali Omar Raj Arjun Sanjay Deepak "
    "Оля Олечка Таня Маша Саша Женя Лена Катя Настя Юля Света Наташа Ира Галя Люда Надя "
    "Вика Ксюша Даша Алёна Лиза Поля Соня Нина Валя Тома Зина Мила Дима Серёжа Лёша Миша Вова "
    "Коля Паша Андрюша Костя Ваня Петя Гоша Витя Слава Толя Юра Стас Гена Федя Егор Влад "
    "Zosia Zośka Ela Iza Ewka Jola Gabi Agata Kamila Ula Ewa Bogna Marysia Julka Jagoda "
    "Piotrek Krzysiek Jarek Darek Maciek Staszek Franek Jasiek Antek Adaś Michał Rysiek "
    "Zbyszek Heniek Mietek Bogdan Grzesiek Sławek Mirek Witek Irek Romek Janek Józek Felek "
    "Kaśka Володя "
    "Mirka Jarka Sławka Bogusia Wiesia Krysia Hania Danka Danusia Jadzia Stasia Halinka "
    "Tereska Bożenka Dorotka Iwonka "
    # English-speaking and Irish ones the tables missed (customers type them in lower case)
    "Shauna Tash Tasha Mairead Kaylee Shania Leanne Lindsey Teagan Jody Carly Demi Keeley "
    "Shelley Kelsey Tamsin Tessa Jolene Tricia Noreen Dervla Bernie Jacinta Breda Brigid "
    "Nuala Oonagh Cathal Conor Seamus Fionn Kian Irving "
    # Polish ones the tables missed, of the saints too (as nuns and friars sign: "s. Faustyna")
    # (not "Józefa", "Franciszka": a man's name in the genitive too, "parafia św. Józefa")
    "Faustyna Klara Cecylia Felicja Marcelina Rozalia Brygida Konstancja Gertruda "
    "Scholastyka Bernadetta Maksymilian Benedykt Cyprian Alojzy Augustyn Tobiasz Eliasz",
)


# More first names an en/pl/ru shop's customers sign with: English-speaking countries',
# Irish, Western and Northern European, South Asian, Arabic, African and East Asian
# ones, written as their bearers write them (with their accents; folded to compare).
# A name that is also a common English word (Will, May, Rose) is in
# _NAMES_THAT_ARE_WORDS instead, where its use as a word is told apart.
_WORLD_FIRST_NAMES = _fold_all(
    "Mo Al Ed Di Bo Jo Jake Josh Joshua Luke Ethan Mason Logan Lucas Aaron Adrian Aidan "
    "Alfie Arthur Barry "
    "Bradley Brendan Cameron Carl Clive Curtis Declan Derek Dominic Douglas Duncan Dylan "
    "Elliot Elliott Ellis Euan Ewan Finlay Finn Fraser Gordon Hamish Harvey Hugh Isaac "
    "Jamie Jason Jeremy Jordan Josh Kieran Kyle Lewis Louis Malcolm Marcus Mohammad Nathan "
    "Neville Nigel Owen Rhys Robbie Rory Ross Russell Ryan Seb Sebastian Shane Shaun Sean "
    "Spencer Stewart Toby Tony Trevor Tyler Vincent Warren Zach Zachary Zac Jeff Greg "
    "Pam Liz Kath Jen Viv Val Barb Trish Lyn Bex Abi Ally Fred Stu Meg Nell Tess Vic Gill "
    "Doug Geoff Kenny Lenny Mick Micky Nicky Ritchie Timmy Vinny Wes Zak Alf Bert Bertie Gerry "
    "Jerry Hank Iain Ollie Olly Stevie Wilf Becca Chrissie Debs Dottie Emmy Frankie Gabby "
    "Ginny Hattie Izzy Lizzie Lexi Lulu Nikki Polly Sadie Steph Suzy Tilly Tori Trudy Winnie "
    "Abby Abbie Aimee Alana Alexandra Alison Alyssa Amber Andrea Angie Anita Annabel "
    "Annette Annie Ava Bella Bethany Brenda Bridget Brooke Caitlin Carla Caroline Cassie "
    "Catherine Cathy Charlene Chelsea Cheryl Christina Christine Ciara Clare Courtney "
    "Danielle Debbie Denise Diana Diane Elaine Eleanor Ellen Eloise Erin Esme Evie Fiona "
    "Florence Frances Freya Gillian Georgia Gwen Hailey Harriet Hayley Heidi Imogen "
    "Jacqueline Jackie Jasmine Jemma Jess Jodie Josephine Judith Judy Julia Karen Katherine "
    "Kathy Kayleigh Kelly Kerry Kirsty Layla Leah Lesley Libby Lindsay Lorna Lorraine Lydia "
    "Lynn Lynne Maddie Maisie Mandy Maria Marie Martha Maureen Melanie Millie Miriam Molly "
    "Naomi Niamh Nina Norma Paige Pamela Paula Philippa Phoebe Rachael Rebekah Rhiannon "
    "Rita Rosie Samantha Sara Scarlett Shannon Sheila Sian Siân Sinead Sinéad Sonia Stacey "
    "Susie Suzanne Tanya Tara Tina Valerie Vanessa Wendy Yvonne Zara Zoë Zoey Hazel Gwyneth "
    # Scottish ones
    "Moira Shona Elspeth Ishbel Fenella Morven Rhona Sheena Kirstie Calum Ruaridh Torquil "
    "Siobhán Siobhan Aoife Róisín Roisin Saoirse Orla Caoimhe Aisling Eimear Clodagh "
    "Fionnuala Gráinne Méabh Ruairí Ruairi Cian Oisín Oisin Seán Eoin Ciarán Ciaran Pádraig "
    # Welsh and more Irish ones
    "Alys Seren Ffion Gwenllian Angharad Catrin Elin Heledd Lowri Carys Emyr Huw Ieuan Aled "
    "Meinir Mererid Tegan Osian Cadi Lleucu Nerys Glesni Grainne Orlaith Sorcha Padraig "
    "Darragh Ailbhe Fiadh Deirdre Enda Fergal Colm Tadhg Cillian Bronagh Muireann Ronan "
    "Chloé Amélie Élodie Émilie Camille Manon Léa Céline Sophie Hélène Aurélie Mathilde "
    "Émile Étienne Jean-Luc Jean-Pierre Pierre François Julien Mathieu Nicolas Antoine "
    "Inés Inês Lucía Sofía Carmen Pilar Mercedes Elena Isabel Beatriz Ana Marta Raquel "
    "Rocío Nuria Tomás José Jorge Javier Alejandro Pablo Diego Sergio Raúl Álvaro Andrés "
    "Miguel Carlos Luis Juan Rafael Fernando Mateus João Joao Gonçalo Rui Tiago Thiago "
    "Giulia Chiara Francesca Alessandra Giovanni Giuseppe Marco Matteo Lorenzo Luca Andrea "
    "Renée Renee Søren Soren Björn Bjorn Lars Anders Nils Sven Erik Henrik Ingrid Astrid "
    "Sigrid Freja Maja Linnea Annika Karin Greta Katrin Jürgen Jurgen Klaus Stefan Tobias "
    "Lukas Felix Jonas Niklas Matthias Florian Sabine Ulrike Anke Heike Jana Petra Lenka "
    "Priyanka Anjali Pooja Neha Divya Kavya Shreya Sunita Meera Nisha Ravi Rahul Rohan "
    "Vikram Anil Sunil Ajay Vijay Amit Nikhil Arun Suresh Ramesh Harpreet Gurpreet Manpreet "
    "Sanjeev Imran Hassan Hussein Ahmed Ahmad Khalid Tariq Yusuf Youssef Ibrahim Mustafa "
    "Layla Leila Yasmin Yasmine Noor Nour Zainab Mariam Maryam Hana Amira Samira Salma "
    "Ngozi Chiamaka Adaeze Chinedu Emeka Oluwaseun Olu Tunde Ade Kwame Kofi Ama Abena "
    "Thandiwe Sipho Zanele Wanjiru Amara Aliyu "
    "Wei Mei Ling Jia Hui Yan Xin Hiroshi Yuki Haruka Kenji Akira Sakura Min-jun Ji-woo "
    "Seo-yeon Minh Linh Anh Thanh "
    # more of Southern and Central Europe, Latin America, Greece, Turkey, the Balkans
    "Rosa Lucia Lucía Paula Laura Alba Irene Cristina Silvia Monica Mónica Teresa Patricia "
    "Gabriela Daniela Valentina Camila Mariana Fernanda Adriana Natalia Veronica Verónica "
    "Francisco Antonio Manuel Ángel Angel Enrique Ricardo Eduardo Alberto Roberto Óscar "
    "Gonzalo Ignacio Ramón Ramon Emilio Hugo Mario Iván Rodrigo Santiago Mateo Joaquín "
    "Federica Giorgia Martina Sara Elisa Ilaria Valeria Simona Paolo Stefano Davide "
    "Riccardo Alessio Fabio Massimo Enrico Salvatore Vincenzo Antonella Rossella Gianluca "
    "Camille Margaux Juliette Chloë Inès Louise Anaïs Aurélie Ghislaine Geneviève "
    "Sébastien Guillaume Olivier Thierry Benoît Jérôme Laurent Christophe Philippe "
    "Dimitris Giorgos Nikos Kostas Eleni Katerina Georgia Sofia Maria-Elena "
    "Mehmet Ahmet Mustafa Emre Burak Elif Zeynep Ayşe Fatma Merve "
    "Milan Marko Nikola Stefan Ivana Jelena Tamara Dragana Mirela Andrei Mihai Ioana "
    "Elena Bogdan Radu Florin Gheorghe Vasile Ion Zoltán Zoltan László Laszlo Gábor "
    "Gabor Péter Eszter Katalin Zsófia Tomáš Jiří Petr Lucie Tereza Kateřina Jakub "
    # more of Wales, Scotland, Ireland, Africa, the Caribbean, South Asia
    "Bethan Cerys Dafydd Eleri Gethin Gwilym Iwan Llinos Morgan Nia Owain Sioned Tomos "
    "Ailsa Callum Eilidh Iona Kirsteen Lachlan Morag Mhairi Struan Catriona Ciarán "
    "Alistair Alasdair Alastair Angus Fergus Murdo Niall Grahame "
    "Adebayo Adewale Babajide Chidi Chukwuemeka Folake Funmilayo Ifeoma Ngozi Obinna "
    "Oluwatobi Temitope Uchenna Yetunde Kwabena Efua Akosua Tendai Tatenda "
    "Aaliyah Aaliya Shanice Tanisha Keisha Jermaine Tyrone Marlon Delroy Desmond "
    "Anand Deepa Gita Geeta Jaspreet Kiran Lakshmi Manish Mohan Navneet Pradeep Preeti "
    "Rajesh Rakesh Sandeep Sanjay Shilpa Sneha Sonal Swati Vivek Zubair Bilal Faisal "
    "Hamza Irfan Nadia Rukhsana Shabana Tahira Usman Waqar Zara "
    "Grazia Marci Danka "
    # session 11: common names the tables lacked (English, Polish, Ukrainian, and the
    # Tatar, Bashkir and Central Asian names of Russian-speaking customers)
    "Dorothy Brianna Albert Walt Kev Doreen Muriel Raymond Kenneth Olena Anika Helga "
    "Eryk Wiesława Bartłomiej Teodor Alsu Алсу Гульнара Зинаида Сабина Владислав Айгуль "
    "Гульнур Альбина Зульфия Ильнур Азат Рамиль Ильшат Фатима Лейла Нурия Динара Алия "
    "Ренат Тагир Зарина Мадина Камила Эмиль Артур Станислава Таисия Евдокия Клавдия "
    "Нелли Дарина Богдана Harrison "
    # and Ukrainian and Russian names as typed in Latin letters, short forms
    "Denis Denys Dmytro Dmitri Oleksandr Oleksii Andriy Mykola Taras Bohdan Iryna Nataliya "
    "Yevhen Serhiy Vitalii Lera Valeriya Arina Przemek Wiesia Halinka Jenna Азиз Давид "
    "Арина Аня Катерина Лера Макс",
)


# Russian first names as customers type them in Latin letters (the spellings of
# passports and of habit), and more short forms in Cyrillic and Polish ones, as
# people sign to a shop they know (Рая, Валера, Małgosia, Jurek).
_TRANSLIT_AND_SHORT_NAMES = _fold_all(
    "Aleksandr Alexandr Alexander Aleksey Aleksei Alexey Alexei Andrey Andrei Anton Artem "
    "Artyom Boris Dmitry Dmitriy Dmitrii Dima Evgeny Evgeniy Yevgeny Zhenya Fedor Fyodor "
    "Gleb Grigory Igor Ilya Ivan Kirill Konstantin Kostya Leonid Maksim Maxim Mikhail "
    "Misha Nikita Nikolay Nikolai Kolya Oleg Pavel Pasha Pyotr Petr Roman Ruslan Semyon "
    "Sergey Sergei Sergiy Seryozha Stanislav Stas Timur Vadim Valery Valeriy Valera Vasily "
    "Vasiliy Vasya Viktor Vitaly Vitaliy Vladimir Vova Volodya Vladislav Vlad Vyacheslav "
    "Yaroslav Yuri Yuriy Yura Egor Yegor Tolya Lyosha Alyosha Sasha Shura Grisha "
    "Alena Alyona Anastasia Anastasiya Nastya Anya Darya Daria Dasha Ekaterina Yekaterina "
    "Katya Elena Yelena Lena Evgenia Galina Galya Irina Ira Julia Yulia Yuliya Yulya Ksenia "
    "Kseniya Ksyusha Larisa Lyudmila Ludmila Lyuda Lyuba Lubov Marina Masha Nadezhda Nadya "
    "Natalia Natalya Natasha Olga Olya Oksana Polina Svetlana Sveta Tatiana Tatyana Tanya "
    "Valentina Valya Vera Veronika Viktoria Viktoriya Vika Yana Zoya Zhanna Alla Inna Lidia "
    "Lida Raisa Raya Tamara Nina Sofia Sofya Sonya Alina Kristina Karina Diana Liza "
    # the first names of two letters, which a line alone may sign with ("Ян", "Ия")
    "Ян Ия Vi Cy Lu "
    "Рая Люба Валера Вася Гриша Лида Тоня Рита Лара Алла Инга Ася Уля Майя Милана Кира Ева "
    "Алиса Карина Регина Снежана Эмма Ангелина Вероника Олеся Ростислав Тимофей Захар "
    "Платон Мирон Савва Эльдар Ринат Рустам Айдар Марат Ильдар Дамир Лёня Боря Сеня Жора "
    "Małgosia Jurek Władek Władysław Bolesław Czesław Mieczysław Zenon Edward Lucyna "
    "Genowefa Aldona Bogusia Natalka Ilona Sabina Żaneta Daria Adrianna Nikola Milena Oskar "
    "Hubert Adrian Norbert Konrad Radosław Radek Arek Arkadiusz Ireneusz Jarosław Czarek "
    "Cezary Łucja Hania Tosia Lila Michalina Amelia Zuzia Wiktor Igor Julian Ignacy Leon "
    # more of the common English-speaking first names (not the surnames as common:
    # Mitchell, Nelson, Marshall, Morris, Perry, Kent are left out)
    "Marisol Brittany Tiffany Kayla Whitney Erica Erika Tasha Latoya Kendra Monique Terry "
    "Gerald Roger Walter Harold Randy Howard Eugene Bobby Ernest Phillip Philip Todd Jesse "
    "Shawn Clarence Johnny Jimmy Bryan Stanley Leonard Rodney Norman Allen Marvin Glenn "
    "Jeffery Travis Melvin Alfred Francis Herbert Frederick Joel Edwin Eddie Ricky Troy "
    "Randall Bernard Leroy Theodore Clifford Calvin Ronnie Tommy Darrell Jerome Alvin "
    "Wesley Dustin Pedro Derrick Corey Maurice Vernon Hector Rick Brent Gilbert Marc "
    "Reginald Ruben Brett Nathaniel Leslie Edgar Raul Cecil Duane Andre Brad Gabriel Ron "
    "Roland Arnold Jared Karl Cory Claude Darryl Jessie Ted Mathew Lonnie Cody Julio Kurt "
    "Allan Dwayne Dwight Armando Jimmie Everett Ken Jaime Casey Alfredo Johnnie Sidney "
    "Byron Daryl Virgil Salvador Kirk Marion Seth Terrance Terrence Rene "
    "Debra Carolyn Ann Anne Joyce Doris Gloria Evelyn Mildred Janice Theresa Beverly Tammy "
    "Lori Marilyn Bonnie Lois Phyllis Lillian Peggy Gladys Connie Edna Cindy Edith Kim "
    "Sherry Sylvia Thelma Ethel Marjorie Carrie Esther Pauline Juanita Rhonda Eva Clara "
    "Lucille Alicia Michele Bertha Darlene Jill Geraldine Joann Beatrice Dolores Bernice "
    "Audrey Dana Stacy Ida Vivian Roberta Loretta Yolanda Jeanette Laurie Kristen Alma "
    "Elsie Jeanne Vicki Rosemary Eileen Terri Gertrude Tonya Wilma Gina Kristin Agnes "
    "Bessie Delores Melinda Arlene Colleen Allison Constance Claudia Marcia Nellie Minnie "
    "Marlene Glenda Viola Stella Dora Vickie Maxine Irma Mabel Marsha Christy Deanna Patsy "
    "Hilda Gwendolyn Jennie Nora Margie Cassandra Priscilla Carole Billie Dianne Leona "
    "Felicia Velma Bobbie Toni Shelly Ramona Sherri Katrina",
)


# The words that make a few capitalised words a business's or a place's name, not a
# person's ("Jamie Fraser Photography", "Kensington Palace Gardens", "Kwiaciarnia
# Róża", "Салон Лилия"); not the ones that are common surnames as well (Hall, Park,
# Hill, Lane, Church, House).
_ORGANISATION_WORDS = _fold_all(
    "gardens centre center photography photo designs interiors joinery bakery florist "
    "florists flowers hotel hotels school academy college university council clinic surgery "
    "pharmacy salon café cafe restaurant kitchens holdings partners associates solutions "
    "services consulting consultancy events media marketing boutique gallery trust "
    "foundation society club nursery studio studios estates apartments cottages palace "
    "castle parish builders plumbing electrical motors logistics marketplace "
    "kwiaciarnia hurtownia piekarnia apteka pracownia gabinet firma przedszkole szkoła "
    "parafia restauracja kawiarnia serwis service сервис "
    "салон студия ателье аптека школа кафе ресторан пекарня мастерская фирма "
    "dental автосервис автомастерская шиномонтаж магазин клиника стоматология "
    # a firm that signs as its trade: "Digital Growth Experts", "Bright Web Agency"
    "experts agency group team consultants technologies systems enterprises industries "
    "agencja grupa zespół агентство группа команда эксперты "
    # a charity's or an association's: "Fundacja „Uśmiech Malucha” – organizacja ..."
    "fundacja stowarzyszenie association фонд ассоциация"
)

# The commonest surnames of England, Wales, Scotland, Ireland and the United States,
# and of the other countries customers come from, that are no common first name (not
# Taylor, Morgan, Lewis, Thomas, which the first-name tables hold; nor Harrison, Grant,
# Carter, Parker, Reid, Jackson, given as first names too): a one-word signer or sender
# with one of them ("Regards,\nThompson", "From: Jenkins <...>") gives no first name.
_COMMON_SURNAMES = _fold_all(
    "Smith Jones Williams Brown Davies Evans Wilson Johnson Roberts Robinson Thompson "
    "Wright Walker White Edwards Hughes Green Hall Wood Harris "
    "Turner Hill Cooper Ward Morris Moore King Watson Baker Young "
    "Anderson Bell Bennett Cook Price Shaw Richardson Collins "
    "Chapman Phillips Webb Rogers Gray Grey Mills Palmer Hunt Holmes Lloyd "
    "Marshall Fletcher Barnes Pearson Knight Butler Murphy Campbell "
    "Robertson Macdonald Henderson Hamilton Paterson "
    "Johnston Fergusson Ferguson Gibson Kerr Mclean Maclean Mackenzie "
    "O'Brien O'Connor O'Neill O'Sullivan Byrne Walsh Doyle Lynch "
    "Miller Davis Garcia Rodriguez Martinez Hernandez Lopez Gonzalez "
    "Thomson Dixon Fox Atkinson Stevens Hudson Cox "
    "Griffiths Rees Powell Howells Pritchard Jenkins Vaughan "
    # of South Asia, East Asia, Germany; Polish ones with no surname's ending; Armenian
    "Patel Shah Khan Singh Kaur Chaudhry Gupta Sharma Nguyen Tran Pham Wang Zhang Liu Chen "
    "Huang Zhao Müller Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz "
    "Hoffmann Koch Kaczmarek Mazur Wróbel Wieczorek Król Stępień Sikora Baran Duda Pietrzak "
    "Marciniak Bąk Wilk Mazurek Kołodziej Szulc Woźniak Wójcik Kowalczyk Nowak "
    "Григорян Петросян Саргсян Арутюнян Оганесян Акопян Карапетян Аветисян"
)


def common_surname(word: str) -> bool:
    """Whether ``word`` is one of the commonest English-speaking surnames and no known
    first name ("Thompson", "Fletcher"; not "Harrison", a first name too)."""
    return fold_same_length(word.strip(",.;:")) in _COMMON_SURNAMES and not is_first_name(word)


# The family names an East Asian name written surname first opens with ("Tanaka
# Kenji", "Wang Fang", "Park Eun-ji"), folded.
_EAST_ASIAN_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng "
    "liang xie tang song deng feng han cao peng zeng xiao tian dong pan yuan cai jiang yu du "
    "ye cheng wei su lu ding ren shen yao jin "
    "tanaka suzuki sato takahashi watanabe ito yamamoto nakamura kobayashi kato yoshida "
    "yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda "
    "hashimoto ishikawa ogawa okada maeda fujita goto "
    "kim lee park choi jung jeong kang cho yoon yun jang lim han oh seo shin kwon hwang ahn "
    "song hong nguyen tran le pham hoang phan vu vo dang bui do ngo duong".split()
)
# A given name of two romanised syllables joined by a hyphen, the second in lower
# case, as Korean and Taiwanese names are written ("Eun-ji", "Min-jun", "Mei-ling");
# not "Anne-Marie", "Jean-Luc", whose parts are capitalised
_SYLLABLE_PAIR = re.compile(r"(?-i:[A-Z][a-z]{1,4}-[a-z]{1,4})")


def east_asian_surname(word: str) -> bool:
    """Whether ``word`` is a common East Asian family name ("Park", "Tanaka", "Nguyen")."""
    return fold_same_length(word) in _EAST_ASIAN_SURNAMES


def syllable_pair(word: str) -> bool:
    """Whether ``word`` is a given name of two syllables joined by a hyphen ("Eun-ji")."""
    return _SYLLABLE_PAIR.fullmatch(word) is not None


def organisation_word(word: str) -> bool:
    """Whether ``word`` makes the words around it a business's or a place's name
    ("Photography", "Gardens", "Kwiaciarnia", "Салон")."""
    return fold_same_length(word.strip(",.;:")) in _ORGANISATION_WORDS


# The names a Cyrillic word may read as (see :func:`latin_reading_in`): the tables'
# Latin-letter names (the ones that are common words too are in another table).
_LATIN_NAMES = frozenset(
    name
    for name in _MORE_FIRST_NAMES | _WORLD_FIRST_NAMES | _TRANSLIT_AND_SHORT_NAMES
    if name.isascii() and name.isalpha()
)


_FIRST_NAME_TABLES = (FIRST_NAMES, _NAMES_THAT_ARE_WORDS, _MORE_FIRST_NAMES, _WORLD_FIRST_NAMES,
                      _TRANSLIT_AND_SHORT_NAMES)  # fmt: skip


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a common first name of the tables here, or two joined by a
    hyphen ("Anne-Marie", "Jean-Pierre", "Анна-Мария")."""
    folded = fold_same_length(word)
    parts = folded.split("-") if folded.count("-") == 1 else [folded]
    return all(any(p in table for table in _FIRST_NAME_TABLES) for p in parts)


def foreign_name_in_cyrillic(word: str) -> bool:
    """Whether ``word`` is a name of the English-speaking world written in Cyrillic
    ("Кевин", "Линда"): no word of a class no one is named with, nor a verb's form.
    Only to tell such a name from a Russian surname of the same ending ("Кевин",
    "Ильин"), never to make a word a name by itself."""
    bare = word.strip(",.;:!?()\"'«»“”")
    folded = fold_same_length(bare)
    reading = latin_reading_in(bare, _LATIN_NAMES)
    if _listed_as_russian_spells(bare, reading):
        return True  # "Эмили", though "-ли" ends a verb
    return reading is not None and folded not in NOT_NAME_WORDS and not verb_or_adverb_form(bare)


def _listed_as_russian_spells(bare: str, reading: str | None = None) -> bool:
    """Whether ``bare`` is a name of the English-speaking world listed as Russian
    spells it past any letter-by-letter reading ("Эмили", "Майкл"); ``reading`` is
    its Latin reading when the caller has it."""
    if reading is None:
        reading = latin_reading_in(bare, _LATIN_NAMES)
    return reading is not None and not reading.isascii()


def is_word_too(word: str) -> bool:
    """Whether ``word`` is a first name that is a common word as well ("May",
    "April", "Rose", "Will", "Вера")."""
    return fold_same_length(word) in _NAMES_THAT_ARE_WORDS


def not_a_name(word: str, *, alone: bool = True) -> bool:
    """Whether ``word`` (one word of a candidate name, punctuation allowed
    around it; ``alone`` when it is the whole candidate) is a word of a class
    that no one is named with, or has the form of a verb or an adverb."""
    bare = word.strip(",.;:!?()\"'«»“”")
    if len(bare) < 2:
        return False  # an initial: "I.", "В."
    folded = fold_same_length(bare)
    if folded in _NAMES_THAT_ARE_WORDS or _listed_as_russian_spells(bare):
        return False  # "Will", "May", "Hope"; "Эмили", not a verb's "-ли"
    if alone and (place_or_family(bare) or folded in _FOOTER_WORDS_ALONE):
        return True  # "Leeds", "Тверь", "Сидоровы": a place or a family alone; "Privacy"
    # a listed first name is no verb's form: "Aisling", "Irving" (not "Waiting", "Nothing")
    return folded in NOT_NAME_WORDS or (
        verb_or_adverb_form(bare, alone=alone) and not is_first_name(bare)
    )


def used_as_common_word(word: str, text: str) -> bool:
    """Whether ``text`` also has ``word`` in lower case, so that its capital
    is a line's, not a name's ("Дата" of a line when the e-mail says "... та
    дата"); never for the names in the tables here (Will, Вера), nor for a
    word written in lower case itself ("thanks\nanna")."""
    if is_first_name(word):
        return False
    low = word.lower()
    if low == word or len(word) < 3:
        return False
    # as a word of the text, not a part of an address ("ben.carter@...", "anna_k")
    pattern = r"(?<![\w.@/+-])" + re.escape(low) + r"(?![\w@]|[.+_-]\w)"
    if re.search(pattern, text) is not None:
        return True
    # or after an article or a possessive, as a thing's name: "the Aurora lamp", "my Dyson"
    return re.search(_DETERMINER + re.escape(word) + r"\b", text) is not None


_DETERMINER = r"(?i:\b(?:the|a|an|my|your|our|this|that|these|those|their|his|her)[ \t]+)"
