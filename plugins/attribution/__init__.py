"""Source attribution: who published this, who wrote it, where it came from, how its claims
are sourced."""
