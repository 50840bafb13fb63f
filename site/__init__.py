"""The bundled host Wagtail project (imported as ``dialogue_site``)."""
