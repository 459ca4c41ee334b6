"""Cleaning and splitting of source articles: pure functions, text in, blocks and segments out."""
