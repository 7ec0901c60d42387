"""Short labels that say what a collapsed block is, in the reader's terms."""

from __future__ import annotations

from masthead.sdk import Page

from . import links as kinds
from .detect import Promo

DEFAULT_LABELS = {
    "advertisement": "Advertisement",
    "affiliate": "Affiliate deal",
    "self-promotion": "Site promotion",
    "donation-appeal": "Donation appeal",
    "subscription-cta": "Sign-up invitation",
    "share-bar": "Share buttons",
    "related-content": "Related articles",
    "cookie-notice": "Cookie notice",
    "comments": "Comments",
}


def label_for(page: Page, promo: Promo) -> str:
    """A few words for the collapsed block: "Membership appeal", "Telegram invitation"."""
    category = promo.category
    text = page.text_of(promo.element).lower()
    hrefs = [(a.get("href") or "") for a in promo.element.iter("a")]
    if category == "donation-appeal" and ("member" in text or "mitglied" in text):
        return "Membership appeal"
    if category == "subscription-cta":
        if any(kinds.classify(h, "") == kinds.CHANNEL for h in hrefs if h.startswith("http")):
            return "Channel invitation" if "telegram" not in text else "Telegram invitation"
        if "newsletter" in text:
            return "Newsletter sign-up"
        if "app" in text.split():
            return "App download"
        if "follow" in text:
            return "Follow invitation"
    if category == "share-bar" and hrefs:
        share = sum(kinds.classify(h, "") == kinds.SHARE for h in hrefs if h.startswith("http"))
        if share * 2 < len(hrefs):
            return "Social links"
    if category == "advertisement" and not text.strip():
        return "Ad slot"
    if category == "affiliate" and "deal" not in text:
        return "Affiliate link"
    return DEFAULT_LABELS[category]
