"""A person's handle in a link to a social profile, for the masker
(:mod:`expander.email.privacy`): "facebook.com/anna.kowalska",
"instagram.com/anna_k", "t.me/ivanov", "vk.com/id123456",
"linkedin.com/in/jan-nowak" name someone as surely as their e-mail address. The
host is kept, so that the text still says where the customer wrote or looked
("facebook.com/[handle]"); a link to a post, a group or a help page names no one
and is kept.
"""

from __future__ import annotations

import re

__all__ = ["handle_spans"]

# The hosts whose first path part is a person's profile (after "in/" on LinkedIn,
# "@" on TikTok, YouTube and Threads), and the first parts that are no profile.
_HOSTS = (
    r"(?:facebook|fb|instagram|twitter|x|tiktok|threads|youtube|snapchat|pinterest|"
    r"github|medium)\.(?:com|net)|fb\.me|t\.me|telegram\.(?:me|dog)|vk\.(?:com|ru)|ok\.ru|"
    r"linkedin\.com/(?:in|pub)|snapchat\.com/add|ok\.ru/profile|wa\.me"
)
_HANDLE_LINK = re.compile(
    r"(?<![\w.@-])(?i:https?://)?(?i:(?:www|m|mobile|[a-z]{2})\.)?"
    rf"(?i:{_HOSTS})/@?(?P<h>(?>\w+(?:[.-]\w+)*))"
    # a numeric profile: "facebook.com/profile.php?id=100012345678"
    r"(?:\?id=(?P<id>\d+))?"
)
_NO_PROFILE = frozenset(
    "groups group pages events share sharer help marketplace watch photo photos reel reels "
    "p tv explore stories story hashtag search login signup settings policies privacy legal "
    "about home intent i status joinchat addstack addlist s c channel user playlist shorts "
    "feed wall video videos music live jobs company school posts comments permalink "
    "messages direct accounts shop store business ads gaming notifications profile.php".split()
)


def handle_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the handles (or profile ids) in social-profile links in ``text``:
    "facebook.com/anna.kowalska" gives the span of "anna.kowalska"."""
    spans = []
    for m in _HANDLE_LINK.finditer(text):
        if m.group("id"):
            spans.append(m.span("id"))  # "profile.php?id=...": the id is the person
        elif m.group("h").lower() not in _NO_PROFILE and not m.group("h").startswith("+"):
            spans.append(m.span("h"))
    return spans
