"""Calls to action in several languages, and news sentences with the same nouns that are not."""

from __future__ import annotations

import pytest

from masthead.plugins.promo.lexicon import calls_to_action
from masthead.plugins.promo.links import classify, is_story


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("ALSO JOIN OUR TELEGRAM CHANNEL", "subscription-cta"),
        ("Sign up for our morning briefing", "subscription-cta"),
        ("Newsletter abonnieren", "subscription-cta"),
        ("Folgen Sie uns auf Mastodon", "subscription-cta"),
        ("Abonnez-vous à notre lettre d'information", "subscription-cta"),
        ("Suscríbete a nuestro boletín", "subscription-cta"),
        ("Iscriviti alla newsletter", "subscription-cta"),
        ("Inscreva-se no canal", "subscription-cta"),
        ("Volg ons op Instagram", "subscription-cta"),
        ("Подписывайтесь на наш канал", "subscription-cta"),
        ("Support our independent journalism", "donation-appeal"),
        ("Become a member today", "donation-appeal"),
        ("If you value this reporting, please donate", "donation-appeal"),
        ("Donate to keep the newsroom open", "donation-appeal"),
        ("Support this podcast on its own feed", "donation-appeal"),
        ("Jetzt spenden", "donation-appeal"),
        ("Soutenez-nous", "donation-appeal"),
        ("Hazte socio", "donation-appeal"),
        ("Поддержите редакцию", "donation-appeal"),
        ("READ MORE CHINA NEWS AT: 21st CENTURY WIRE", "self-promotion"),
        ("More climate coverage at The Daily Example", "self-promotion"),
        ("Find the latest business stories at example.org", "self-promotion"),
        ("Read more sports news on: The Example Times", "self-promotion"),
        ("Listen to our podcast", "self-promotion"),
        ("Besuchen Sie unseren Shop", "self-promotion"),
        ("Related articles", "related-content"),
        ("Lesen Sie auch", "related-content"),
        ("À lire aussi", "related-content"),
        ("Leggi anche:", "related-content"),
        ("Читайте также", "related-content"),
        ("Advertisement", "advertisement"),
        ("Anzeige", "advertisement"),
        ("Publicidad", "advertisement"),
        ("Get your copy of the spring issue", "advertisement"),
        ("Save 30% on your first box", "advertisement"),
        ("Start your 14-day free trial", "advertisement"),
        ("Garden chairs, two for one (shop now)", "advertisement"),
        ("We use cookies to give you the best experience", "cookie-notice"),
        ("Wir verwenden Cookies", "cookie-notice"),
        ("Leave a reply", "comments"),
        ("12 Comments", "comments"),
        ("Share this:", "share-bar"),
        ("Teilen", "share-bar"),
    ],
)
def test_calls_to_action_are_recognised(text: str, category: str) -> None:
    assert category in calls_to_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry announced the decision on its Telegram channel late on Monday.",
        "Millions of households subscribe to streaming services, the survey found.",
        "Die Regierung will die Landwirte stärker unterstützen als bisher geplant.",
        "Le gouvernement a annoncé qu'il allait soutenir les agriculteurs.",
        "The company said its new cookies would be sold in 40 countries.",
        "Shares of the company rose 5% after the announcement.",
        "He shared the video with his followers, who then shared it widely.",
        "Commenting on the result, the minister said the vote was fair.",
        "Related companies in the sector also reported losses.",
        "More than 300 news reports at the time described the flooding.",
        "Patients in the free trial of the drug improved within weeks.",
        "The change would save 20% of the cost, the council said.",
        "Buy now, pay later firms face new rules",
        "Most residents support this plan, the survey finds.",
        "Hospitals urge people to donate blood before the holidays.",
        "Become a member of parliament: how the vote works",
        "Critics said the latest stories at the festival were about hope.",
    ],
)
def test_news_sentences_are_not_calls_to_action(text: str) -> None:
    assert calls_to_action(text) - {"affiliate"} == set()


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("https://www.facebook.com/sharer.php?u=x", "share"),
        ("https://twitter.com/intent/tweet?text=x", "share"),
        ("https://telegram.me/share/url?url=x", "share"),
        ("https://t.me/somechannel", "channel"),
        ("https://www.patreon.com/someone", "donation"),
        ("https://news.example.com/donate/", "donation"),
        ("https://get.surfshark.net/aff_c?offer_id=926&aff_id=18412", "affiliate"),
        ("https://www.amazon.com/dp/B0?tag=site-20", "affiliate"),
        ("https://www.amazon.com/dp/B0", "outbound"),
        ("https://shop.example.org/item?tag=blue", "outbound"),
        ("https://apps.apple.com/app/id123", "app"),
        ("https://twitter.com/newsdesk", "social"),
        ("https://twitter.com/newsdesk/status/1", "outbound"),
        ("https://news.example.com/feed/", "social"),
        ("https://news.example.com/2024/05/a-story-about-support-groups/", "internal"),
    ],
)
def test_link_kinds(href: str, kind: str) -> None:
    assert classify(href, "example.com") == kind


@pytest.mark.parametrize(
    ("href", "story"),
    [
        ("https://news.example.com/2024/05/council-backs-the-tram-plan/", True),
        ("https://news.example.com/world/europe-68812345", True),
        ("https://news.example.com/story.php?id=1", False),
        ("https://news.example.com/category/china-files/", False),
        ("https://news.example.com/tag/floods-and-storms-in-the-north/", False),
        ("https://news.example.com/membership/", False),
        ("https://news.example.com/", False),
    ],
)
def test_story_urls(href: str, story: bool) -> None:
    assert is_story(href) is story


def _every_category_searched(text: str) -> frozenset[str]:
    """What the trigger prefilter must agree with: every category's regex run on the text."""
    from masthead.plugins.promo.lexicon import LABEL_ONLY, LEXICON

    lowered, short = text.lower(), len(text) <= 80
    return frozenset(
        category
        for category, pattern in LEXICON.items()
        if (short or category not in LABEL_ONLY) and pattern.search(lowered)
    )


def test_the_trigger_prefilter_never_rules_out_a_match() -> None:
    """On the block texts of real pages, on words that begin with a shorter trigger ('signup'
    after 'sign') or follow a digit or an underscore, and on phrases that open past an optional
    group. The prefilter both picks the categories and, where every phrase opens at `\\b` or `^`,
    the positions their regexes are tried at."""
    from masthead.plugins.promo.lexicon import call_categories
    from masthead.sdk import Page
    from support import aeb_pages, seed

    html, expected = seed()
    texts = [b.text for b in Page(html, expected["url"]).blocks]
    for number, (_, url, page_html, _) in enumerate(aeb_pages()):
        if number % 20 == 0:
            texts += [b.text for b in Page(page_html, url or "https://example.org/").blocks]
    texts += [
        "Signup for our newsletter, delivered daily",
        "2Follow us on Telegram",
        "_subscribe now",
        "Подписывайтесь на наш канал",
        "Advertisements",
        "Make a donation",  # opens with what follows an optional group: `^(?:please )?`
        "Chip in today",
        "We want to hear from you; please donate",
        "Read more China news at: 21st Century Wire",
        "support-us: subscribe.now/follow us",  # triggers after punctuation, back to back
        "ÉCRIVEZ-NOUS, SUIVEZ-NOUS",  # non-ASCII letters before and inside words
        "weekly:we use cookies",  # a trigger as the text's first word and after a colon
    ]
    assert len(texts) > 500
    found = 0
    for text in texts:
        assert call_categories(text) == _every_category_searched(text), text
        found += bool(call_categories(text))
    assert found > 20  # the comparison saw matches, not only empty sets
