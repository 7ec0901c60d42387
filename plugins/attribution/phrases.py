"""The titles and texts of the attribution findings, in each reader language.

They state what the page says and where it says it; a name, outlet, date or quoted phrase is
filled in as the page gives it. Metadata field names (`og:url`, `json-ld publisher`) stay as they
are: they name a field, not a word to translate.
"""

from __future__ import annotations

from masthead.sdk import Wording

PHRASES = Wording(
    {
        "en": {
            "site.title": "Site",
            "site.text": "This page belongs to {name} ({domain}).",
            "site.publisher": "Its publisher is {publisher}.",
            "byline.title": "Byline",
            "byline.text": "By {names}.",
            "byline.found": "Byline found.",
            "byline.account": "Posted by the site account {accounts}.",
            "credit.title": "Credit line",
            "credit.text": "This page credits {outlet} as the original publisher.",
            "wire.title": "Wire story",
            "wire.dateline": "The dateline names the news agency {names}.",
            "wire.byline": "The byline names the news agency {names}.",
            "published.title": "Published",
            "published.text": "Published {date}, as {origin} says ({source}).",
            "published.by_page": "the page",
            "published.by_htmldate": "htmldate's reading of the page",
            "published.by_address": "the page's address",
            "metadata.title": "Metadata points elsewhere",
            "metadata.text": "The page's {via} points to {outlet}.",
            "named.title": "Named source",
            "named.text": "Attributed to {source}.",
            "vague.title": "Vague attribution",
            "vague.text": (
                "This claim is attributed to an unnamed or unspecified source (“{phrase}”)."
            ),
            "bare.title": "Unattributed assertion",
            "bare.text": (
                "This sentence presents a claim as common knowledge without naming a source "
                "(“{phrase}”)."
            ),
            "summary.title": "How claims are sourced",
            "summary.text": (
                "Attributions in the article: {named} named, {vague} vague, {unattributed} "
                "unattributed; {links} cited links."
            ),
        },
        "de": {
            "site.title": "Website",
            "site.text": "Diese Seite gehört zu {name} ({domain}).",
            "site.publisher": "Herausgeber ist {publisher}.",
            "byline.title": "Autorenzeile",
            "byline.text": "Von {names}.",
            "byline.found": "Autorenzeile gefunden.",
            "byline.account": "Veröffentlicht über das Konto der Website {accounts}.",
            "credit.title": "Quellenangabe",
            "credit.text": "Diese Seite nennt {outlet} als ursprünglichen Herausgeber.",
            "wire.title": "Agenturmeldung",
            "wire.dateline": "Die Ortsmarke nennt die Nachrichtenagentur {names}.",
            "wire.byline": "Die Autorenzeile nennt die Nachrichtenagentur {names}.",
            "published.title": "Veröffentlicht",
            "published.text": "Veröffentlicht am {date}, laut {origin} ({source}).",
            "published.by_page": "der Seite",
            "published.by_htmldate": "der Auswertung der Seite durch htmldate",
            "published.by_address": "der Adresse der Seite",
            "metadata.title": "Metadaten verweisen anderswohin",
            "metadata.text": "Das Feld {via} der Seite verweist auf {outlet}.",
            "named.title": "Genannte Quelle",
            "named.text": "Zugeschrieben: {source}.",
            "vague.title": "Vage Quellenangabe",
            "vague.text": (
                "Diese Aussage wird einer ungenannten oder nicht näher bestimmten Quelle "
                "zugeschrieben („{phrase}“)."
            ),
            "bare.title": "Aussage ohne Quelle",
            "bare.text": (
                "Dieser Satz stellt eine Aussage als allgemein bekannt dar, ohne eine Quelle zu "
                "nennen („{phrase}“)."
            ),
            "summary.title": "Wie Aussagen belegt sind",
            "summary.text": (
                "Quellenangaben im Artikel: {named} genannt, {vague} vage, {unattributed} ohne "
                "Quelle; {links} zitierte Links."
            ),
        },
        "fr": {
            "site.title": "Site",
            "site.text": "Cette page appartient à {name} ({domain}).",
            "site.publisher": "Son éditeur est {publisher}.",
            "byline.title": "Signature",
            "byline.text": "Par {names}.",
            "byline.found": "Signature trouvée.",
            "byline.account": "Publié par le compte du site {accounts}.",
            "credit.title": "Mention de source",
            "credit.text": "Cette page indique {outlet} comme éditeur d'origine.",
            "wire.title": "Dépêche d'agence",
            "wire.dateline": "L'en-tête de la dépêche nomme l'agence de presse {names}.",
            "wire.byline": "La signature nomme l'agence de presse {names}.",
            "published.title": "Publié",
            "published.text": "Publié le {date}, selon {origin} ({source}).",
            "published.by_page": "la page",
            "published.by_htmldate": "la lecture de la page par htmldate",
            "published.by_address": "l'adresse de la page",
            "metadata.title": "Les métadonnées renvoient ailleurs",
            "metadata.text": "Le champ {via} de la page renvoie à {outlet}.",
            "named.title": "Source nommée",
            "named.text": "Attribué à {source}.",
            "vague.title": "Attribution vague",
            "vague.text": (
                "Cette affirmation est attribuée à une source anonyme ou non précisée "
                "(« {phrase} »)."
            ),
            "bare.title": "Affirmation sans source",
            "bare.text": (
                "Cette phrase présente une affirmation comme un fait connu de tous, sans nommer "
                "de source (« {phrase} »)."
            ),
            "summary.title": "Sources des affirmations",
            "summary.text": (
                "Attributions dans l'article : {named} nommées, {vague} vagues, {unattributed} "
                "sans source ; {links} liens cités."
            ),
        },
        "es": {
            "site.title": "Sitio",
            "site.text": "Esta página pertenece a {name} ({domain}).",
            "site.publisher": "Su editor es {publisher}.",
            "byline.title": "Firma",
            "byline.text": "Por {names}.",
            "byline.found": "Firma encontrada.",
            "byline.account": "Publicado por la cuenta del sitio {accounts}.",
            "credit.title": "Crédito",
            "credit.text": "Esta página atribuye la publicación original a {outlet}.",
            "wire.title": "Noticia de agencia",
            "wire.dateline": "La data nombra a la agencia de noticias {names}.",
            "wire.byline": "La firma nombra a la agencia de noticias {names}.",
            "published.title": "Publicado",
            "published.text": "Publicado el {date}, según {origin} ({source}).",
            "published.by_page": "la página",
            "published.by_htmldate": "la lectura de la página por htmldate",
            "published.by_address": "la dirección de la página",
            "metadata.title": "Los metadatos apuntan a otro sitio",
            "metadata.text": "El campo {via} de la página apunta a {outlet}.",
            "named.title": "Fuente citada",
            "named.text": "Atribuido a {source}.",
            "vague.title": "Atribución vaga",
            "vague.text": (
                "Esta afirmación se atribuye a una fuente anónima o no especificada («{phrase}»)."
            ),
            "bare.title": "Afirmación sin fuente",
            "bare.text": (
                "Esta frase presenta una afirmación como de conocimiento común, sin nombrar una "
                "fuente («{phrase}»)."
            ),
            "summary.title": "Cómo se atribuyen las afirmaciones",
            "summary.text": (
                "Atribuciones en el artículo: {named} con nombre, {vague} vagas, {unattributed} "
                "sin fuente; {links} enlaces citados."
            ),
        },
    }
)
