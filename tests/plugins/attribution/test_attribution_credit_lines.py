"""Credit lines in five languages, in wordings written for these tests, and the hard negatives."""

from __future__ import annotations

import pytest
from attribution_pages import credit, page, provenance, run

# (paragraph, outlet the plugin should name)
ENGLISH = [
    ("This article was originally published by Grist.", "Grist"),
    ("Originally published by The Marshall Project.", "The Marshall Project"),
    ("This story first appeared in Inside Climate News.", "Inside Climate News"),
    ("First published at openDemocracy.", "openDemocracy"),
    (
        "This article is republished from The Conversation under a Creative Commons license.",
        "The Conversation",
    ),
    ("Republished with permission from Kaiser Health News.", "Kaiser Health News"),
    ("Reprinted with permission from Yale Environment 360.", "Yale Environment 360"),
    (
        "This story was produced by KFF Health News, a national newsroom on health issues.",
        "KFF Health News",
    ),
    ("This piece originally ran in The Atlantic.", "The Atlantic"),
    ("The post first appeared on Naked Capitalism.", "Naked Capitalism"),
    ("A version of this story was originally published by Mongabay.", "Mongabay"),
    ("Story courtesy of Civil Eats.", "Civil Eats"),
    ("Cross-posted from Daily Kos.", "Daily Kos"),
    ("It was first published by the Guardian on 3 March 2021.", "Guardian"),
    ("This article originally appeared on Undark.org.", "Undark.org"),
    ("This interview was originally published in Jacobin and is reproduced here.", "Jacobin"),
    ("This essay was first published on Aeon, and is republished here.", "Aeon"),
    ("Originally posted at Lawfare.", "Lawfare"),
    ("The original version of this story appeared in Quanta Magazine.", "Quanta Magazine"),
    ("Read the original article on Business Insider.", "Business Insider"),
    ("This op-ed first ran in the Boston Globe.", "Boston Globe"),
    (
        "This story was originally published by CalMatters and is republished here under a "
        "Creative Commons license.",
        "CalMatters",
    ),
    ("This story was originally featured on Fortune.com.", "Fortune.com"),
]
GERMAN = [
    ('Dieser Artikel ist zuerst bei "Capital" erschienen.', "Capital"),
    ("Der Beitrag ist ursprünglich im Tagesspiegel erschienen.", "Tagesspiegel"),
    ("Dieser Text wurde zuerst auf netzpolitik.org veröffentlicht.", "netzpolitik.org"),
    ("Erstmals erschienen in der Frankfurter Rundschau.", "Frankfurter Rundschau"),
    ("Der Kommentar erschien zuerst bei Übermedien.", "Übermedien"),
    ("Mit freundlicher Genehmigung von Spektrum der Wissenschaft.", "Spektrum der Wissenschaft"),
    ("Quelle: Reuters", "Reuters"),
]
SPANISH = [
    ("Este artículo fue publicado originalmente en El Diario.", "El Diario"),
    ("Publicado originalmente por Agencia Sinc.", "Agencia Sinc"),
    ("Esta nota apareció originalmente en Animal Político.", "Animal Político"),
    ("Este texto fue publicado por primera vez en Nexos.", "Nexos"),
    ("Este artículo se publicó originalmente en El Faro.", "El Faro"),
    (
        "Artículo republicado de The Conversation bajo licencia Creative Commons.",
        "The Conversation",
    ),
    ("Fuente: EFE", "EFE"),
]
FRENCH = [
    ("Cet article a été publié initialement sur Mediapart.", "Mediapart"),
    (
        "Cet article est republié à partir de The Conversation sous licence Creative Commons.",
        "The Conversation",
    ),
    ("Article initialement paru dans Le Monde diplomatique.", "Le Monde diplomatique"),
    ("Ce texte a d'abord été publié par Libération.", "Libération"),
    ("Cet article a été publié à l'origine dans Le Temps.", "Le Temps"),
    ("Cet article a initialement été publié sur Reporterre.", "Reporterre"),
    ("Source : AFP", "Agence France-Presse"),
]
ITALIAN = [
    ("Questo articolo è stato pubblicato originariamente su Internazionale.", "Internazionale"),
    ("Articolo apparso per la prima volta su Il Post.", "Il Post"),
    ("Pubblicato originariamente da Valigia Blu.", "Valigia Blu"),
    ("L'articolo è stato originariamente pubblicato su Domani.", "Domani"),
    ("Per gentile concessione di Linkiesta.", "Linkiesta"),
    ("Fonte: ANSA", "ANSA"),
]


@pytest.mark.parametrize(
    ("text", "outlet"), ENGLISH + GERMAN + SPANISH + FRENCH + ITALIAN, ids=lambda v: v[:40]
)
def test_credit_line_names_the_outlet(text, outlet):
    found = credit(text)
    assert [c.data["outlet"] for c in found] == [outlet]
    line = found[0]
    assert line.display == "highlight"
    assert line.target.exact and line.target.exact in text


def test_linked_outlet_gives_url_and_domain():
    found = credit(
        'This article was originally published on <a href="https://www.propublica.org/article/x">'
        "ProPublica</a>."
    )
    assert found[0].data["outlet"] == "ProPublica"
    assert found[0].data["url"] == "https://www.propublica.org/article/x"
    assert found[0].data["domain"] == "propublica.org"
    assert found[0].links[0].href == "https://www.propublica.org/article/x"


def test_read_the_original_link_supplies_the_url():
    found = credit(
        "This article is republished from The Conversation under a Creative Commons license. "
        '<a href="https://theconversation.com/some-piece-123">Read the original article</a>.'
    )
    assert found[0].data["outlet"] == "The Conversation"
    assert found[0].data["domain"] == "theconversation.com"


def test_credit_line_just_after_the_article_is_found():
    html = page("").replace(
        "</article>",
        "</article><div class='post-footer'><p><em>This story was originally published at "
        "Truthout.</em></p></div>",
    )
    found = run(html).of_kind("credit-line")
    assert [c.data["outlet"] for c in found] == ["Truthout"]


def test_highlight_quotes_the_credit_sentence():
    found = credit("Some other words here. This article was originally published by Grist. More.")
    assert found[0].target.exact == "This article was originally published by Grist."


# Hard negatives: none of these is a credit to another outlet.
NOT_CREDITS = [
    "First published on 18 November 2011",
    "First published on Friday 18 November 2011 18.00 EST",
    "First published on November 20, 2019 / 1:07 AM",
    "This article was originally published at 2:05 p.m.",
    "This story was originally published in 2015 and updated in 2020.",
    "Originally published on Tuesday.",
    "Zuerst veröffentlicht am 12. Mai 2023.",
    "Publicado originalmente el 3 de mayo de 2021.",
    "Publié initialement le 4 juin 2022.",
    "Pubblicato originariamente il 5 marzo 2020.",
    "This story was originally published in our newsletter.",
    "This article appeared in the print edition of the Gazette under the headline “Budget”.",
    "This story originally appeared in the May 2020 issue of Example Gazette.",
    "Cases of measles first appeared in West Michigan at the end of August.",
    "The film was adapted from Stephen King's novel.",
    "This work is licensed under a Creative Commons Attribution 4.0 International License.",
    "Text available under CC BY-SA 4.0; photos may be under other terms.",
    "This article was later republished by The Guardian.",
    "A version of this story was reprinted in The Washington Post.",
    "This essay has since been syndicated by Project Syndicate.",
    "This post originally appeared on the author's blog.",
    "Read the original article.",
    "Quelle: Statistisches Bundesamt",
    "Source: U.S. Census Bureau, 2020 American Community Survey.",
]


@pytest.mark.parametrize("text", NOT_CREDITS, ids=lambda v: v[:40])
def test_not_a_credit_line(text):
    assert provenance(run(page(f"<p>{text}</p>"))) == []


@pytest.mark.parametrize(
    "text",
    [
        "This article was originally published on Example Gazette.",
        "Originally published at gazette.example.com.",
        "First published in the Example Gazette.",
        "This story first appeared on example.com.",
    ],
)
def test_credit_naming_the_site_itself_is_not_a_republication(text):
    assert provenance(run(page(f"<p>{text}</p>"), "https://www.example.com/news/1")) == []


def test_self_credit_recognised_by_domain_label():
    html = page("<p>Originally published on Live Science.</p>", site_name="livescience.com")
    assert provenance(run(html, "https://www.livescience.com/a-story.html")) == []


@pytest.mark.parametrize(
    "caption",
    [
        "<figure><img src='a.jpg'><figcaption>Marchers on Main Street. Photo: Jane Roe/"
        "Independent Record via AP</figcaption></figure>",
        "<figure><img src='b.jpg'><figcaption>© Reuters/John Doe</figcaption></figure>",
        "<p class='photo-credit caption'>Photo: Quelle: dpa</p>",
    ],
)
def test_photo_credits_are_not_credit_lines(caption):
    assert provenance(run(page(caption))) == []


def test_copyright_line_of_another_outlet_in_the_article():
    found = credit("© 2024 The Associated Press. All rights reserved.")
    assert found[0].data["outlet"] == "Associated Press"
    assert found[0].data["via"] == "copyright"


def test_single_word_copyright_holder_is_not_an_outlet():
    assert credit("© Regan") == []
