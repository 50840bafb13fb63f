"""Dialogue pages: the content model, admin and (later) the headless API of citizen dialogues."""
