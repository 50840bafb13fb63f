"""The headless dialogue API v1 (django-ninja), served from the published read model."""
