"""The mail outbox: every e-mail the CMS sends is stored first (``OutboxBackend``) and delivered
by the task worker, retried with back-off while the mail server is down, sent once, and listed
for administrators when it finally fails."""
