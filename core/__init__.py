"""The htdy core: plugin host, configuration, data model, services, API and CLI."""
