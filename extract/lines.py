"""Lines inside an article region that are about the article, not part of its text.

Each test reads one block's text on its own: a byline, a date stamp, a copyright line, a bare
URL. They are deliberately narrow: a sentence that merely starts with "By" or mentions a date
or a copyright is article text.
"""

from __future__ import annotations

import re
from functools import lru_cache

BYLINE_WORDS = frozenset({"by", "por", "von", "par", "di", "door", "av", "af", "przez"})
# Month names in English, Spanish, Portuguese, German, French, Italian and Dutch.
MONTHS = frozenset(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
    august september october november december enero febrero marzo abril mayo junio julio agosto
    septiembre octubre noviembre diciembre janeiro fevereiro março maio junho julho setembro
    outubro novembro dezembro januar februar märz juni juli oktober dezember janvier février mars
    avril mai juin juillet août septembre octobre novembre décembre gennaio febbraio aprile
    maggio giugno luglio settembre ottobre dicembre januari februari maart mei augustus
    """.split()  # noqa: SIM905
)
STAMP_WORDS = frozenset(
    """
    updated update published posted original originally modified publicado atualizado
    actualizado veröffentlicht aktualisiert publié stand zuletzt erstellt gepubliceerd
    bijgewerkt pubblicato aggiornato publisert oppdatert publicerad uppdaterad opublikowano
    公開日 更新日 更新 公開 发布 发布时间 入力 입력 수정 기사입력 최종수정 업데이트
    """.split()  # noqa: SIM905
)
# A date written in numbers only: 17.06.2025, 2025-06-17, 17/06/2025, 2025/01/31.
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b")
# Everything else a date stamp may hold besides numbers: weekdays, clock words, time zones.
DATE_FILLER = frozenset(
    """
    mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday
    sunday am pm a p m gmt utc bst cet cest est edt cst cdt pst pdt mst mdt ist et pt ct last on
    at of the de del da do em le la um mis à jour st nd rd th uhr h hrs horas heure heures ore
    kl klo om il alle às las los 年 月 日 時 分 秒 午前 午後 时 点
    """.split()  # noqa: SIM905
)
# "Lesezeit: 3 Min.", "5 min read", "Temps de lecture : 4 min": how long reading takes.
READING_WORDS = frozenset(
    """
    min mins minute minutes minuten minuto minutos minuti minut minuter minutter perc
    read reading lesezeit lesedauer lecture temps de tiempo lectura lettura tempo di leestijd
    lesetid lästid czas czytania
    """.split()  # noqa: SIM905
)
# Words of a page's controls: "Link kopieren", "Read more", "Vis mer Vis mindre", "Print".
CONTROL_WORDS = frozenset(
    """
    link copy kopieren copiar copier copia kopiér kopier print drucken imprimer imprimir stampa
    share teilen partager compartir condividi del dela save speichern merken merkliste bookmark
    zur hinzufügen add to listen anhören vorlesen écouter escuchar ascolta read more mehr
    weiterlesen lesen lire la suite leer más leggi tutto show hide anzeigen ausblenden open
    close öffnen schließen aufklappen zuklappen box detailansicht expand collapse vis mer mindre
    visa mindre toon meer minder comments kommentare commentaires comentarios commenti
    印刷する リンクをコピーする 保存 共有 シェア
    """.split()  # noqa: SIM905
)
_WORDS = re.compile(r"[^\W\d_]+|\d+")
# A sentence ends in one of these, perhaps followed by closing quotes or brackets.
_SENTENCE_ENDS = ".!?…。！？"
_CLOSING = "\"'”’»)"
_COPYRIGHT_SOURCE = r"©|\ball rights reserved\b|^(image |photo |picture )?copyright\b|\(c\) ?\d{4}"
_COPYRIGHT = re.compile(_COPYRIGHT_SOURCE, re.IGNORECASE)
# On ASCII text, matching the lower-cased text is the same as IGNORECASE, and faster.
_COPYRIGHT_LOWER = re.compile(_COPYRIGHT_SOURCE)


def ends_like_sentence(text: str) -> bool:
    """Whether the text ends like a sentence: `[.!?…。！？]` and any closing quotes, at the end
    or before a final newline (what the regex `[.!?…。！？]["'”’»)]*$` finds), without
    scanning the whole text for it."""
    for end in (text, text[:-1]) if text.endswith("\n") else (text,):
        end = end.rstrip(_CLOSING)
        if end and end[-1] in _SENTENCE_ENDS:
            return True
    return False


@lru_cache(maxsize=256)
def _lower_words(text: str) -> tuple[str, ...]:
    """The lower-cased words and numbers of a line; the date and reading-time tests read the
    same line one after the other."""
    return tuple(_WORDS.findall(text.lower()))


_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "Por María López": a short line naming who wrote it, not a sentence."""
    words = text.split()
    return 2 <= len(words) <= 10 and words[0].lower() in BYLINE_WORDS and words[1][:1].isupper()


def is_date_stamp(text: str) -> bool:
    """ "Updated 8:21 am ET, Nov. 19, 2019", "Stand: 17.06.2025 18:24 Uhr", "2025年1月13日
    20時01分": nothing but a date, a time and stamp words."""
    if len(text) > 120:
        return False
    words = _lower_words(text)
    if not any(map(str.isdigit, words)):
        return False
    dated = "年" in words or _NUMERIC_DATE.search(text) is not None
    return (dated or any(w in MONTHS or w in STAMP_WORDS for w in words)) and all(
        w.isdigit() or w in MONTHS or w in STAMP_WORDS or w in DATE_FILLER for w in words
    )


def is_reading_time(text: str) -> bool:
    """ "Lesezeit: 3 Min.", "5 min read", "Tiempo de lectura: 4 minutos"."""
    words = _lower_words(text)
    return (
        0 < len(words) <= 6
        and any(map(str.isdigit, words))
        and any(w in READING_WORDS and w not in ("de", "di") for w in words)
        and all(w.isdigit() or w in READING_WORDS for w in words)
    )


def is_control(text: str) -> bool:
    """A line made only of the words of a page's buttons and toggles: "Link kopieren",
    "Read more", "Box aufklappen Box zuklappen"; never a sentence."""
    words = text.lower().split()
    return (
        0 < len(words) <= 6
        and all(w.strip(".:…»›>") in CONTROL_WORDS for w in words)
        and not ends_like_sentence(text)
    )


def is_copyright(text: str) -> bool:
    """ "© 2019 Example Media. All rights reserved.", "Image copyright Getty Images"."""
    if len(text.split()) > 25:
        return False
    if text.isascii():
        return _COPYRIGHT_LOWER.search(text.lower()) is not None
    return _COPYRIGHT.search(text) is not None


def is_bare_url(text: str) -> bool:
    return bool(_URL.match(text))


def is_sentence(text: str) -> bool:
    """Six words or more ending like a sentence: "Omar thanked the police."""
    return len(text.split()) >= 6 and ends_like_sentence(text)
