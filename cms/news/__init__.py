"""News content: home, section, article and standard pages, authors and topics."""
