"""Short labels that say what a collapsed block is, in the reader's terms and language."""

from __future__ import annotations

from masthead.sdk import Page, Wording

from . import links as kinds
from .detect import Promo

#: One label per kind of block; `label_for` picks the key, the reader's language the words.
LABELS = Wording(
    {
        "en": {
            "advertisement": "Advertisement",
            "affiliate": "Affiliate deal",
            "self-promotion": "Site promotion",
            "donation-appeal": "Donation appeal",
            "subscription-cta": "Sign-up invitation",
            "share-bar": "Share buttons",
            "related-content": "Related articles",
            "cookie-notice": "Cookie notice",
            "comments": "Comments",
            "membership": "Membership appeal",
            "channel": "Channel invitation",
            "telegram": "Telegram invitation",
            "newsletter": "Newsletter sign-up",
            "app": "App download",
            "follow": "Follow invitation",
            "social": "Social links",
            "ad-slot": "Ad slot",
            "affiliate-link": "Affiliate link",
            "article": "Article text",
        },
        "de": {
            "advertisement": "Werbung",
            "affiliate": "Affiliate-Angebot",
            "self-promotion": "Eigenwerbung der Website",
            "donation-appeal": "Spendenaufruf",
            "subscription-cta": "Einladung zur Anmeldung",
            "share-bar": "Teilen-Schaltflächen",
            "related-content": "Weitere Artikel",
            "cookie-notice": "Cookie-Hinweis",
            "comments": "Kommentare",
            "membership": "Aufruf zur Mitgliedschaft",
            "channel": "Einladung zu einem Kanal",
            "telegram": "Einladung zu Telegram",
            "newsletter": "Newsletter-Anmeldung",
            "app": "App-Download",
            "follow": "Aufforderung zum Folgen",
            "social": "Links zu sozialen Netzwerken",
            "ad-slot": "Werbefläche",
            "affiliate-link": "Affiliate-Link",
            "article": "Artikeltext",
        },
        "fr": {
            "advertisement": "Publicité",
            "affiliate": "Offre affiliée",
            "self-promotion": "Promotion du site",
            "donation-appeal": "Appel aux dons",
            "subscription-cta": "Invitation à s'inscrire",
            "share-bar": "Boutons de partage",
            "related-content": "Articles liés",
            "cookie-notice": "Avis sur les cookies",
            "comments": "Commentaires",
            "membership": "Appel à l'adhésion",
            "channel": "Invitation à une chaîne",
            "telegram": "Invitation Telegram",
            "newsletter": "Inscription à la newsletter",
            "app": "Téléchargement de l'application",
            "follow": "Invitation à suivre",
            "social": "Liens vers les réseaux sociaux",
            "ad-slot": "Emplacement publicitaire",
            "affiliate-link": "Lien affilié",
            "article": "Texte de l'article",
        },
        "es": {
            "advertisement": "Publicidad",
            "affiliate": "Oferta de afiliados",
            "self-promotion": "Promoción del sitio",
            "donation-appeal": "Petición de donativos",
            "subscription-cta": "Invitación a suscribirse",
            "share-bar": "Botones para compartir",
            "related-content": "Artículos relacionados",
            "cookie-notice": "Aviso de cookies",
            "comments": "Comentarios",
            "membership": "Invitación a hacerse socio",
            "channel": "Invitación a un canal",
            "telegram": "Invitación a Telegram",
            "newsletter": "Suscripción al boletín",
            "app": "Descarga de la aplicación",
            "follow": "Invitación a seguir",
            "social": "Enlaces a redes sociales",
            "ad-slot": "Espacio publicitario",
            "affiliate-link": "Enlace de afiliado",
            "article": "Texto del artículo",
        },
    }
)


def label_for(page: Page, promo: Promo) -> str:
    """A few words for the collapsed block: "Membership appeal", "Telegram invitation"."""
    return LABELS.say(page.reader_language, _label_key(page, promo))


def _label_key(page: Page, promo: Promo) -> str:
    category = promo.category
    text = page.text_of(promo.element).lower()
    hrefs = [(a.get("href") or "") for a in promo.element.iter("a")]
    if category == "donation-appeal" and ("member" in text or "mitglied" in text):
        return "membership"
    if category == "subscription-cta":
        if any(kinds.classify(h, "") == kinds.CHANNEL for h in hrefs if h.startswith("http")):
            return "channel" if "telegram" not in text else "telegram"
        if "newsletter" in text:
            return "newsletter"
        if "app" in text.split():
            return "app"
        if "follow" in text:
            return "follow"
    if category == "share-bar" and hrefs:
        share = sum(kinds.classify(h, "") == kinds.SHARE for h in hrefs if h.startswith("http"))
        if share * 2 < len(hrefs):
            return "social"
    if category == "advertisement" and not text.strip():
        return "ad-slot"
    if category == "affiliate" and "deal" not in text:
        return "affiliate-link"
    return category
