"""StreamField blocks of dialogue pages, one module per family.

Each block documents the JSON its ``get_api_representation`` returns in an
``api_schema`` (JSON Schema) so the headless API stays typed and stable. Struct blocks whose
JSON is simply their children's use Wagtail's own recursive ``get_api_representation``.
"""
