"""Bulletins: issues composed from published articles of any site, rendered as e-mail, PDF and
a web archive page, and sent to subscribers who confirmed their address."""
