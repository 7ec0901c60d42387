"""Ad/promo stripper: where the article is, and which blocks in and around it are not the
article."""
