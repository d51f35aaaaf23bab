"""pytest plugin for htdy plugin authors (fixtures ``htdy_app`` / ``htdy_client``).

Placeholder until the app factory lands; the API work replaces this module."""
