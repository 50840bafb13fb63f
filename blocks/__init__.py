"""StreamField blocks of dialogue pages, one module per family.

Each block documents the JSON its ``get_api_representation`` returns in an
``api_schema`` (JSON Schema) so the headless API stays typed and stable.
"""
