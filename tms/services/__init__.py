"""The operations users run: import, update, prefill, review, compile, status, render."""
