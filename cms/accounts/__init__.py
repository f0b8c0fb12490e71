"""Accounts: the first administrator of an instance, and how people log in (throttling,
lockout, second factor)."""
