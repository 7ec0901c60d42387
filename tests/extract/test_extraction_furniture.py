"""Furniture inside the article region: text a page shows that is not the article's.

Pages written here, both ways: what must be left out (screen-reader labels, hidden subscriber
boxes, stamps repeated between paragraphs, a label the sidebar repeats, the headline shown again,
rows of linked CJK headlines) and look-alikes that must stay (a questionnaire's repeated
questions, sub-headings listed again in a table of contents, a heading whose class says hidden,
CJK prose with a few links).
"""

from __future__ import annotations

from articles import PROSE, URL, article_text, paragraphs

from masthead.extract.region import is_hidden
from masthead.sdk import Page

PROSA = [
    "Die Hafenbehörde teilte am Dienstag mit, dass die neue Mole, an der vier Jahre lang gebaut "
    "wurde, die Fischereiflotte mindestens ein halbes Jahrhundert vor Winterstürmen schützen soll.",
    "Ingenieure gossen mehr als 40.000 Tonnen Beton in die Kaimauer, und Taucher prüften "
    "monatelang jeden einzelnen Block, wie aus dem Abschlussbericht des Projekts hervorgeht.",
    "Die Fischer, die seit den Stürmen von 2009 für die Mauer gekämpft hatten, begrüßten die "
    "Nachricht, warnten aber, dass das Ausbaggern der Fahrrinne ebenso wichtig sei.",
]
JAPANESE = [
    "港湾局は火曜日、四年をかけて建設した新しい防波堤が、少なくとも半世紀にわたり冬の嵐から漁船団を"
    "守ると発表した。",
    "技術者は四万トンを超えるコンクリートを海壁に流し込み、潜水士は数か月をかけて一つ一つのブロックを"
    "点検したと、事業の最終報告書は伝えている。",
    "二〇〇九年の嵐以来、防波堤の建設を求めてきた漁業者たちは知らせを歓迎したが、航路のしゅんせつも"
    "同じく重要だと訴えた。",
]


def page(article: str, title: str = "Harbour wall finished", aside: str = "") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<main><article>{article}</article>{aside}</main></body></html>"
    )


# -- hidden by class ---------------------------------------------------------------------------


def test_screen_reader_labels_and_hidden_boxes_are_not_text() -> None:
    box = (
        '<div class="paywall-offer hidden"><div class="h2">Reserved for subscribers</div>'
        "<ul><li>Unlimited access to every story, on every device you own.</li>"
        "<li>The digital replica of the print edition, each morning.</li></ul></div>"
    )
    article = paragraphs(PROSE[:2], '<p class="sr-only">Article text</p>') + box
    article += paragraphs(PROSE[2:], '<div class="visually-hidden">Article text</div>')
    text = article_text(page(article))
    for t in PROSE:
        assert t in text
    assert "Article text" not in text
    assert "subscribers" not in text and "print edition" not in text


def test_hiding_classes_are_whole_class_names() -> None:
    for cls in ("sr-only", "visually-hidden", "hidden", "screen-reader-text", "d-none"):
        assert is_hidden(Page(f'<div class="box {cls}">x</div>', URL).body[0])
    # a name that merely contains the word, or a state the element may leave, hides nothing
    for cls in ("hidden-gems", "unhidden", "story-hidden-history", "show"):
        assert not is_hidden(Page(f'<div class="{cls}">x</div>', URL).body[0])


def test_a_headline_whose_class_says_hidden_does_not_make_the_article_chrome() -> None:
    """ "pagination hidden" is the state of a headline, not a pager opening a section."""
    article = (
        '<h1 class="headline headline-pagination__hidden">Harbour wall finished</h1>'
        + paragraphs(PROSE)
    )
    html = page(article, aside='<div class="teasers">' + paragraphs(PROSA[:1]) + "</div>")
    text = article_text(html)
    for t in PROSE:
        assert t in text


# -- repeated furniture ------------------------------------------------------------------------


def test_a_stamp_between_paragraphs_is_left_out() -> None:
    for stamp in ("Advertisement", "Anzeige", "Publicité", "広告"):
        text = article_text(page(paragraphs(PROSE, f"<div>{stamp}</div>")))
        assert stamp not in text
        assert all(t in text for t in PROSE)


def test_a_label_the_page_repeats_outside_the_article_is_left_out() -> None:
    article = paragraphs(PROSA[:2]) + "<div>Lesen Sie auch</div>" + paragraphs(PROSA[2:])
    aside = '<aside><div>Lesen Sie auch</div><a href="/x">Die Mole im Bild</a></aside>'
    text = article_text(page(article, aside=aside))
    assert "Lesen Sie auch" not in text
    assert all(t in text for t in PROSA)


def test_the_headline_shown_again_above_the_text_is_left_out() -> None:
    title = "La nueva escollera protegerá a la flota pesquera"
    article = f"<div>{title}</div>" + paragraphs(PROSE)
    text = article_text(page(article, title=title))
    assert title not in text
    assert all(t in text for t in PROSE)


def test_a_questionnaire_keeps_its_repeated_questions() -> None:
    """Each guest is asked the same questions: the repeats are the article."""
    questions = ["What brought you here?", "Your favourite dish?", "Photo:"]
    article = ""
    for guest, answer in zip(("Ana", "Ben", "Chloé"), PROSE, strict=False):
        article += f"<h3>{guest}</h3>"
        for q in questions:
            article += f"<p><b>{q}</b></p><p>{answer} {guest} answered.</p>"
    text = article_text(page(article))
    for q in questions:
        assert text.count(q) == 3


def test_sub_headings_listed_again_in_a_table_of_contents_stay() -> None:
    heads = ["Der Bau", "Die Kosten", "Die Fischer"]
    toc = "".join(f'<li><a href="#h{i}">{h}</a></li>' for i, h in enumerate(heads))
    pairs = enumerate(zip(heads, PROSA, strict=True))
    body = "".join(f'<h2 id="h{i}">{h}</h2><p>{t}</p>' for i, (h, t) in pairs)
    text = article_text(page(f"<ul>{toc}</ul>{body}"))
    for h in heads:
        assert h in text


def test_a_sentence_quoted_twice_stays() -> None:
    """A pull quote repeats a sentence of the article; prose is never furniture."""
    quote = PROSE[1]
    article = paragraphs(PROSE[:2]) + f"<blockquote><p>{quote}</p></blockquote>"
    text = article_text(page(article + paragraphs(PROSE[2:])))
    assert text.count(quote) == 2


# -- linked CJK headlines ----------------------------------------------------------------------


def test_a_list_of_linked_japanese_headlines_after_the_article_is_not_text() -> None:
    headline = "漁業組合が新しい防波堤の完成を祝う式典を開き、関係者が集まった"
    related = "".join(f'<li><a href="/articles/{i}">{headline}{i}</a></li>' for i in range(12))
    article = paragraphs(JAPANESE) + f"<h2>■関連記事</h2><ul>{related}</ul>"
    text = article_text(page(article, title="防波堤が完成"))
    assert all(t in text for t in JAPANESE)
    assert "式典" not in text


def test_japanese_prose_with_linked_place_names_stays() -> None:
    lines = [
        '宮崎県：<a href="/p/1">高鍋町</a>、<a href="/p/2">新富町</a>、宮崎市',
        '熊本県：<a href="/p/3">阿蘇市</a>、産山村、<a href="/p/4">高森町</a>、南阿蘇村',
    ]
    article = paragraphs(JAPANESE) + "".join(f"<p>{line}</p>" for line in lines)
    text = article_text(page(article, title="防波堤が完成"))
    assert "宮崎県：高鍋町、新富町、宮崎市" in text
    assert "熊本県" in text


# -- teasers and the labels of boxes that are gone ----------------------------------------------


def test_a_teaser_of_another_story_is_not_text_but_a_lead_named_teaser_is() -> None:
    lead = (
        '<p class="article-teaser">Vier Jahre Bauzeit, 40.000 Tonnen Beton: die Mole ist '
        "fertig.</p>"
    )
    other = (
        '<div class="teaser"><h3><a href="/2024/dredging">Die Fahrrinne</a></h3>'
        "<p>Warum das Ausbaggern der Fahrrinne die Fischer mehr beschäftigt als die Mole, und was "
        "der Rat im nächsten Monat dazu beschließen will.</p></div>"
    )
    text = article_text(page(lead + paragraphs(PROSA[:2]) + other + paragraphs(PROSA[2:])))
    assert "Vier Jahre Bauzeit" in text
    assert all(t in text for t in PROSA)
    assert "Fahrrinne die Fischer mehr" not in text


def test_the_label_of_a_removed_box_goes_with_it() -> None:
    for label in ("Read also", "Lesen Sie auch", "Lire aussi :", "関連記事"):
        box = f'<div class="box"><div>{label}</div>{link_row(4)}</div>'
        text = article_text(page(paragraphs(PROSE[:2]) + box + paragraphs(PROSE[2:])))
        assert label not in text, label
        assert all(t in text for t in PROSE)


def test_short_headings_items_and_cells_beside_kept_text_stay() -> None:
    article = (
        "<section><h2>The cost</h2><p>" + PROSE[3] + "</p></section>"
        "<ul><li>Four years</li><li>40,000 tonnes</li>"
        '<li><a href="/2024/report">Final report</a></li></ul>'
        "<table><tr><td>Wall</td><td>1.2 km</td>"
        '<td><a href="/map">Map</a></td></tr></table>'
    )
    text = article_text(page(paragraphs(PROSE[:3]) + article))
    for kept in ("The cost", "Four years", "40,000 tonnes", "Wall", "1.2 km"):
        assert kept in text, kept


def link_row(n: int) -> str:
    items = "".join(
        f'<li><a href="/2024/story-{i}">Another story about the harbour, number {i}</a></li>'
        for i in range(n)
    )
    return f"<ul>{items}</ul>"
