"""Every sentence the republication notices say, in each reader language.

Neutral words only: who published the text first, when, how much of it matches, and what the
registry records with its source. Names, domains, owners and countries are filled in as the
registry and the page give them; they are facts, not words to translate.
"""

from __future__ import annotations

from masthead.sdk import Wording
from masthead.sdk.outlets import TYPOLOGY

PHRASES = Wording(
    {
        "en": {
            "headline.wire": "Wire story from {outlet}",
            "headline.wire_with": "Wire story from {outlet}, with {others}",
            "headline.sister": (
                "From a sister title — first published by {outlet}, also owned by {owner}"
            ),
            "headline.cc": (
                "Republished under a Creative Commons licence — first published by {outlet}"
            ),
            "headline.cc_terms": (
                "Republished under a Creative Commons licence ({licence}) — first published "
                "by {outlet}"
            ),
            "headline.opinion": "Syndicated opinion — distributed by {outlet}",
            "headline.crosspost": "Cross-posted by the author — first published by {outlet}",
            "headline.republished": "Republished — first published by {outlet}",
            "origin.wire": "Wire copy: this text appeared earlier from {outlet}{when}; {share}.",
            "origin.sister": (
                "From a sister title: this text appeared earlier on {domain}{when}, also owned "
                "by {owner}; {share}."
            ),
            "origin.earlier": (
                "The text of this article appeared earlier on {domain}{when}: {share}."
            ),
            "origin.share": "{percent}% of its text matches",
            "origin.hour": "one hour before",
            "origin.hours": "{count} hours before",
            "origin.day": "one day before",
            "origin.days": "{count} days before",
            "unknown": "Masthead's outlet registry has no record of this outlet.",
            "owned_by": "owned by {owner}",
            "list.and": "{items} and {last}",
            "link.original": "Read the original",
            "link.home": "{outlet} home page",
            "link.earlier": "Where it appeared earlier",
            # The State Media Monitor's own wording for its typology codes.
            **{f"typology.{code}": words for code, words in TYPOLOGY.items()},
        },
        "de": {
            "headline.wire": "Agenturmeldung von {outlet}",
            "headline.wire_with": "Agenturmeldung von {outlet}, mit {others}",
            "headline.sister": (
                "Von einem Schwestertitel – zuerst veröffentlicht von {outlet}, ebenfalls im "
                "Besitz von {owner}"
            ),
            "headline.cc": (
                "Unter einer Creative-Commons-Lizenz wiederveröffentlicht – zuerst veröffentlicht "
                "von {outlet}"
            ),
            "headline.cc_terms": (
                "Unter einer Creative-Commons-Lizenz ({licence}) wiederveröffentlicht – zuerst "
                "veröffentlicht von {outlet}"
            ),
            "headline.opinion": "Syndizierter Meinungsbeitrag – verbreitet von {outlet}",
            "headline.crosspost": (
                "Vom Autor auch hier veröffentlicht – zuerst veröffentlicht von {outlet}"
            ),
            "headline.republished": "Wiederveröffentlicht – zuerst veröffentlicht von {outlet}",
            "origin.wire": "Agenturtext: Dieser Text erschien zuvor bei {outlet}{when}; {share}.",
            "origin.sister": (
                "Von einem Schwestertitel: Dieser Text erschien zuvor auf {domain}{when}, "
                "ebenfalls im Besitz von {owner}; {share}."
            ),
            "origin.earlier": (
                "Der Text dieses Artikels erschien zuvor auf {domain}{when}: {share}."
            ),
            "origin.share": "{percent} % des Textes stimmen überein",
            "origin.hour": "eine Stunde früher",
            "origin.hours": "{count} Stunden früher",
            "origin.day": "einen Tag früher",
            "origin.days": "{count} Tage früher",
            "unknown": "Das Medienverzeichnis von Masthead hat keinen Eintrag zu diesem Medium.",
            "owned_by": "im Besitz von {owner}",
            "list.and": "{items} und {last}",
            "link.original": "Zum Original",
            "link.home": "Startseite von {outlet}",
            "link.earlier": "Wo der Text zuvor erschien",
            "typology.SC": "staatlich kontrollierte Medien",
            "typology.CaPu": "vereinnahmte öffentliche/staatlich verwaltete Medien",
            "typology.CaPr": "vereinnahmte private Medien",
            "typology.ISFM": "unabhängige, staatlich finanzierte und staatlich verwaltete Medien",
            "typology.ISF": "unabhängige, staatlich finanzierte Medien",
            "typology.ISM": "unabhängige, staatlich verwaltete Medien",
            "typology.IP": "unabhängige öffentlich-rechtliche Medien",
        },
        "fr": {
            "headline.wire": "Dépêche de {outlet}",
            "headline.wire_with": "Dépêche de {outlet}, avec {others}",
            "headline.sister": (
                "D'un titre du même groupe — publié d'abord par {outlet}, également détenu par "
                "{owner}"
            ),
            "headline.cc": ("Republié sous licence Creative Commons — publié d'abord par {outlet}"),
            "headline.cc_terms": (
                "Republié sous licence Creative Commons ({licence}) — publié d'abord par {outlet}"
            ),
            "headline.opinion": "Tribune syndiquée — diffusée par {outlet}",
            "headline.crosspost": "Republié par l'auteur — publié d'abord par {outlet}",
            "headline.republished": "Republié — publié d'abord par {outlet}",
            "origin.wire": "Dépêche : ce texte est paru plus tôt chez {outlet}{when} ; {share}.",
            "origin.sister": (
                "D'un titre du même groupe : ce texte est paru plus tôt sur {domain}{when}, "
                "également détenu par {owner} ; {share}."
            ),
            "origin.earlier": (
                "Le texte de cet article est paru plus tôt sur {domain}{when} : {share}."
            ),
            "origin.share": "{percent} % de son texte correspond",
            "origin.hour": "une heure avant",
            "origin.hours": "{count} heures avant",
            "origin.day": "un jour avant",
            "origin.days": "{count} jours avant",
            "unknown": "Le registre des médias de Masthead n'a aucune fiche sur ce média.",
            "owned_by": "détenu par {owner}",
            "list.and": "{items} et {last}",
            "link.original": "Lire l'original",
            "link.home": "Page d'accueil de {outlet}",
            "link.earlier": "Où ce texte est paru avant",
            "typology.SC": "médias contrôlés par l'État",
            "typology.CaPu": "médias publics ou gérés par l'État, capturés",
            "typology.CaPr": "médias privés capturés",
            "typology.ISFM": "médias indépendants financés et gérés par l'État",
            "typology.ISF": "médias indépendants financés par l'État",
            "typology.ISM": "médias indépendants gérés par l'État",
            "typology.IP": "médias publics indépendants",
        },
        "es": {
            "headline.wire": "Noticia de agencia de {outlet}",
            "headline.wire_with": "Noticia de agencia de {outlet}, con {others}",
            "headline.sister": (
                "De un medio hermano — publicado primero por {outlet}, también propiedad de {owner}"
            ),
            "headline.cc": (
                "Republicado con una licencia Creative Commons — publicado primero por {outlet}"
            ),
            "headline.cc_terms": (
                "Republicado con una licencia Creative Commons ({licence}) — publicado primero "
                "por {outlet}"
            ),
            "headline.opinion": "Columna de opinión sindicada — distribuida por {outlet}",
            "headline.crosspost": (
                "Publicado también por su autor — publicado primero por {outlet}"
            ),
            "headline.republished": "Republicado — publicado primero por {outlet}",
            "origin.wire": (
                "Texto de agencia: este texto apareció antes en {outlet}{when}; {share}."
            ),
            "origin.sister": (
                "De un medio hermano: este texto apareció antes en {domain}{when}, también "
                "propiedad de {owner}; {share}."
            ),
            "origin.earlier": (
                "El texto de este artículo apareció antes en {domain}{when}: {share}."
            ),
            "origin.share": "coincide el {percent} % de su texto",
            "origin.hour": "una hora antes",
            "origin.hours": "{count} horas antes",
            "origin.day": "un día antes",
            "origin.days": "{count} días antes",
            "unknown": "El registro de medios de Masthead no tiene datos de este medio.",
            "owned_by": "propiedad de {owner}",
            "list.and": "{items} y {last}",
            "link.original": "Leer el original",
            "link.home": "Página de inicio de {outlet}",
            "link.earlier": "Dónde apareció antes",
            "typology.SC": "medios controlados por el Estado",
            "typology.CaPu": "medios públicos o gestionados por el Estado, capturados",
            "typology.CaPr": "medios privados capturados",
            "typology.ISFM": "medios independientes financiados y gestionados por el Estado",
            "typology.ISF": "medios independientes financiados por el Estado",
            "typology.ISM": "medios independientes gestionados por el Estado",
            "typology.IP": "medios públicos independientes",
        },
    }
)
