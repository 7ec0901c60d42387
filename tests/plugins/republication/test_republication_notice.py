"""The notice: wording per kind, unknown outlets, conflicting signals, no signal, bad input.

Pages are written here, by hand; provenance findings come from the stand-in in conftest.py.
"""

from __future__ import annotations

import pytest
from republication_harness import republication

from masthead.sdk import hookimpl


def page(*paragraphs: str, head: str = "") -> str:
    body = "".join(paragraphs)
    return f"<html><head><title>T</title>{head}</head><body><h1>Headline</h1>{body}</body></html>"


def credit(outlet: str, text: str = "", **attrs: str) -> str:
    extra = "".join(f' data-{k}="{v}"' for k, v in attrs.items())
    words = text or f"This piece first ran at {outlet}."
    return f'<p data-signal="credit-line" data-outlet="{outlet}"{extra}>{words}</p>'


def only(notices):
    assert len(notices) == 1, notices
    return notices[0]


# -- the seed-like case: a state-controlled outlet ------------------------------------------
def test_names_the_outlet_with_its_sourced_facts():
    html = page(
        credit("RT International", "This story was originally published at RT International")
    )
    notice = only(republication(html, "https://blog.example.net/2024/a-column/"))
    assert notice.title == "Republished — first published by RT International (rt.com)"
    assert notice.text.startswith("Russia")
    assert "state-controlled media (State Media Monitor)" in notice.text
    assert (notice.display, notice.severity) == ("banner", "notice")
    assert notice.links[0].href == "https://rt.com/"
    assert notice.links[0].label == "RT International home page"
    labels = {link.label: link.href for link in notice.links[1:]}
    assert "github.com/ASD-at-GMF" in labels["State Media Monitor"]
    assert "wikipedia.org" in labels["Wikipedia"]
    typology = next(f for f in notice.data["facts"] if f["fact"] == "typology")
    assert typology["value"] == "SC" and typology["source"]["checked"] == "2026-11-29"
    assert notice.target is not None and "originally published" in notice.target.exact


def test_links_the_original_article_when_the_page_gives_it():
    url = "https://www.rt.com/news/570000-some-story/"
    html = page(credit("RT", "First published by RT.", url=url))
    notice = only(republication(html, "https://mirror.example.org/story"))
    assert notice.links[0].href == url and notice.links[0].label == "Read the original"
    assert notice.data["original_url"] == url and notice.data["original_is_article"]


# -- one wording per kind ------------------------------------------------------------------
KIND_CASES = [
    (
        "wire",
        page(
            '<p data-signal="wire-dateline" data-outlet="Associated Press">'
            "SPRINGFIELD, Ill. (AP) — The council met.</p>"
        ),
        "https://www.smalltownpaper.example/news/council",
        "Wire story from AP (apnews.com)",
    ),
    (
        "wire",
        page(credit("Reuters", "Reprinted with permission from Reuters.")),
        "https://www.localnews.example/markets",
        "Wire story from Reuters (reuters.com)",
    ),
    (
        "sister-title",
        page(credit("Capital", "Dieser Text erschien zuerst bei Capital.")),
        "https://www.stern.de/wirtschaft/some-piece.html",
        "From a sister title — first published by Capital (capital.de), also owned by "
        "RTL Deutschland",
    ),
    (
        "cc-republish",
        page(
            credit(
                "Mongabay",
                "This article was republished from Mongabay under a Creative Commons license.",
            )
        ),
        "https://www.greenvalley.example/forests",
        "Republished under a Creative Commons licence — first published by Mongabay (mongabay.com)",
    ),
    (
        "cc-republish",
        page(credit("The Conversation", "First published in The Conversation.")),
        "https://www.citydaily.example/opinion/water",
        "Republished under a Creative Commons licence (CC BY-ND 4.0) — first published by "
        "The Conversation (theconversation.com)",
    ),
    (
        "syndicated-opinion",
        page(credit("Project Syndicate", "Copyright: Project Syndicate, 2031.")),
        "https://www.wiener-blatt.example/meinung/123",
        "Syndicated opinion — distributed by Project Syndicate (project-syndicate.org)",
    ),
    (
        "syndicated-opinion",
        page(credit("Hilltop Features", "Distributed by Hilltop Features syndicate.")),
        "https://www.valleyherald.example/opinion/9",
        "Syndicated opinion — distributed by Hilltop Features",
    ),
    (
        "crosspost",
        page(
            credit(
                "The Huffington Post", "This post was originally published on The Huffington Post."
            )
        ),
        "https://www.linkedin.com/pulse/some-post-someone",
        "Cross-posted by the author — first published by HuffPost (huffpost.com)",
    ),
    (
        "crosspost",
        page(credit("Field Notes", "I originally wrote this for my blog, Field Notes.")),
        "https://www.community-forum.example/t/essay",
        "Cross-posted by the author — first published by Field Notes",
    ),
    (
        "unspecified",
        page(credit("Futurism", "This article was originally published by Futurism.")),
        "https://www.sciencealert.com/some-story",
        "Republished — first published by Futurism (futurism.com)",
    ),
]


@pytest.mark.parametrize(("kind", "html", "url", "title"), KIND_CASES)
def test_each_kind_has_its_own_wording(kind, html, url, title):
    notice = only(republication(html, url))
    assert notice.data["kind"] == kind
    assert notice.title == title


def test_sister_title_cites_the_shared_owner():
    html = page(credit("Capital", "Dieser Text erschien zuerst bei Capital."))
    notice = only(republication(html, "https://www.stern.de/x.html"))
    owner = [f for f in notice.data["facts"] if f["fact"] == "owner"]
    assert owner and owner[0]["value"] == "RTL Deutschland"
    assert any("Capital_(German_magazine)" in link.href for link in notice.links)


# -- an outlet the registry does not know ----------------------------------------------------
def test_unknown_outlet_is_named_with_no_invented_facts():
    html = page(credit("The Hamlet Gazette", "Originally published by The Hamlet Gazette."))
    notice = only(republication(html, "https://www.aggregator.example/p/1"))
    assert notice.title == "Republished — first published by The Hamlet Gazette"
    assert notice.text == "Masthead's outlet registry has no record of this outlet."
    assert notice.data["known"] is False and notice.data["facts"] == []
    assert notice.links == ()  # neither an original URL nor a home page is known


def test_unknown_outlet_keeps_the_link_the_page_gives():
    html = page(
        credit(
            "Hamlet Gazette",
            "Originally published by Hamlet Gazette.",
            url="https://hamletgazette.example/2030/05/story",
        )
    )
    notice = only(republication(html, "https://www.aggregator.example/p/1"))
    assert notice.title == "Republished — first published by Hamlet Gazette (hamletgazette.example)"
    assert [link.href for link in notice.links] == ["https://hamletgazette.example/2030/05/story"]
    assert notice.data["facts"] == []


def test_name_variants_resolve():
    html = page(credit("Deutschen Presse-Agentur (dpa)", "Quelle: Deutschen Presse-Agentur (dpa)"))
    notice = only(republication(html, "https://www.lokalzeitung.example/a"))
    assert notice.data["outlet"] == "Deutsche Presse-Agentur"
    assert notice.title == "Wire story from dpa (dpa.com)"


def test_several_wires_name_the_first_and_list_the_others():
    html = page('<p data-signal="credit-line" data-outlet="APA/sda/dpa">(Quelle: APA/sda/dpa)</p>')
    notice = only(republication(html, "https://www.bergblatt.example/x"))
    assert notice.data["outlet"] == "Austria Presse Agentur"
    assert notice.title == "Wire story from APA (apa.at), with SDA and dpa"
    assert notice.data["also_named"] == ["SDA", "dpa"]


def test_a_dateline_naming_two_agencies():
    html = page(
        '<p data-signal="wire-dateline" data-outlet="Agence France-Presse" '
        'data-outlets="Agence France-Presse|Reuters">PARIS (AFP/Reuters) - Talks ended.</p>'
    )
    notice = only(republication(html, "https://www.lokal.example/x"))
    assert notice.title == "Wire story from AFP (afp.com), with Reuters"


# -- conflicting and agreeing signals --------------------------------------------------------
def test_strongest_signal_wins_and_the_others_are_evidence():
    html = page(
        '<p data-signal="wire-dateline" data-outlet="Reuters" data-confidence="0.8">'
        "LONDON (Reuters) - Markets fell.</p>",
        credit("Futurism", "This article was originally published by Futurism.", confidence="0.95"),
        '<link data-signal="metadata-origin" data-outlet="" '
        'data-url="https://elsewhere.example/a/b">',
    )
    notice = only(republication(html, "https://www.sciencealert.com/x"))
    assert notice.data["outlet"] == "Futurism"
    evidence = notice.data["evidence"]
    assert [e["kind"] for e in evidence] == ["credit-line", "wire-dateline", "metadata-origin"]
    assert [e["agrees"] for e in evidence] == [True, False, False]
    assert evidence[1]["outlet"] == "Reuters" and evidence[1]["registry"] == "Reuters"


def test_signals_that_agree_are_merged_and_give_the_article_link():
    original = "https://www.capital.de/geld/some-piece-123.html"
    html = page(
        credit("Capital", "Dieser Artikel ist zuerst bei Capital erschienen.", confidence="0.9"),
        f'<link data-signal="metadata-origin" data-outlet="capital.de" data-url="{original}">',
    )
    notice = only(republication(html, "https://www.stern.de/some-piece.html"))
    assert all(e["agrees"] for e in notice.data["evidence"])
    assert notice.links[0].href == original
    assert notice.confidence == pytest.approx(0.95)


def test_a_weak_signal_can_lose_to_two_that_agree():
    html = page(
        credit("Reuters", "Reuters contributed.", confidence="0.6"),
        credit("Futurism", "Originally published by Futurism.", confidence="0.55"),
        '<link data-signal="metadata-origin" data-outlet="Futurism" '
        'data-url="https://futurism.com/the-byte/x" data-confidence="0.8">',
    )
    notice = only(republication(html, "https://www.sciencealert.com/x"))
    assert notice.data["outlet"] == "Futurism"


# -- no banner -------------------------------------------------------------------------------
def test_no_signal_no_banner():
    html = page(
        "<p>According to Reuters, the market fell.</p><p>First published on 3 May 2031.</p>"
    )
    assert republication(html, "https://www.example.com/a") == []


@pytest.mark.parametrize(
    ("html", "url"),
    [
        # a credit naming the page's own site (by registry name)
        (
            page(credit("Live Science", "Originally published on Live Science.")),
            "https://www.livescience.com/x",
        ),
        # a wire service's own page with its own dateline
        (
            page('<p data-signal="wire-dateline" data-outlet="AP">MEXICO CITY (AP) — Growth.</p>'),
            "https://apnews.com/article/x",
        ),
        # a credit naming the site by its og:site_name, unknown to the registry
        (
            page(
                credit(
                    "Hillside Courier", "First published in the Hillside Courier print edition."
                ),
                head='<meta property="og:site_name" content="Hillside Courier">',
            ),
            "https://hillsidecourier.example/a",
        ),
        # a credit naming the site as its domain reads, unknown to the registry
        (
            page(credit("Harbor Light", "Originally published on Harbor Light.")),
            "https://www.harborlight.example/story",
        ),
        # a link back to the page's own domain
        (
            page(
                credit(
                    "Weekly", "Originally published at Weekly.", url="https://news.weekly.example/a"
                )
            ),
            "https://www.weekly.example/b",
        ),
    ],
)
def test_signals_naming_the_page_itself_give_no_banner(html, url):
    assert republication(html, url) == []


def canonical_to(domain: str, site_name: str) -> str:
    """A page whose metadata points to `domain`, calling itself `site_name`."""
    return page(
        f'<p data-signal="metadata-origin" data-outlet="{domain}" data-domain="{domain}"'
        f' data-url="https://www.{domain}/2031/story">Text.</p>',
        head=f'<meta property="og:site_name" content="{site_name}">',
    )


# The same page on another address (a mirror, a copy served on this machine): its metadata
# points to its own publisher's domain, by a name the registry knows or one the domain reads as.
SELF_ELSEWHERE = [
    ("theguardian.com", "Guardian Australia"),  # a registry alias of theguardian.com
    ("elpais.com", "EL PAÍS"),  # the registry's name, in the page's own capitals
    ("harbor-light.example", "Harbor Light"),  # unknown to the registry: the domain reads so
]


@pytest.mark.parametrize(("domain", "site_name"), SELF_ELSEWHERE)
def test_metadata_pointing_to_the_pages_own_publisher_elsewhere_gives_no_banner(domain, site_name):
    assert republication(canonical_to(domain, site_name), "http://127.0.0.1:8123/story") == []


@pytest.mark.parametrize(("domain", "own_name"), [(d, "Valley Herald") for d, _ in SELF_ELSEWHERE])
def test_the_same_metadata_on_another_outlets_page_gives_the_banner(domain, own_name):
    notice = only(republication(canonical_to(domain, own_name), "https://valleyherald.example/a"))
    assert notice.data["domain"] == domain.removeprefix("www.")


# -- precedence: a plugin overrides a curated record ------------------------------------------
class OverridingRegistryPlugin:
    @hookimpl
    def masthead_outlets(self):
        return [
            {
                "name": "RT",
                "domains": ["rt.com"],
                "typology": "ISF",
                "sources": {"typology": "https://registry.example.org/rt"},
            }
        ]


def test_a_plugin_overrides_a_curated_record():
    html = page(credit("RT International"))
    notice = only(
        republication(
            html,
            "https://blog.example.net/x",
            plugins=[("override", OverridingRegistryPlugin())],
        )
    )
    assert notice.title == "Republished — first published by RT International (rt.com)"
    assert "independent state-funded media (registry.example.org)" in notice.text
    assert "state-controlled" not in notice.text
    assert notice.text.startswith("Russia")  # the curated country stays, with its own source
    typology = next(f for f in notice.data["facts"] if f["fact"] == "typology")
    assert typology["source"]["layer"] == "plugin:override"


# -- bad input never crashes -------------------------------------------------------------------
@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html>",
        page('<p data-signal="credit-line">no outlet at all</p>'),
        page('<p data-signal="credit-line" data-outlet="   " data-url="javascript:alert(1)">x</p>'),
        page('<p data-signal="metadata-origin" data-outlet="x" data-url="http://[::1">x</p>'),
        page(credit("<script>alert(1)</script>")),
        page(credit("A" * 5000)),
        page(*[credit(f"Outlet {i}") for i in range(300)]),
    ],
)
def test_bad_input_never_crashes(html):
    for notice in republication(html, "https://www.example.com/a"):
        assert notice.kind == "republication"
        assert all(link.href.startswith(("http://", "https://")) for link in notice.links)


def test_without_a_registry_names_are_shown_alone():
    html = page(credit("RT International"))
    notice = only(republication(html, "https://blog.example.net/x", curated=False))
    assert notice.title == "Republished — first published by RT International"
    assert notice.data["facts"] == []


def test_an_and_inside_a_name_is_not_a_second_outlet():
    html = page(credit("Mail and Guardian", "This story first appeared in the Mail and Guardian."))
    notice = only(republication(html, "https://www.example.com/a"))
    assert notice.data["outlet"] == "Mail & Guardian" and notice.data["also_named"] == []


def test_an_unknown_domain_is_not_named_twice():
    html = page(
        '<link data-signal="metadata-origin" data-outlet="quarterly.example" '
        'data-url="https://quarterly.example/issues/7/essay">'
    )
    notice = only(republication(html, "https://www.digest.example/essay"))
    assert notice.title == "Republished — first published by quarterly.example"
    assert notice.links[0].label == "Read the original"


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("Erschien zuerst bei Nordblick unter einer Creative-Commons-Lizenz.", "cc-republish"),
        ("Publicado originalmente en Nordblick bajo licencia Creative Commons.", "cc-republish"),
        ("Publié initialement par Nordblick sous licence Creative Commons BY-ND.", "cc-republish"),
        ("Republished from Nordblick (CC BY 4.0).", "cc-republish"),
        ("Published under licence from Nordblick.", "unspecified"),
        ("This essay was cross-posted from Nordblick.", "crosspost"),
        ("I first published this on my newsletter, Nordblick.", "crosspost"),
        ("Distributed by Nordblick Syndication.", "syndicated-opinion"),
    ],
)  # fmt: skip
def test_the_credit_words_decide_the_kind_when_the_outlet_is_unknown(words, kind):
    notice = only(republication(page(credit("Nordblick", words)), "https://www.example.com/a"))
    assert notice.data["kind"] == kind
