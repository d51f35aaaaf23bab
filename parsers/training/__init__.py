"""Corpus factory: invented labelled CVs for training and evaluating the parser (never imported at run time)."""
