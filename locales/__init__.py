"""Languages: the registry of editions, Lao registration, UI catalogues and text normalisation."""
