"""Mail to the support address that is no customer's question: job applications,
press enquiries, sales pitches to the shop and phishing notices.

Such mail lands in the same inbox ("I am writing to apply for the Customer
Service Assistant position", "jestem dziennikarką portalu ...", "Ваш почтовый
ящик переполнен") and no canned reply answers it, yet a generic snippet such
as "contact hours" scored as a confident one for it (the development e-mails:
7 of 12 confident replies to unanswerable e-mails over five pack sets). Each
kind is told by two signs together, a role and what is asked or sent (a
position and an application or a CV; a journalist and an article or a
comment; the shop's own seller account and its suspension), or by a phishing
notice's own words, in the head of the e-mail, so
a customer who mentions a job ("I changed jobs, please send it to my office")
or a newspaper is not taken for one.

A sales pitch is told by a seller introducing itself ("I'm reaching out from
...", "we help online retailers ...", "jesteśmy producentem ...", "наша компания
...") together with an offer of partnership or services ("partnership", "book a
call", "współpraca", "коммерческое предложение"); a customer who runs a shop and
asks about wholesale or a company invoice says neither, so it stays a customer.
Since session 15 the bundled packs have enough examples for the ranking's
classifier, which gave two such pitches a clear lead for "contact hours" and
"thanks for your feedback" (a partnership call, packaging for the shop).
"""

from __future__ import annotations

import re

from expander.email.clean import CleanEmail, clean_email
from expander.textfold import fold_same_length

__all__ = ["is_non_customer"]

# the patterns see the text folded: lower case, no Polish diacritics, "ё" as "е"
_POSITION = re.compile(
    r"\b(?:position|vacanc(?:y|ies)|internship|job (?:offer|advert|posting|opening)|"
    r"(?:full|part)-?time (?:role|job)|role (?:you )?advertised|careers page|"
    r"stanowisk\w*|ogloszeni\w* o prace|praktyk(?:i|ach|ami|ant\w*)?\b|"
    r"oferty? pracy|ваканси\w*|должност\w*|стажировк\w*)"
)
_APPLYING = re.compile(
    r"\b(?:apply(?:ing)? for|application for|my (?:cv|resume|résumé)\b|cv attached|"
    r"attached (?:my|is my) (?:cv|resume)|cover letter|"
    r"kandydatur\w*|aplikuj\w*|przesylam (?:swoje |moje )?cv|list motywacyjny|"
    r"przyjmujecie praktykant\w*|"
    r"резюме|кандидатур\w*|откликнуться|хочу (?:у вас )?работать)"
)
# "Dear Hiring Manager", "Вы случайно не ищете курьеров?", "czy szukacie pracowników?"
_LOOKING_FOR_STAFF = re.compile(
    r"\b(?:dear hiring (?:manager|team)|"
    r"are you (?:hiring|looking for (?:staff|people|drivers|couriers))|"
    r"czy (?:szukacie|szukaja panstwo|zatrudniacie) \w*|"
    r"(?:не )?ищете (?:курьер\w*|сборщик\w*|сотрудник\w*|работник\w*|продав\w*))"
)
_PRESS = re.compile(
    r"\b(?:journalist|reporter|correspondent|editor at|dziennikar\w*|reporter\w*|"
    r"redaktor\w*|журналист\w*|корреспондент\w*|редактор\w*)"
)
_PRESS_ASK = re.compile(
    r"\b(?:article|feature|piece (?:on|about)|comment|interview|a few questions|"
    r"artykul\w*|komentarz\w*|wywiad\w*|kilka pytan|"
    r"стать[яеийю]\w*|комментари\w*|интервью|несколько вопросов)"
)
_PHISHING = re.compile(
    r"\b(?:your (?:mailbox|inbox|e-?mail storage)\b[^.\n]{0,30}\b(?:full|over quota)|"
    r"verify your (?:mailbox|e-?mail account|account) within|"
    r"(?:twoja|panstwa) skrzynk\w* (?:pocztow\w* )?(?:jest )?(?:prawie )?"
    r"(?:pelna|przepelnion\w*)|ваш почтовый ящик (?:почти )?переполнен)"
)
# a notice to the shop itself that its seller account will be shut ("Dear Merchant,
# your store account has been suspended"): the shop's account, not a customer's
# ("Dear seller" and "Szanowny sprzedawco" are how marketplace buyers write too)
_MERCHANT_ACCOUNT = re.compile(
    r"\b(?:dear merchant|(?:store|seller|merchant|shop)(?: payment)? account|"
    r"konto (?:sklepu|sprzedawcy)|(?:аккаунт|учетн\w* запис\w*|кабинет) (?:магазина|продавца))"
)
_ACCOUNT_THREAT = re.compile(
    r"\b(?:suspen(?:d|ded|sion)|permanent(?:ly)? clos\w*|deactivat\w*|"
    r"zawiesz\w*|zablokowan\w*|dezaktyw\w*|заблокир\w*|приостановл\w*|блокировк\w*)"
)
# a seller introducing itself to the shop...
_SELLER = re.compile(
    r"\b(?:(?:i'?m|i am|we are) reaching out (?:from|on behalf of)|"
    r"we (?:are|'re) an? (?:\w+ ){0,3}(?:company|agency|firm|manufacturer|supplier|"
    r"wholesaler|studio|platform|startup|provider)|"
    r"we (?:help|work with|supply) (?:\w+ ){0,3}(?:retailers|shops|stores|brands|businesses|"
    r"e-?commerce)|"
    r"jestesmy (?:\w+ ){0,2}(?:firma|agencja|producentem|dostawca|hurtownia|platforma)|"
    r"(?:reprezentuje|reprezentujemy) (?:firme|agencje)|pomagamy (?:\w+ ){0,2}sklepom|"
    r"мы (?:\w+ ){0,2}(?:компания|агентство|производитель|поставщик|платформа)|"
    r"наша компания|представляю компанию)"
)
# ...and what it offers
_OFFER = re.compile(
    r"\b(?:partnership|collaboration|cooperation|our services|book a (?:call|demo|meeting)|"
    r"schedule a (?:call|meeting|demo)|free (?:sample|trial|demo|audit|quote)|"
    r"wspolprac\w*|oferujemy|proponujemy|nasz\w* ofert\w*|darmow\w* (?:probk\w*|audyt)|"
    r"сотрудничеств\w*|коммерческое предложение|предлагаем|наши услуги|"
    r"предлага\w* (?:вам |вашему магазину )?(?:услуг\w*|сотрудничеств\w*))"
)
_HEAD = 900  # what the mail is comes first


def is_non_customer(text: str, *, cleaned: CleanEmail | None = None) -> bool:
    """Whether ``text`` (an e-mail as pasted; ``cleaned``: its :func:`clean_email`,
    when at hand) is a job application, a press enquiry, a sales pitch or a
    phishing notice rather than a customer's question."""
    clean = cleaned if cleaned is not None else clean_email(text)
    head = fold_same_length(f"{clean.subject}\n{clean.body}"[:_HEAD])
    if _PHISHING.search(head) or _LOOKING_FOR_STAFF.search(head):
        return True
    if _MERCHANT_ACCOUNT.search(head) and _ACCOUNT_THREAT.search(head):
        return True
    if _POSITION.search(head) and _APPLYING.search(head):
        return True
    if _SELLER.search(head) and _OFFER.search(head):
        return True
    return bool(_PRESS.search(head) and _PRESS_ASK.search(head))
