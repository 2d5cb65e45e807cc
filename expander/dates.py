"""Dates for templates: offsets in calendar and working days, and formats that
spell months and weekdays correctly in English, Polish and Russian.

We do not use ``strftime`` with ``%B``: it follows the process locale (usually
English or C) and gives the nominative month ("listopad", "ноябрь") where a date
needs the genitive ("24 listopada", "24 ноября").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["PRESETS", "check_format", "format_date", "shift", "supported_language"]


@dataclass(frozen=True, slots=True)
class _Names:
    months: tuple[str, ...]  # used with a day number: "24 listopada"
    months_standalone: tuple[str, ...]  # alone: "listopad"
    months_short: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday first
    weekdays_short: tuple[str, ...]
    on_weekday: tuple[str, ...]  # "on Tuesday", "we wtorek", "во вторник"
    presets: dict[str, str]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """Names of several words each, separated by ``|``."""
    return tuple(part.strip() for part in text.split("|"))


def _presets(short: str) -> dict[str, str]:
    """The named formats of a language, which differ only in the numeric ``short`` one."""
    return {
        "short": short,
        "medium": "D MMMM YYYY",
        "long": "dddd, D MMMM YYYY",
        "day-month": "D MMMM",
    }


_EN_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_EN_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

_NAMES: dict[str, _Names] = {
    "en": _Names(
        months=tuple(_EN_MONTHS),
        months_standalone=tuple(_EN_MONTHS),
        months_short=tuple(m[:3] for m in _EN_MONTHS),
        weekdays=_EN_WEEKDAYS,
        weekdays_short=tuple(d[:3] for d in _EN_WEEKDAYS),
        on_weekday=tuple(f"on {d}" for d in _EN_WEEKDAYS),
        presets=_presets(short="DD/MM/YYYY"),
    ),
    "pl": _Names(
        months=_words(
            "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
            "października listopada grudnia"
        ),
        months_standalone=_words(
            "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień "
            "październik listopad grudzień"
        ),
        months_short=_words("sty lut mar kwi maj cze lip sie wrz paź lis gru"),
        weekdays=_words("poniedziałek wtorek środa czwartek piątek sobota niedziela"),
        weekdays_short=_words("pon. wt. śr. czw. pt. sob. niedz."),
        on_weekday=_phrases(
            "w poniedziałek | we wtorek | w środę | w czwartek | w piątek | w sobotę | w niedzielę"
        ),
        presets=_presets(short="DD.MM.YYYY"),
    ),
    "ru": _Names(
        months=_words(
            "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
        ),
        months_standalone=_words(
            "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
        ),
        months_short=_words("янв. февр. мар. апр. мая июн. июл. авг. сент. окт. нояб. дек."),
        weekdays=_words("понедельник вторник среда четверг пятница суббота воскресенье"),
        weekdays_short=_words("пн вт ср чт пт сб вс"),
        on_weekday=_phrases(
            "в понедельник | во вторник | в среду | в четверг | в пятницу | в субботу | "
            "в воскресенье"
        ),
        presets=_presets(short="DD.MM.YYYY"),
    ),
}

PRESETS = ("short", "medium", "long", "day-month", "iso", "weekday", "on")
"""Named formats; any other format is a token pattern (see :func:`format_date`)."""

_TOKEN_RE = re.compile(r"YYYY|YY|MMMM|MMM|MM|M|LLLL|DD|D|dddd|ddd|'[^']*'|.", re.DOTALL)


def supported_language(language: str | None) -> str:
    """The language whose names we use for a BCP-47 code: en, pl or ru; else en."""
    primary = (language or "en").split("-")[0].split("_")[0].lower()
    return primary if primary in _NAMES else "en"


def check_format(fmt: str) -> str | None:
    """Why ``fmt`` is not a usable date format, or None if it is."""
    if fmt in PRESETS:
        return None
    if fmt.count("'") % 2:
        return f"unbalanced quote in {fmt!r}: quote literal text like 'of'"
    if not any(t in fmt.replace("'", "") for t in ("Y", "M", "D", "L", "d")):
        return (
            f"{fmt!r} is neither a preset ({', '.join(PRESETS)}) "
            "nor a pattern with tokens such as D MMMM YYYY"
        )
    return None


def shift(day: dt.date, offset: int, unit: str, holidays: Collection[dt.date] = ()) -> dt.date:
    """Move ``day`` by ``offset`` days (``d``), weeks (``w``) or working days (``wd``).

    Working days are Monday to Friday minus ``holidays``; ``+0wd`` on a weekend
    moves forward to the next working day, so a promise is never due on a Sunday.
    """
    if unit == "d":
        return day + dt.timedelta(days=offset)
    if unit == "w":
        return day + dt.timedelta(weeks=offset)
    if unit != "wd":
        raise ValueError(f"unknown date unit {unit!r}")

    def working(d: dt.date) -> bool:
        return d.weekday() < 5 and d not in holidays

    step = -1 if offset < 0 else 1
    remaining = abs(offset)
    current = day
    while remaining:
        current += dt.timedelta(days=step)
        if working(current):
            remaining -= 1
    while not working(current):
        current += dt.timedelta(days=step)
    return current


def format_date(day: dt.date, fmt: str = "medium", language: str | None = None) -> str:
    """Format ``day`` with a preset or a token pattern in the given language.

    Tokens: YYYY, YY, MM, M, DD, D, MMMM (month as used with a day), LLLL (month
    standing alone), MMM (short month), dddd (weekday), ddd (short weekday); text
    in single quotes is literal, anything else is copied.
    """
    names = _NAMES[supported_language(language)]
    if fmt == "iso":
        return day.isoformat()
    if fmt == "weekday":
        return names.weekdays[day.weekday()]
    if fmt == "on":
        return names.on_weekday[day.weekday()]
    pattern = names.presets.get(fmt, fmt)
    parts: list[str] = []
    for token in _TOKEN_RE.findall(pattern):
        match token:
            case "YYYY":
                parts.append(f"{day.year:04d}")
            case "YY":
                parts.append(f"{day.year % 100:02d}")
            case "MMMM":
                parts.append(names.months[day.month - 1])
            case "LLLL":
                parts.append(names.months_standalone[day.month - 1])
            case "MMM":
                parts.append(names.months_short[day.month - 1])
            case "MM":
                parts.append(f"{day.month:02d}")
            case "M":
                parts.append(str(day.month))
            case "DD":
                parts.append(f"{day.day:02d}")
            case "D":
                parts.append(str(day.day))
            case "dddd":
                parts.append(names.weekdays[day.weekday()])
            case "ddd":
                parts.append(names.weekdays_short[day.weekday()])
            case _ if token.startswith("'") and len(token) > 1:
                parts.append(token[1:-1])
            case _:
                parts.append(token)
    return "".join(parts)
